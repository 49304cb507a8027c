package io.github.lgtmbootstrap.testkit.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lgtmbootstrap.testkit.model.LogEntry;
import io.github.lgtmbootstrap.testkit.model.Metric;
import io.github.lgtmbootstrap.testkit.model.NumberPoint;
import io.github.lgtmbootstrap.testkit.model.Span;
import io.github.lgtmbootstrap.testkit.query.BackendQueryException;
import io.github.lgtmbootstrap.testkit.query.QueryResult;
import io.github.lgtmbootstrap.testkit.query.TelemetryQuery;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RemoteTelemetrySourceTest {

  static final Instant SINCE = Instant.ofEpochSecond(1795646000L);
  static final TelemetryQuery CHECKOUT = TelemetryQuery.since(SINCE).withResourceAttribute("service.name", "checkout");

  private final FixtureStub tempo = FixtureStub.tempo();
  private final FixtureStub loki = FixtureStub.loki();
  private final FixtureStub prometheus = FixtureStub.prometheus();

  RemoteTelemetrySourceTest() {
    UnrecordedAnswers.targetInfoOfCheckout(prometheus, false);
  }

  @AfterEach
  void stopStubs() {
    tempo.close();
    loki.close();
    prometheus.close();
  }

  private RemoteTelemetrySource.Builder builder() {
    return RemoteTelemetrySource.builder()
        .setTempoUrl(tempo.url())
        .setLokiUrl(loki.url())
        .setPrometheusUrl(prometheus.url())
        .setGrafanaUrl(URI.create("http://grafana.test:3000/"))
        .addHeader("Authorization", "Basic dXNlcjpzM2NyM3Q=")
        .setClock(Clock.fixed(Instant.ofEpochSecond(1795649600L), ZoneOffset.UTC));
  }

  private void assertAllRequestsWereRecorded() {
    assertThat(tempo.unmatched()).isEmpty();
    assertThat(loki.unmatched()).isEmpty();
    assertThat(prometheus.unmatched()).isEmpty();
  }

  @Test
  void spansSearchByResourceThenFetchWholeTraces() {
    QueryResult<Span> result = builder().build().spans(CHECKOUT);

    assertAllRequestsWereRecorded();
    assertThat(result.items()).extracting(Span::name).containsExactly("POST /checkout", "charge-card");
    assertThat(result.query()).isEqualTo("{resource.service.name=\"checkout\"}");
    assertThat(tempo.received()).extracting(FixtureStub.Received::path)
        .containsExactly("/api/status/buildinfo", "/api/search", "/api/traces/5b8efff798038103d269b633813fc60c");
    // Tempo 2.8.2 has no query_end_cutoff: its configuration is not asked for
    assertThat(tempo.received().get(1).param("start")).isEqualTo("1795645999");
    assertThat(tempo.received().get(1).param("end")).isEqualTo("1795649660");
    assertThat(tempo.received()).allSatisfy(r ->
        assertThat(r.headers()).containsEntry("Authorization", "Basic dXNlcjpzM2NyM3Q="));
    assertThat(explorePanes(result)).contains("\"queryType\":\"traceql\"")
        .contains("\"query\":\"{resource.service.name=\\\"checkout\\\"}\"")
        .contains("\"uid\":\"tempo\"").contains("\"from\":\"1795645940000\"");
  }

  @Test
  void spansWithKnownTraceIdUseTraceByIdWithoutSearch() {
    QueryResult<Span> result = builder().build().spans(CHECKOUT.withTraceId("5B8EFFF798038103D269B633813FC60C"));

    assertAllRequestsWereRecorded();
    assertThat(tempo.received()).extracting(FixtureStub.Received::path)
        .containsExactly("/api/traces/5b8efff798038103d269b633813fc60c");
    assertThat(result.items()).hasSize(2);
    assertThat(result.query()).isEqualTo("5b8efff798038103d269b633813fc60c");
  }

  @Test
  void spansOfOtherResourcesOrOlderThanSinceAreLeftOut() {
    RemoteTelemetrySource source = builder().build();
    TelemetryQuery otherService = TelemetryQuery.since(SINCE).withTraceId("5b8efff798038103d269b633813fc60c")
        .withResourceAttribute("service.name", "billing");
    assertThat(source.spans(otherService).items()).isEmpty();
    // the child span ended at .024 s, the root at .104 s past that second
    TelemetryQuery later = new TelemetryQuery(Instant.ofEpochSecond(1795649567L, 50_000_000L), java.util.Map.of(),
        java.util.Optional.empty(), java.util.Optional.of("5b8efff798038103d269b633813fc60c"));
    assertThat(source.spans(later).items()).extracting(Span::name).containsExactly("POST /checkout");
  }

  @Test
  void logsQueryLokiByServiceNameWithCategorizedLabels() {
    QueryResult<LogEntry> result = builder().build().logs(CHECKOUT);

    assertAllRequestsWereRecorded();
    assertThat(result.query()).isEqualTo("{service_name=\"checkout\"}");
    assertThat(loki.received().get(0).headers()).containsEntry("X-Loki-Response-Encoding-Flags", "categorize-labels");
    assertThat(result.items()).hasSize(3).allSatisfy(entry ->
        assertThat(entry.resource()).containsEntry("service.name", "checkout"));
    assertThat(explorePanes(result)).contains("\"expr\":\"{service_name=\\\"checkout\\\"}\"").contains("\"uid\":\"loki\"");
  }

  @Test
  void logQlForOtherResourceAttributesFiltersOnLabelsOrStructuredMetadata() {
    assertThat(LokiSource.logQlFor(
        java.util.Map.of("lgtm.test.run.id", "r-1", "service.name", "checkout"), java.util.Optional.empty()))
        .isEqualTo("{service_name=\"checkout\"} | lgtm_test_run_id=\"r-1\"");
    assertThat(LokiSource.logQlFor(java.util.Map.of("lgtm.test.run.id", "a\"b"),
        java.util.Optional.of("ABC")))
        .isEqualTo("{service_name=~\".+\"} | lgtm_test_run_id=\"a\\\"b\" | trace_id=\"abc\"");
    assertThat(TempoSource.traceQlFor(java.util.Map.of("lgtm.test.run.id", "r-1", "service.name", "x")))
        .isEqualTo("{resource.lgtm.test.run.id=\"r-1\" && resource.service.name=\"x\"}");
    assertThat(TempoSource.traceQlFor(java.util.Map.of())).isEqualTo("{}");
    assertThat(PrometheusSource.targetInfoFor(java.util.Map.of("lgtm.test.run.id", "r-1")))
        .isEqualTo("target_info{lgtm_test_run_id=\"r-1\"}");
  }

  @Test
  void metricsAreFoundByTheirOpenTelemetryNameAndJoinedToTargetInfo() {
    QueryResult<Metric> result = builder().build().metrics(CHECKOUT.withName("checkout.orders"));

    assertAllRequestsWereRecorded();
    assertThat(result.query()).isEqualTo("label_values(__name__) belonging to checkout.orders\n"
        + "checkout_orders_total\n"
        + "target_info{job=~\"(.+/)?checkout\"}");
    assertThat(result.items()).singleElement().satisfies(metric -> {
      assertThat(metric.name()).isEqualTo("checkout.orders");
      assertThat(metric.storedName()).isEqualTo("checkout_orders_total");
      assertThat(metric.resource()).containsEntry("telemetry.sdk.name", "opentelemetry");
      assertThat(((NumberPoint) metric.points().get(0)).value()).isEqualTo(7.0);
    });
    assertThat(explorePanes(result)).contains("\"expr\":\"checkout_orders_total\"").contains("\"uid\":\"prometheus\"");
  }

  @Test
  void metricsOfAnotherResourceAreLeftOut() {
    // target_info for service_name="checkout" is recorded; the series' own labels say service_name=checkout,
    // so asking for another service.instance.id must leave it out
    TelemetryQuery query = CHECKOUT.withResourceAttribute("service.instance.id", "checkout-2")
        .withName("checkout.orders");
    RemoteTelemetrySource source = builder().build();
    assertThatThrownBy(() -> source.metrics(query)).isInstanceOf(BackendQueryException.class)
        .hasMessageContaining("target_info{job=~\"(.+/)?checkout\",instance=\"checkout-2\"}");
    assertThat(prometheus.unmatched()).hasSize(1);
  }

  @Test
  void metricNotThereYetIsAnEmptyResultSayingWhatWasLookedFor() {
    QueryResult<Metric> result = builder().build().metrics(CHECKOUT.withName("checkout.refunds"));
    assertAllRequestsWereRecorded();
    assertThat(result.items()).isEmpty();
    assertThat(result.query()).contains("no series named like checkout_refunds");
    assertThat(explorePanes(result)).contains("\"expr\":\"{__name__=~\\\"checkout_refunds.*\\\"}\"");
  }

  @Test
  void metricsWithoutNameOrResourceAreRejected() {
    assertThatThrownBy(() -> builder().build().metrics(TelemetryQuery.since(SINCE)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs a metric name or a resource");
  }

  @Test
  void metricsWithoutNameListTheSeriesOfTheMatchingResources() {
    // target_info is recorded; the job/instance selector was not, so its answer here is the stub's 404
    assertThatThrownBy(() -> builder().build().metrics(CHECKOUT))
        .isInstanceOf(BackendQueryException.class)
        .hasMessageContaining("query: {job=\"shop/checkout\",instance=\"checkout-1\"}");
    assertThat(prometheus.unmatched()).singleElement().asString()
        .contains("query={job=\"shop/checkout\",instance=\"checkout-1\"}");
  }

  @Test
  void traceQlReturnsOnlyMatchedSpans() {
    QueryResult<Span> result = builder().build()
        .traceql("{resource.service.name=\"checkout\"}", TelemetryQuery.since(SINCE));
    assertAllRequestsWereRecorded();
    assertThat(result.items()).hasSize(2);
    assertThat(result.query()).isEqualTo("{resource.service.name=\"checkout\"}");
  }

  @Test
  void logQlAndPromQlPassThrough() {
    RemoteTelemetrySource source = builder().build();
    QueryResult<LogEntry> logs = source.logql("{service_name=\"checkout\"}", TelemetryQuery.since(SINCE));
    QueryResult<Metric> metrics = source.promql("checkout_orders_total", CHECKOUT);

    assertAllRequestsWereRecorded();
    assertThat(logs.items()).hasSize(3);
    assertThat(metrics.items()).singleElement().satisfies(metric -> {
      assertThat(metric.name()).isEqualTo("checkout_orders_total");
      assertThat(metric.resource()).containsEntry("telemetry.sdk.language", "java");
    });
    assertThat(metrics.query()).startsWith("checkout_orders_total");
  }

  @Test
  void storeErrorsSurfaceWithTheStoreTextUrlAndQuery() {
    RemoteTelemetrySource source = builder().build();
    assertThatThrownBy(() -> source.promql("sum(rate(checkout_orders_total[5m])", TelemetryQuery.since(SINCE)))
        .isInstanceOf(BackendQueryException.class)
        .hasMessageContaining("Prometheus rejected the query with HTTP 400 when asked to run this PromQL: the "
            + "PromQL does not parse")
        .hasMessageContaining("Prometheus said: bad_data: invalid parameter")
        .hasMessageContaining(prometheus.url() + "/api/v1/query?query=sum%28rate%28checkout_orders_total%5B5m%5D%29")
        .hasMessageContaining("query: sum(rate(checkout_orders_total[5m])")
        .hasMessageNotContaining("dXNlcjpzM2NyM3Q=");
    // a query the stores were never asked while recording: the stub answers 404 and the test would notice
    assertThatThrownBy(() -> source.logql("{service_name=\"checkout\"", TelemetryQuery.since(SINCE)))
        .isInstanceOf(BackendQueryException.class)
        .hasMessageContaining(loki.url() + "/loki/api/v1/query_range?query=");
  }

  @Test
  void redirectsAreNotFollowedSoHeadersStayWithTheConfiguredHost() {
    loki.answerEverythingWith(302, "text/plain", "moved");
    assertThatThrownBy(() -> builder().build().logs(CHECKOUT))
        .isInstanceOf(BackendQueryException.class)
        .hasMessageContaining("Loki failed with HTTP 302: moved");
    assertThat(loki.received()).hasSize(1);
  }

  @Test
  void readinessReportsEachStore() {
    RemoteTelemetrySource source = builder().build();
    assertThat(source.storesNotReady()).isEmpty();
    loki.close();
    assertThat(source.storesNotReady()).singleElement().asString().startsWith("Loki (");
    assertThatThrownBy(() -> source.awaitReady(Duration.ofMillis(300)))
        .hasMessageContaining("LGTM stores not ready after 300 ms: Loki");
  }

  @Test
  void withoutGrafanaThereIsNoExploreLink() {
    RemoteTelemetrySource source = RemoteTelemetrySource.builder().setTempoUrl(tempo.url())
        .setLokiUrl(loki.url()).setPrometheusUrl(prometheus.url()).build();
    assertThat(source.logs(CHECKOUT).exploreUrl()).isEmpty();
  }

  @Test
  void toStringNeverShowsHeaderValuesOrPasswords() {
    String text = builder().setGrafanaUrl(URI.create("http://admin:hunter2@grafana.test:3000")).build().toString();
    assertThat(text).doesNotContain("dXNlcjpzM2NyM3Q=").doesNotContain("hunter2").contains("headers=1 (values hidden)");
  }

  @Test
  void buildListsEveryProblem() {
    assertThatThrownBy(() -> RemoteTelemetrySource.builder().setLokiUrl(URI.create("localhost:3100"))
        .setRequestTimeout(Duration.ZERO).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Tempo URL is missing")
        .hasMessageContaining("Loki URL 'localhost:3100' is not an http(s) URL")
        .hasMessageContaining("Prometheus URL is missing")
        .hasMessageContaining("request timeout PT0S is not positive");
  }

  private static String explorePanes(QueryResult<?> result) {
    URI url = result.exploreUrl().orElseThrow();
    assertThat(url.toString()).startsWith("http://grafana.test:3000/explore?schemaVersion=1&orgId=1&panes=")
        .doesNotContain(" ").doesNotContain("\"").doesNotContain("{");
    String raw = url.getRawQuery();
    return URLDecoder.decode(raw.substring(raw.indexOf("panes=") + 6), StandardCharsets.UTF_8);
  }
}
