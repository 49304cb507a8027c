package io.github.lgtmbootstrap.testkit.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lgtmbootstrap.testkit.assertions.Polling;
import io.github.lgtmbootstrap.testkit.assertions.TracesAssert;
import io.github.lgtmbootstrap.testkit.internal.ConfigLookup;
import io.github.lgtmbootstrap.testkit.query.TelemetryQuery;
import io.github.lgtmbootstrap.testkit.query.TelemetrySource;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The checkout assertions against the external backend, configured through its keys, whose Tempo, Loki and
 * Prometheus are loopback stubs answering with what the real stores answered for the same telemetry (Tempo 2.8.2,
 * Loki 3.4.6, Prometheus 3.3.1 here; the versions of grafana/otel-lgtm 0.31.0 in a subclass). Each test also checks
 * that every request the backend sent was one the stores were really asked while recording, or one of the
 * {@link UnrecordedAnswers}.
 */
class StubbedExternalCheckoutAssertionsTest extends CheckoutAssertionsContract {

  private FixtureStub tempo;
  private FixtureStub loki;
  private FixtureStub prometheus;
  private ExternalBackend backend;

  /** The recorded stack the stubs play. */
  FixtureStub.FixtureSet fixtureSet() {
    return FixtureStub.FixtureSet.LEGACY;
  }

  @BeforeEach
  void startStubs() {
    tempo = FixtureStub.tempo(fixtureSet());
    loki = FixtureStub.loki(fixtureSet());
    prometheus = FixtureStub.prometheus(fixtureSet());
    UnrecordedAnswers.register(tempo, prometheus);
    Map<String, String> keys = Map.of(
        ExternalBackend.OTLP_ENDPOINT_KEY, "http://127.0.0.1:4318",
        ExternalBackend.TEMPO_URL_KEY, tempo.url().toString(),
        ExternalBackend.LOKI_URL_KEY, loki.url().toString(),
        ExternalBackend.PROMETHEUS_URL_KEY, prometheus.url().toString(),
        ExternalBackend.GRAFANA_URL_KEY, "http://grafana.test:3000",
        ExternalBackend.HEADERS_KEY, "Authorization=Bearer%20t0k3n");
    backend = ExternalBackend.fromConfig(key -> Optional.ofNullable(keys.get(key))
        .map(value -> new ConfigLookup.Setting(value, "test key " + key)));
  }

  @AfterEach
  void everyRequestWasOneTheRealStoresAnswered() {
    try {
      assertThat(tempo.unmatched()).as("requests to Tempo that were never recorded").isEmpty();
      assertThat(loki.unmatched()).as("requests to Loki that were never recorded").isEmpty();
      assertThat(prometheus.unmatched()).as("requests to Prometheus that were never recorded").isEmpty();
      assertThat(tempo.received()).allSatisfy(r -> assertThat(r.headers()).containsEntry("Authorization", "Bearer t0k3n"));
    } finally {
      tempo.close();
      loki.close();
      prometheus.close();
    }
  }

  @Override
  TelemetrySource source() {
    return backend.source();
  }

  @Override
  TelemetryQuery scope() {
    return TelemetryQuery.since(fixtureSet().since()).withResourceAttribute("service.name", "checkout");
  }

  @Override
  String expectedBadPromQlText() {
    return "Prometheus rejected the query with HTTP 400 when asked to run this PromQL: the PromQL does not parse";
  }

  @Override
  String expectedSpanQueryText() {
    return "{resource.service.name=\"checkout\"}";
  }

  @Test
  void failureCarriesAnExploreLinkForTheTraceQl() {
    TracesAssert quick = new TracesAssert(source(), scope(),
        Polling.of(Duration.ofMillis(300), Duration.ofMillis(50), () -> {}));
    assertThatThrownBy(() -> quick.hasSpan("POST /refund"))
        .hasMessageContaining("Explore: http://grafana.test:3000/explore?schemaVersion=1&orgId=1&panes=")
        .hasMessageNotContaining("t0k3n");
  }

  @Test
  void readinessOfTheStubbedStores() {
    assertThat(((RemoteTelemetrySource) backend.source()).storesNotReady()).isEmpty();
    assertThat(backend.kind()).isEqualTo("external");
    assertThat(backend.sharedBetweenRuns()).isTrue();
    assertThat(backend.otlpEndpoint()).isEqualTo("http://127.0.0.1:4318");
    assertThat(backend.toString()).doesNotContain("t0k3n");
  }
}
