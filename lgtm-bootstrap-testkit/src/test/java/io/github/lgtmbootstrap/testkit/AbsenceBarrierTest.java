package io.github.lgtmbootstrap.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lgtmbootstrap.testkit.assertions.LogsAssert;
import io.github.lgtmbootstrap.testkit.assertions.Polling;
import io.github.lgtmbootstrap.testkit.assertions.TracesAssert;
import io.github.lgtmbootstrap.testkit.embedded.EmbeddedBackend;
import io.github.lgtmbootstrap.testkit.internal.MarkerBarrier;
import io.github.lgtmbootstrap.testkit.model.LogEntry;
import io.github.lgtmbootstrap.testkit.model.Metric;
import io.github.lgtmbootstrap.testkit.model.Span;
import io.github.lgtmbootstrap.testkit.query.QueryResult;
import io.github.lgtmbootstrap.testkit.query.TelemetryQuery;
import io.github.lgtmbootstrap.testkit.query.TelemetrySource;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/**
 * Absence and exact counts on a store that makes data queryable late, as Tempo and Loki do: the store here is the
 * embedded one behind a view that shows an item only 400 ms after its timestamp. Looking once right after the
 * flush (what hasNoSpan did) sees nothing and passes; the barrier (a marker sent through the OTLP endpoint must come
 * back first) makes the unwanted span visible.
 */
class AbsenceBarrierTest {

  private static final long LAG_NANOS = TimeUnit.MILLISECONDS.toNanos(400);

  private EmbeddedBackend backend;
  private OpenTelemetrySdk sdk;
  private Polling polling;
  private TelemetrySource lagging;
  private Instant start;

  @BeforeEach
  void start() {
    backend = EmbeddedBackend.builder().start();
    sdk = TestSdk.create(backend.otlpEndpoint(), TestSdk.Encoding.PROTOBUF, "refunds");
    lagging = new LaggingSource(backend);
    polling = Polling.of(Duration.ofSeconds(10), Duration.ofMillis(20), () -> {
      sdk.getSdkTracerProvider().forceFlush().join(5, TimeUnit.SECONDS);
      sdk.getSdkLoggerProvider().forceFlush().join(5, TimeUnit.SECONDS);
    }).withBarrier(new MarkerBarrier(backend.otlpEndpoint(), "run-1", lagging));
    start = Instant.now();
  }

  @AfterEach
  void stop() {
    sdk.close();
    backend.close();
  }

  @Test
  void hasNoSpanWaitsUntilTheStoreIngestedWhatWasEmittedBefore() {
    sdk.getTracer("t").spanBuilder("refund").startSpan().end();

    assertThatThrownBy(() -> traces().hasNoSpan("refund"))
        .isInstanceOf(AssertionFailedError.class)
        .hasMessageContaining("Expected no span named [refund] but found 1:")
        .hasMessageContaining("refund [INTERNAL");
  }

  @Test
  void hasNoRecordWaitsToo() {
    sdk.getLogsBridge().get("t").logRecordBuilder().setBody("refund issued").emit();

    assertThatThrownBy(() -> logs().hasNoRecord("refund"))
        .hasMessageContaining("Expected no log record containing [refund] but found 1:")
        .hasMessageContaining("\"refund issued\"");
  }

  @Test
  void absencePassesWhenNothingCameAndMarkersStayOutOfView() {
    sdk.getTracer("t").spanBuilder("checkout").startSpan().end();

    assertThatCode(() -> traces().hasNoSpan("refund").hasSpanCount("checkout", 1)).doesNotThrowAnyException();
    assertThat(new TracesAssert(backend, TelemetryQuery.since(start).withTestId("a-test"), polling).spans())
        .extracting(Span::name).containsExactly("checkout");
  }

  @Test
  void tooManyFailsAtOnceWithExpectedAndActual() {
    for (int i = 0; i < 3; i++) {
      sdk.getTracer("t").spanBuilder("checkout").startSpan().end();
    }

    assertThatThrownBy(() -> traces().hasSpanCount("checkout", 2))
        .isInstanceOfSatisfying(AssertionFailedError.class, failure -> {
          assertThat(failure.getExpected().getValue()).isEqualTo(2);
          assertThat(failure.getActual().getValue()).isEqualTo(3);
        })
        .hasMessageContaining("but found 3 after the backend had ingested everything emitted before the check")
        .as("settled at once, not at the 10 s timeout").hasMessageNotContaining("did not happen within");
  }

  private TracesAssert traces() {
    return new TracesAssert(lagging, TelemetryQuery.since(start).withTestId("a-test"), polling);
  }

  private LogsAssert logs() {
    return new LogsAssert(lagging, TelemetryQuery.since(start).withTestId("a-test"), polling);
  }

  /** Shows an item only once its timestamp is LAG old: a store that indexes late. */
  private static final class LaggingSource implements TelemetrySource {
    private final TelemetrySource store;

    LaggingSource(TelemetrySource store) {
      this.store = store;
    }

    private static boolean visible(long epochNanos) {
      Instant now = Instant.now();
      return epochNanos <= now.getEpochSecond() * 1_000_000_000L + now.getNano() - LAG_NANOS;
    }

    @Override
    public QueryResult<Span> spans(TelemetryQuery query) {
      QueryResult<Span> all = store.spans(query);
      return QueryResult.of(all.items().stream().filter(span -> visible(span.endEpochNanos())).toList(),
          all.query());
    }

    @Override
    public QueryResult<LogEntry> logs(TelemetryQuery query) {
      QueryResult<LogEntry> all = store.logs(query);
      return QueryResult.of(all.items().stream().filter(log -> visible(log.epochNanos())).toList(), all.query());
    }

    @Override
    public QueryResult<Metric> metrics(TelemetryQuery query) {
      return store.metrics(query);
    }

    @Override
    public QueryResult<Span> traceql(String traceql, TelemetryQuery scope) {
      throw new UnsupportedOperationException();
    }

    @Override
    public QueryResult<LogEntry> logql(String logql, TelemetryQuery scope) {
      throw new UnsupportedOperationException();
    }

    @Override
    public QueryResult<Metric> promql(String promql, TelemetryQuery scope) {
      throw new UnsupportedOperationException();
    }
  }
}
