package io.github.lgtmbootstrap.testkit.remote;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lgtmbootstrap.testkit.model.Exemplar;
import io.github.lgtmbootstrap.testkit.model.InstrumentationScope;
import io.github.lgtmbootstrap.testkit.model.Metric;
import io.github.lgtmbootstrap.testkit.model.MetricType;
import io.github.lgtmbootstrap.testkit.model.NumberPoint;
import io.github.lgtmbootstrap.testkit.query.QueryResult;
import io.github.lgtmbootstrap.testkit.query.Signal;
import io.github.lgtmbootstrap.testkit.query.TelemetryQuery;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The questions per-test assertions ask a real stack, against recorded Prometheus answers: a series' value at the
 * test's start (an instant query with {@code time}), a histogram's exemplars ({@code /api/v1/query_exemplars}), and
 * which signals keep attribute types.
 */
class PerTestQuestionsTest {

  private static final Instant NOW = Instant.ofEpochSecond(1795894000L);
  private static final TelemetryQuery CHECKOUT = TelemetryQuery.since(Instant.ofEpochSecond(1795893000L))
      .withResourceAttribute("service.name", "checkout");

  private final FixtureStub tempo = FixtureStub.tempo();
  private final FixtureStub loki = FixtureStub.loki();
  private final FixtureStub prometheus = FixtureStub.prometheus();

  @AfterEach
  void stopStubs() {
    tempo.close();
    loki.close();
    prometheus.close();
  }

  private RemoteTelemetrySource source() {
    // target_info is asked for by job since the Prometheus 3.14 work: derived from the recorded answer
    UnrecordedAnswers.targetInfoOfCheckout(prometheus, false);
    return RemoteTelemetrySource.builder()
        .setTempoUrl(tempo.url())
        .setLokiUrl(loki.url())
        .setPrometheusUrl(prometheus.url())
        .setClock(Clock.fixed(NOW, ZoneOffset.UTC))
        .build();
  }

  @Test
  void aSeriesAtTheTestsStartIsAnInstantQueryAtThatTime() {
    Instant testStart = Instant.ofEpochSecond(1795893500L, 250_000_000);

    QueryResult<Metric> result = source().metricsAt(CHECKOUT.withName("checkout.orders"), testStart);

    assertThat(prometheus.unmatched()).isEmpty();
    assertThat(prometheus.received()).filteredOn(r -> r.path().equals("/api/v1/query"))
        .filteredOn(r -> "checkout_orders_total".equals(r.param("query")))
        .singleElement().satisfies(r -> assertThat(r.param("time")).isEqualTo("1795893500.250"));
    assertThat(result.items()).singleElement().satisfies(metric ->
        assertThat(((NumberPoint) metric.points().get(0)).value()).isEqualTo(7.0));
  }

  @Test
  void exemplarsComeFromPrometheusExemplarStorageWithTheirTraceIds() {
    Metric latency = new Metric("checkout.latency", "checkout_latency_seconds", "", "s", MetricType.HISTOGRAM,
        false, List.of(), Map.of("service.name", "checkout", "service.namespace", "shop",
            "service.instance.id", "checkout-1"), InstrumentationScope.UNKNOWN);

    QueryResult<Exemplar> result = source().exemplars(latency, CHECKOUT);

    assertThat(prometheus.unmatched()).isEmpty();
    assertThat(result.query()).isEqualTo("query_exemplars(checkout_latency_seconds_bucket)");
    assertThat(result.items()).singleElement().satisfies(exemplar -> {
      assertThat(exemplar.traceId()).isEqualTo("5b8efff798038103d269b633813fc60c");
      assertThat(exemplar.spanId()).isEqualTo("eee19b7ec3c1b174");
      assertThat(exemplar.value()).isEqualTo(0.7);
      assertThat(exemplar.epochNanos()).isEqualTo(1795893990514L * 1_000_000L);
    });
  }

  @Test
  void exemplarsOfAnotherServiceDoNotCount() {
    Metric other = new Metric("checkout.latency", "checkout_latency_seconds", "", "s", MetricType.HISTOGRAM,
        false, List.of(), Map.of("service.name", "payments"), InstrumentationScope.UNKNOWN);

    assertThat(source().exemplars(other, CHECKOUT).items()).isEmpty();
  }

  @Test
  void onlyTempoKeepsAttributeTypes() {
    RemoteTelemetrySource source = source();
    assertThat(source.keepsAttributeTypes(Signal.TRACES)).isTrue();
    assertThat(source.keepsAttributeTypes(Signal.LOGS)).isFalse();
    assertThat(source.keepsAttributeTypes(Signal.METRICS)).isFalse();
  }
}
