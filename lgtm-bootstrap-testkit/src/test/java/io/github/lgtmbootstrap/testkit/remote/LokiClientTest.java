package io.github.lgtmbootstrap.testkit.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lgtmbootstrap.testkit.model.LogEntry;
import io.github.lgtmbootstrap.testkit.query.BackendQueryException;
import io.opentelemetry.api.logs.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LokiClientTest {

  static final Instant SINCE = Instant.ofEpochSecond(1795646000L);
  static final Instant UNTIL = Instant.ofEpochSecond(1795649660L);
  static final String SELECTOR = "{service_name=\"checkout\"}";

  private final FixtureStub stub = FixtureStub.loki();

  @AfterEach
  void stopStub() {
    stub.close();
  }

  private LokiClient client(boolean categorize) {
    return new LokiClient(TempoClientTest.http(stub, "Loki", Duration.ofSeconds(5)), categorize);
  }

  private static List<LogEntry> entries(List<LokiClient.Line> lines) {
    return lines.stream().map(line -> LokiLogMapper.toEntry(line, Set.of())).toList();
  }

  @Test
  void defaultEncodingMapsStructuredMetadataIntoRecordFieldsResourceAndAttributes() {
    List<LogEntry> entries = entries(client(false).queryRange(SELECTOR, SINCE, UNTIL, 100));

    assertThat(stub.unmatched()).isEmpty();
    FixtureStub.Received request = stub.received().get(0);
    assertThat(request.param("start")).isEqualTo("1795646000000000000");
    assertThat(request.param("end")).isEqualTo("1795649660000000000");
    assertThat(request.headers()).doesNotContainKey(LokiClient.ENCODING_FLAGS_HEADER);
    assertRecordedEntries(entries);
  }

  @Test
  void categorizeLabelsEncodingGivesTheSameEntries() {
    List<LogEntry> categorized = entries(client(true).queryRange(SELECTOR, SINCE, UNTIL, 100));

    assertThat(stub.unmatched()).isEmpty();
    assertThat(stub.received().get(0).headers())
        .containsEntry(LokiClient.ENCODING_FLAGS_HEADER, "categorize-labels");
    assertRecordedEntries(categorized);
  }

  private static void assertRecordedEntries(List<LogEntry> entries) {
    // newest first, as Loki's default backward direction returns them
    assertThat(entries).extracting(LogEntry::body).containsExactly(
        "inventory reservation failed: out of stock",
        "payment provider slow, retrying",
        "checkout started for order ord-42");
    LogEntry error = entries.get(0);
    assertThat(error.severity()).isEqualTo(Severity.ERROR);
    assertThat(error.severityText()).isEqualTo("ERROR");
    assertThat(error.epochNanos()).isEqualTo(1795649567103271513L);
    assertThat(error.traceId()).isEqualTo("5b8efff798038103d269b633813fc60c");
    assertThat(error.spanId()).isEqualTo("eee19b7ec3c1b174");
    assertThat(error.scope().name()).isEqualTo("com.example.checkout");
    assertThat(error.scope().version()).isEqualTo("0.1.0");
    assertThat(error.resource()).containsEntry("service.name", "checkout")
        .containsEntry("service.namespace", "shop").containsEntry("service.version", "1.2.3")
        .containsEntry("service.instance.id", "checkout-1").containsEntry("deployment.environment", "test")
        .containsEntry("host.name", "devbox").containsEntry("telemetry.sdk.language", "java");
    assertThat(error.attributes()).containsOnlyKeys("exception_type")
        .containsEntry("exception_type", "com.example.OutOfStockException");
    assertThat(entries.get(1).severity()).isEqualTo(Severity.WARN);
    assertThat(entries.get(1).attributes()).containsEntry("payment_provider", "acme-pay").containsEntry("retry", "1");
    assertThat(entries.get(2).severity()).isEqualTo(Severity.INFO);
    assertThat(entries.get(2).attributes()).containsEntry("order_id", "ord-42")
        .containsEntry("code_function", "CheckoutController.checkout");
  }

  @Test
  void defaultWindowOmitsStartEndAndLimit() {
    assertThat(client(false).queryRange(SELECTOR, null, null, 0)).hasSize(3);
    assertThat(stub.unmatched()).isEmpty();
    assertThat(stub.received().get(0).params()).extracting(p -> p.getKey()).containsExactly("query");
  }

  @Test
  void structuredMetadataFilterPassesThrough() {
    String logql = SELECTOR + " | trace_id=\"5b8efff798038103d269b633813fc60c\" | severity_text=\"ERROR\"";
    List<LogEntry> entries = entries(client(false).queryRange(logql, SINCE, UNTIL, 0));
    assertThat(stub.unmatched()).isEmpty();
    assertThat(entries).singleElement().satisfies(entry -> assertThat(entry.severity()).isEqualTo(Severity.ERROR));
  }

  @Test
  void extraResourceKeysAreMappedBackToTheirOpenTelemetryNames() {
    LokiClient.Line line = new LokiClient.Line(1L, "x",
        java.util.Map.of("service_name", "a", "lgtm_run_tag", "r1", "order_id", "o"), java.util.Map.of());
    LogEntry entry = LokiLogMapper.toEntry(line, Set.of("lgtm.run.tag"));
    assertThat(entry.resource()).containsEntry("lgtm.run.tag", "r1").containsEntry("service.name", "a");
    assertThat(entry.attributes()).containsOnlyKeys("order_id");
  }

  @Test
  void metricQueryAnswerIsRejectedClearly() {
    assertThatThrownBy(() -> LokiClient.parseStreams(FixtureStub.text("loki_query_metric_count_over_time.json")))
        .hasMessageContaining("expected resultType streams").hasMessageContaining("vector");
  }

  @Test
  void listsLabelsAndValues() {
    assertThat(client(false).labels(SINCE, UNTIL)).containsExactly(
        "deployment_environment", "service_instance_id", "service_name", "service_namespace");
    assertThat(client(false).labelValues("service_name", SINCE, UNTIL)).containsExactly("checkout");
    assertThat(stub.unmatched()).isEmpty();
  }

  @Test
  void badLogQlShowsLokiPlainTextParseError() {
    assertThatThrownBy(() -> client(false).queryRange("{service_name=\"checkout\"", null, null, 0))
        .isInstanceOfSatisfying(BackendQueryException.class, e -> assertThat(e.retryable()).isFalse())
        .hasMessageContaining("Loki rejected the query with HTTP 400 when asked to run this LogQL: the LogQL does "
            + "not parse; fix the query")
        .hasMessageContaining("Loki said: parse error at line 1, col 25: syntax error")
        .hasMessageContaining("query: {service_name=\"checkout\"");
    assertThatThrownBy(() -> client(false).queryRange("{service_name=~\".*\"}", null, null, 0))
        .hasMessageContaining("the LogQL selects everything; give it at least one label matcher that cannot match "
            + "the empty string")
        .hasMessageContaining("queries require at least one regexp or equality matcher");
  }

  @Test
  void emptyResultIsEmpty() {
    assertThat(LokiClient.parseStreams("{\"status\":\"success\",\"data\":{\"resultType\":\"streams\",\"result\":[]}}"))
        .isEmpty();
  }

  @Test
  void readiness() {
    assertThat(client(false).isReady()).isTrue();
  }
}
