package io.github.lgtmbootstrap.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lgtmbootstrap.core.internal.LayeredConfig;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class LayeredConfigTest {

  private static Properties props(String... kv) {
    Properties p = new Properties();
    for (int i = 0; i < kv.length; i += 2) {
      p.setProperty(kv[i], kv[i + 1]);
    }
    return p;
  }

  @Test
  void builderWinsOverSystemPropertyOverEnvironmentOverDefault() {
    String key = "otel.exporter.otlp.endpoint";
    Map<String, String> dflt = Map.of(key, "http://default:4318");
    Map<String, String> env = Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://env:4318");
    Properties sys = props(key, "http://sys:4318");
    Map<String, String> builder = Map.of(key, "http://builder:4318");

    assertThat(LayeredConfig.of(Map.of(), new Properties(), Map.of(), dflt).get(key)).hasValue("http://default:4318");
    assertThat(LayeredConfig.of(Map.of(), new Properties(), env, dflt).get(key)).hasValue("http://env:4318");
    assertThat(LayeredConfig.of(Map.of(), sys, env, dflt).get(key)).hasValue("http://sys:4318");
    LayeredConfig all = LayeredConfig.of(builder, sys, env, dflt);
    assertThat(all.get(key)).hasValue("http://builder:4318");
    assertThat(all.sourceOf(key)).isEqualTo("builder");
  }

  @Test
  void environmentNamesAndDashedKeysAreNormalisedLikeAutoconfigure() {
    LayeredConfig c =
        LayeredConfig.of(
            Map.of(), props("lgtm.shutdown-hook.enabled", "false"), Map.of("LGTM_ADDONS_DISABLED", "logback"), Map.of());
    assertThat(c.get("lgtm.addons.disabled")).hasValue("logback");
    assertThat(c.sourceOf("lgtm.addons.disabled")).isEqualTo("environment variable LGTM_ADDONS_DISABLED");
    assertThat(c.get("lgtm.shutdown.hook.enabled")).hasValue("false");
  }

  @Test
  void blankValuesCountAsUnset() {
    LayeredConfig c = LayeredConfig.of(Map.of("otel.service.name", " "), new Properties(), Map.of(), Map.of("otel.service.name", "d"));
    assertThat(c.get("otel.service.name")).hasValue("d");
    assertThat(c.isUserSet("otel.service.name")).isFalse();
  }

  @Test
  void secretsAndUrlCredentialsAreShownRedacted() {
    assertThat(LayeredConfig.shown("otel.exporter.otlp.headers", "Authorization=Basic abc")).isEqualTo("***");
    assertThat(LayeredConfig.shown("lgtm.grafana.cloud.token", "glc_xyz")).isEqualTo("***");
    assertThat(LayeredConfig.shown("lgtm.basic.auth.user", "alice")).isEqualTo("alice");
    assertThat(LayeredConfig.shown("otel.exporter.otlp.endpoint", "https://u:p4ss@host:4318/x"))
        .isEqualTo("https://***@host:4318/x");
  }
}
