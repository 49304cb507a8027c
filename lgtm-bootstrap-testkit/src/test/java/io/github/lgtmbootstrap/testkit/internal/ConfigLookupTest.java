package io.github.lgtmbootstrap.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ConfigLookupTest {

  private static final String KEY = "lgtm.testkit.external.otlp.endpoint";

  @Test
  void findsTheDottedSystemProperty() {
    assertThat(ConfigLookup.lookup(KEY, properties(KEY, "http://a:4318"), Map.of()))
        .contains(new ConfigLookup.Setting("http://a:4318", "system property " + KEY));
  }

  @Test
  void readsDashesAsDotsAndIgnoresCaseLikeAutoconfigureNamingTheSpellingUsed() {
    assertThat(ConfigLookup.lookup(KEY, properties("lgtm.testkit.external.otlp-endpoint", "http://b:4318"), Map.of()))
        .contains(new ConfigLookup.Setting("http://b:4318", "system property lgtm.testkit.external.otlp-endpoint"));
    assertThat(ConfigLookup.lookup("lgtm.testkit.container.startup.timeout",
        properties("LGTM.testkit.container.startup-timeout", "5m"), Map.of()))
        .map(ConfigLookup.Setting::value).contains("5m");
  }

  @Test
  void theExactSpellingWinsOverAnotherAndBlankValuesCountAsUnset() {
    Properties both = properties("lgtm.testkit.external.otlp-endpoint", "http://dashed:4318");
    both.setProperty(KEY, "http://dotted:4318");
    assertThat(ConfigLookup.lookup(KEY, both, Map.of())).map(ConfigLookup.Setting::value)
        .contains("http://dotted:4318");

    Properties blankExact = properties(KEY, " ");
    blankExact.setProperty("lgtm.testkit.external.otlp-endpoint", "http://dashed:4318");
    assertThat(ConfigLookup.lookup(KEY, blankExact, Map.of())).map(ConfigLookup.Setting::value)
        .contains("http://dashed:4318");
  }

  @Test
  void environmentVariableNameIsUnchangedAndComesAfterSystemProperties() {
    Map<String, String> environment = Map.of("LGTM_TESTKIT_EXTERNAL_OTLP_ENDPOINT", "http://env:4318");
    assertThat(ConfigLookup.lookup(KEY, new Properties(), environment))
        .contains(new ConfigLookup.Setting("http://env:4318",
            "environment variable LGTM_TESTKIT_EXTERNAL_OTLP_ENDPOINT"));
    assertThat(ConfigLookup.lookup(KEY, properties("lgtm.testkit.external.otlp-endpoint", "http://p:4318"),
        environment)).map(ConfigLookup.Setting::value).contains("http://p:4318");
    assertThat(ConfigLookup.environmentName("lgtm.testkit.external.otlp-endpoint"))
        .isEqualTo(ConfigLookup.environmentName(KEY)).isEqualTo("LGTM_TESTKIT_EXTERNAL_OTLP_ENDPOINT");
  }

  @Test
  void nothingSetIsEmpty() {
    assertThat(ConfigLookup.lookup(KEY, properties("lgtm.testkit.external.otlp", "x"), Map.of()))
        .isEqualTo(Optional.empty());
  }

  private static Properties properties(String key, String value) {
    Properties properties = new Properties();
    properties.setProperty(key, value);
    return properties;
  }

  @Test
  void durationsReadAsCoreReadsThemHoursAndDaysIncluded() {
    assertThat(ConfigLookup.parseDuration(new ConfigLookup.Setting("1h", "k"))).isEqualTo(java.time.Duration.ofHours(1));
    assertThat(ConfigLookup.parseDuration(new ConfigLookup.Setting("2 D", "k"))).isEqualTo(java.time.Duration.ofDays(2));
    assertThat(ConfigLookup.parseDuration(new ConfigLookup.Setting("1500", "k")))
        .isEqualTo(java.time.Duration.ofMillis(1500));
    assertThat(ConfigLookup.parseDuration(new ConfigLookup.Setting("PT3M", "k"))).isEqualTo(java.time.Duration.ofMinutes(3));
  }
}
