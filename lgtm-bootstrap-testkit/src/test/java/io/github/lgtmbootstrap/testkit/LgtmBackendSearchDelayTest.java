package io.github.lgtmbootstrap.testkit;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lgtmbootstrap.testkit.assertions.EmptySource;
import io.github.lgtmbootstrap.testkit.assertions.IngestBarrier;
import io.github.lgtmbootstrap.testkit.internal.BackendHandle;
import io.github.lgtmbootstrap.testkit.model.Span;
import io.github.lgtmbootstrap.testkit.query.QueryResult;
import io.github.lgtmbootstrap.testkit.query.TelemetryQuery;
import io.github.lgtmbootstrap.testkit.query.TelemetrySource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A store that keeps new spans out of search (Tempo 3's query_end_cutoff) lengthens span and log waits only. */
class LgtmBackendSearchDelayTest {

  /** Nothing arrives; raw TraceQL runs too, so assertTraceQl polls like the other span assertions. */
  private static final TelemetrySource EMPTY = new EmptySource() {
    @Override
    public QueryResult<Span> traceql(String traceql, TelemetryQuery scope) {
      return QueryResult.of(List.of(), traceql);
    }
  };

  private static LgtmBackend backendWithSearchDelay(Duration delay) {
    return backendWithSearchDelay(delay, IngestBarrier.none());
  }

  private static LgtmBackend backendWithSearchDelay(Duration delay, IngestBarrier barrier) {
    BackendHandle handle = new BackendHandle() {
      @Override
      public String kind() {
        return "external";
      }

      @Override
      public String otlpEndpoint() {
        return "http://127.0.0.1:4318";
      }

      @Override
      public TelemetrySource source() {
        return EMPTY;
      }

      @Override
      public Duration flushHint() {
        return Duration.ZERO;
      }

      @Override
      public Duration searchDelay() {
        return delay;
      }

      @Override
      public boolean sharedBetweenRuns() {
        return true;
      }

      @Override
      public void close() {}
    };
    List<Runnable> flush = new ArrayList<>();
    return new LgtmBackend(handle, barrier, "run-1", () -> Instant.EPOCH, Optional::empty, Map.of(),
        Duration.ofMillis(100), Duration.ofMillis(20), flush, flush, Map.of());
  }

  @Test
  void spanAndLogAssertionsWaitTheSearchDelayLongerMetricAssertionsDoNot() {
    LgtmBackend lgtm = backendWithSearchDelay(Duration.ofMillis(150));
    assertThatThrownBy(() -> lgtm.assertTraces().hasSpan("placeOrder"))
        .hasMessageContaining("did not happen within 250ms");
    assertThatThrownBy(() -> lgtm.assertTraceQl("{}", Duration.ofMillis(50)).hasSpan("placeOrder"))
        .hasMessageContaining("did not happen within 200ms");
    assertThatThrownBy(() -> lgtm.assertLogs().hasRecord("placed"))
        .hasMessageContaining("did not happen within 250ms");
    assertThatThrownBy(() -> lgtm.assertMetrics().hasCounter("orders"))
        .hasMessageContaining("did not happen within 100ms");
  }

  /** The ingest barrier finds its marker span by search too, so it gets the same longer wait. */
  @Test
  void theSpanBarrierWaitsTheSearchDelayLonger() {
    LgtmBackend lgtm = backendWithSearchDelay(Duration.ofMillis(150), signal -> () -> false);
    assertThatThrownBy(() -> lgtm.assertTraces().hasNoSpan("refund"))
        .hasMessageContaining("marker")
        .hasMessageContaining("did not happen within 250ms");
    assertThatThrownBy(() -> lgtm.assertTraces().hasSpanCount("placeOrder", 1))
        .hasMessageContaining("marker")
        .hasMessageContaining("did not happen within 250ms");
  }
}
