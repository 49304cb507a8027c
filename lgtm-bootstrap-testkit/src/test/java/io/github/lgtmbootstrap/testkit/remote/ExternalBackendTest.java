package io.github.lgtmbootstrap.testkit.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lgtmbootstrap.testkit.internal.ConfigLookup;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

class ExternalBackendTest {

  private static Function<String, Optional<ConfigLookup.Setting>> keys(Map<String, String> values) {
    return key -> Optional.ofNullable(values.get(key)).map(value -> new ConfigLookup.Setting(value, "key " + key));
  }

  private static Map<String, String> complete() {
    Map<String, String> keys = new HashMap<>();
    keys.put(ExternalBackend.OTLP_ENDPOINT_KEY, "https://otlp.example.test/otlp/");
    keys.put(ExternalBackend.TEMPO_URL_KEY, "https://tempo.example.test");
    keys.put(ExternalBackend.LOKI_URL_KEY, "https://loki.example.test");
    keys.put(ExternalBackend.PROMETHEUS_URL_KEY, "https://prometheus.example.test/api/prom");
    return keys;
  }

  private static Map<String, String> pointingAt(FixtureStub tempo, FixtureStub loki, FixtureStub prometheus) {
    Map<String, String> keys = complete();
    keys.put(ExternalBackend.TEMPO_URL_KEY, tempo.url().toString());
    keys.put(ExternalBackend.LOKI_URL_KEY, loki.url().toString());
    keys.put(ExternalBackend.PROMETHEUS_URL_KEY, prometheus.url().toString());
    return keys;
  }

  @Test
  void completeSettingsGiveASharedBackendWithoutTrailingSlash() {
    ExternalBackend backend = ExternalBackend.fromConfig(keys(complete()));
    assertThat(backend.otlpEndpoint()).isEqualTo("https://otlp.example.test/otlp");
    assertThat(backend.kind()).isEqualTo("external");
    assertThat(backend.sharedBetweenRuns()).isTrue();
    assertThat(backend.flushHint()).isPositive();
  }

  @Test
  void everyMissingOrInvalidKeyIsListedOnceWithAnExample() {
    Map<String, String> keys = new HashMap<>();
    keys.put(ExternalBackend.LOKI_URL_KEY, "localhost:3100");
    keys.put(ExternalBackend.GRAFANA_URL_KEY, "ftp://grafana");
    keys.put(ExternalBackend.REQUEST_TIMEOUT_KEY, "soon");
    keys.put(ExternalBackend.DATASOURCE_UIDS_KEY, "tempo=t,jaeger=j");
    assertThatThrownBy(() -> ExternalBackend.fromConfig(keys(keys)))
        .isInstanceOf(ExtensionConfigurationException.class)
        .hasMessageContaining("lgtm.testkit.external.otlp.endpoint is missing; set it (or "
            + "LGTM_TESTKIT_EXTERNAL_OTLP_ENDPOINT) to such as http://localhost:4318")
        .hasMessageContaining("lgtm.testkit.external.tempo.url is missing")
        .hasMessageContaining("lgtm.testkit.external.prometheus.url is missing")
        .hasMessageContaining("key lgtm.testkit.external.loki.url 'localhost:3100' is not an http(s) URL")
        .hasMessageContaining("key lgtm.testkit.external.grafana.url 'ftp://grafana' is not an http(s) URL")
        .hasMessageContaining("'soon' is not a positive duration")
        .hasMessageContaining("has 'jaeger=j'; use tempo=<uid>,loki=<uid>,prometheus=<uid>");
  }

  @Test
  void headerValuesNeverAppearInErrorsOrToString() {
    Map<String, String> keys = complete();
    keys.put(ExternalBackend.HEADERS_KEY, "Authorization=Basic%20c2VjcmV0,no-equals-sign-s3cr3t");
    keys.put(ExternalBackend.TEMPO_URL_KEY, "https://user:hunter2@tempo.example.test@");
    assertThatThrownBy(() -> ExternalBackend.fromConfig(keys(keys)))
        .hasMessageContaining("entry 2 is not name=value (values are hidden)")
        .hasMessageContaining("(a URL with credentials, not shown)")
        .hasMessageNotContaining("s3cr3t").hasMessageNotContaining("c2VjcmV0").hasMessageNotContaining("hunter2");

    keys.put(ExternalBackend.HEADERS_KEY, "Authorization=Basic%20c2VjcmV0, X-Scope-OrgID = tenant-1");
    keys.put(ExternalBackend.TEMPO_URL_KEY, "https://tempo.example.test");
    assertThat(ExternalBackend.fromConfig(keys(keys)).toString())
        .doesNotContain("c2VjcmV0").doesNotContain("tenant-1").contains("headers=2 (values hidden)");
  }

  @Test
  void headersAreSentDecodedWithEveryQuery() {
    try (FixtureStub tempo = FixtureStub.tempo(); FixtureStub loki = FixtureStub.loki();
        FixtureStub prometheus = FixtureStub.prometheus()) {
      Map<String, String> keys = pointingAt(tempo, loki, prometheus);
      keys.put(ExternalBackend.HEADERS_KEY, "Authorization=Basic%20dTpw+,X-Scope-OrgID=tenant-1");
      RemoteTelemetrySource source = (RemoteTelemetrySource) ExternalBackend.fromConfig(keys(keys)).source();

      assertThat(source.storesNotReady()).isEmpty();
      for (FixtureStub stub : new FixtureStub[] {tempo, loki, prometheus}) {
        assertThat(stub.received()).singleElement().satisfies(request -> assertThat(request.headers())
            .containsEntry("Authorization", "Basic dTpw+").containsEntry("X-Scope-OrgID", "tenant-1"));
      }
    }
  }

  @Test
  void requestTimeoutKeyBoundsEachQuery() {
    try (FixtureStub tempo = FixtureStub.tempo(); FixtureStub loki = FixtureStub.loki();
        FixtureStub prometheus = FixtureStub.prometheus()) {
      Map<String, String> keys = pointingAt(tempo, loki, prometheus);
      keys.put(ExternalBackend.REQUEST_TIMEOUT_KEY, "250ms");
      prometheus.hang();
      ExternalBackend backend = ExternalBackend.fromConfig(keys(keys));
      assertThatThrownBy(() -> backend.source().promql("up", io.github.lgtmbootstrap.testkit.query.TelemetryQuery
          .since(java.time.Instant.EPOCH)))
          .hasMessageContaining("Prometheus did not answer within 250 ms");
    }
  }

  @Test
  void timeoutDefaultIsTenSeconds() {
    assertThat(ExternalBackend.fromConfig(keys(complete())).source().toString()).contains("requestTimeout=PT10S");
  }
}
