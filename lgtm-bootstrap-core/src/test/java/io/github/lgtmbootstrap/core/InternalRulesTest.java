package io.github.lgtmbootstrap.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lgtmbootstrap.core.internal.ConfigKeys;
import io.github.lgtmbootstrap.core.internal.Defaults;
import io.github.lgtmbootstrap.core.internal.GrafanaCloud;
import io.github.lgtmbootstrap.core.internal.Headers;
import io.github.lgtmbootstrap.core.internal.ResourceTweaks;
import io.github.lgtmbootstrap.core.internal.LayeredConfig;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.resources.Resource;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class InternalRulesTest {

  @Test
  void hostedGrafanaEndpointIsNormalisedToTheOtlpBasePath() {
    String base = "https://otlp-gateway-prod-eu-west-2.grafana.net/otlp";
    assertThat(GrafanaCloud.baseEndpoint("prod-eu-west-2")).isEqualTo(base);
    assertThat(GrafanaCloud.baseEndpoint(base)).isEqualTo(base);
    assertThat(GrafanaCloud.baseEndpoint(base + "/")).isEqualTo(base);
    assertThat(GrafanaCloud.baseEndpoint("https://otlp-gateway-prod-eu-west-2.grafana.net")).isEqualTo(base);
    assertThat(GrafanaCloud.baseEndpoint(base + "/v1/traces")).isEqualTo(base);
    assertThatThrownBy(() -> GrafanaCloud.baseEndpoint("http://otlp-gateway-prod-eu-west-2.grafana.net/otlp"))
        .hasMessageContaining("must use https");
  }

  @Test
  void headerListsAreParsedWithoutEchoingValuesOnError() {
    assertThat(Headers.parseRaw("a=1, b = x%20y")).containsExactly(Map.entry("a", "1"), Map.entry("b", "x%20y"));
    assertThatThrownBy(() -> Headers.parseRaw("Authorization=Bearer%zz"))
        .hasMessage("the value of header 'Authorization' is not URL-decodable (encode '%' as %25)");
    assertThatThrownBy(() -> Headers.parseRaw("ok=1,s3cr3t")).hasMessage("entry #2 has no '=' (expected name=value)");
    // curl style: the base64 padding gives an '=', so the secret lands in the would-be name
    assertThatThrownBy(() -> Headers.parseRaw("Authorization: Basic czNjcjN0cHc="))
        .hasMessage("entry #1 has an invalid header name starting 'Authorization': character #14 is not allowed in"
            + " a header name (expected name=value, such as Authorization=Basic%20...)")
        .message()
        .doesNotContain("czNjcjN0cHc");
  }

  @Test
  void credentialsInCommandLineArgumentsAreScrubbedFromTheResource() {
    Resource detected =
        Resource.create(
            Attributes.of(
                AttributeKey.stringArrayKey("process.command_args"),
                List.of("java", "-Dotel.exporter.otlp.headers=Authorization=Basic YWxpY2U6cHc=", "-Dlgtm.basic.auth.token=t0k", "-Xmx1g", "app.Main"),
                AttributeKey.stringKey("service.name"),
                "svc"));
    Resource out = ResourceTweaks.apply(detected, LayeredConfig.of(Map.of(), new Properties(), Map.of(), Map.of()));
    assertThat(out.getAttribute(AttributeKey.stringArrayKey("process.command_args")))
        .containsExactly("java", "-Dotel.exporter.otlp.headers=***", "-Dlgtm.basic.auth.token=***", "-Xmx1g", "app.Main");
    assertThat(out.getAttribute(AttributeKey.stringKey("service.name"))).isEqualTo("svc");
  }

  @Test
  void everyKeyConstantIsDocumentedInTheTableAndDefaultsMatch() throws Exception {
    List<String> constants = new ArrayList<>();
    for (Field f : ConfigKeys.class.getFields()) {
      if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
        constants.add((String) f.get(null));
      }
    }
    List<String> documented = ConfigKeys.TABLE.stream().map(ConfigKeys.KeyDoc::key).toList();
    assertThat(documented).containsAll(constants).doesNotHaveDuplicates();
    Map<String, String> dev = Defaults.forProfile(Defaults.DEV);
    Map<String, String> prod = Defaults.forProfile(Defaults.PRODUCTION);
    for (ConfigKeys.KeyDoc d : ConfigKeys.TABLE) {
      if (dev.containsKey(d.key())) {
        assertThat(d.defaultValue()).as(d.key()).contains(dev.get(d.key()));
      }
      if (prod.containsKey(d.key())) { // dev-only defaults (the queues) leave production to OpenTelemetry's own
        assertThat(d.defaultValue()).as(d.key()).contains(prod.get(d.key()));
      }
    }
    assertThat(ConfigKeys.markdownTable()).contains("| `lgtm.enabled` (`LGTM_ENABLED`) | true |");
  }
}
