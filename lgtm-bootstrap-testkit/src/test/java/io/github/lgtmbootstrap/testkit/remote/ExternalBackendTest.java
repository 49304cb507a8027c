package io.github.lgtmbootstrap.testkit.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lgtmbootstrap.testkit.internal.ConfigLookup;
import io.github.lgtmbootstrap.testkit.query.TelemetryQuery;
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
  void userInfoInAnyUrlKeyNeverAppearsInErrorsToStringOrQueryFailures() throws Exception {
    String secret = "S3CRETtok9x";
    int refused;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      refused = s.getLocalPort();
    }
    String[] urlKeys = {ExternalBackend.OTLP_ENDPOINT_KEY, ExternalBackend.TEMPO_URL_KEY,
        ExternalBackend.LOKI_URL_KEY, ExternalBackend.PROMETHEUS_URL_KEY, ExternalBackend.GRAFANA_URL_KEY};
    String[] invalidShapes = {"user:" + secret + "@127.0.0.1:" + refused, "ftp://user:" + secret + "@127.0.0.1",
        "http://user:" + secret + "@", "http://user:" + secret + "@host/a b"};
    java.util.Base64.Encoder b64 = java.util.Base64.getEncoder();
    String[] forbidden = {secret, b64.encodeToString(("user:" + secret).getBytes(java.nio.charset.StandardCharsets.UTF_8))};
    for (String key : urlKeys) {
      for (String shape : invalidShapes) {
        Map<String, String> keys = complete();
        keys.put(key, shape);
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> ExternalBackend.fromConfig(keys(keys)));
        assertThat(thrown).as("%s = %s", key, shape).isInstanceOf(ExtensionConfigurationException.class);
        for (String f : forbidden) {
          assertThat(thrown.toString()).as(key).doesNotContain(f);
        }
      }
      Map<String, String> valid = complete();
      valid.put(key, "http://user:" + secret + "@127.0.0.1:" + refused);
      ExternalBackend backend = ExternalBackend.fromConfig(keys(valid));
      StringBuilder seen = new StringBuilder(backend.toString()).append(backend.source());
      TelemetryQuery since = TelemetryQuery.since(java.time.Instant.EPOCH);
      for (Runnable query : new Runnable[] {() -> backend.source().spans(since), () -> backend.source().logs(since),
          () -> backend.source().metrics(since)}) {
        try {
          query.run();
        } catch (RuntimeException e) {
          for (Throwable t = e; t != null; t = t.getCause()) {
            seen.append('\n').append(t);
          }
        }
      }
      for (String f : forbidden) {
        assertThat(seen.toString()).as(key).doesNotContain(f);
      }
    }
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
