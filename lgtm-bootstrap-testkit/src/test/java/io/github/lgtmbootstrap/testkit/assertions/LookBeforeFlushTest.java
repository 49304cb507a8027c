package io.github.lgtmbootstrap.testkit.assertions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lgtmbootstrap.testkit.model.InstrumentationScope;
import io.github.lgtmbootstrap.testkit.model.Span;
import io.github.lgtmbootstrap.testkit.query.QueryResult;
import io.github.lgtmbootstrap.testkit.query.TelemetryQuery;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * An assertion that some item exists looks once before flushing (what is there stays there, so a flush cannot
 * make it fail); one that counts items, which more data can make fail, flushes before it looks. A miss right
 * after the first flush is followed by a second flush at once.
 */
class LookBeforeFlushTest {

  private final FlushingSource source = new FlushingSource();
  private final Polling polling = Polling.of(Duration.ofSeconds(5), Duration.ofMillis(10), source::flush);

  @Test
  void anItemAlreadyThereIsFoundWithoutFlushing() {
    source.stored.add(span("placeOrder"));

    new TracesAssert(source, TelemetryQuery.since(Instant.EPOCH), polling).hasSpan("placeOrder");

    assertThat(source.flushes).isZero();
  }

  @Test
  void anItemStillInTheSdkIsFlushedThenFound() {
    source.pending.add(span("placeOrder"));

    new TracesAssert(source, TelemetryQuery.since(Instant.EPOCH), polling).hasSpan("placeOrder");

    assertThat(source.flushes).isEqualTo(1);
  }

  @Test
  void aFlushThatMissedTheSpanIsRepeatedBeforeAnyPause() {
    source.pending.add(span("placeOrder"));
    int[] calls = {0};
    // Like the SDK's batch processor now and then: the first flush returns without exporting the span. It also
    // sets this thread's interrupt flag, so a pause before the next flush would end the assertion at once.
    Polling racy = Polling.of(Duration.ofMinutes(10), Duration.ofMinutes(10), () -> {
      if (++calls[0] == 1) {
        Thread.currentThread().interrupt();
      } else {
        Thread.interrupted();
        source.flush();
      }
    });

    new TracesAssert(source, TelemetryQuery.since(Instant.EPOCH), racy).hasSpan("placeOrder");

    assertThat(calls[0]).isEqualTo(2);
    assertThat(Thread.interrupted()).isFalse();
  }

  @Test
  void aCountFlushesBeforeItLooksSoPendingItemsCount() {
    source.stored.add(span("placeOrder"));
    source.pending.add(span("placeOrder"));

    assertThatThrownBy(() -> new TracesAssert(source, TelemetryQuery.since(Instant.EPOCH),
            polling.withTimeout(Duration.ofMillis(50))).hasSpanCount("placeOrder", 1))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expected exactly 1");
    assertThat(source.flushes).isPositive();
  }

  private static Span span(String name) {
    return new Span("0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331", "", name, SpanKind.SERVER,
        StatusCode.UNSET, "", 1, 2, Map.of(), List.of(), Map.of("service.name", "shop"),
        InstrumentationScope.UNKNOWN);
  }

  /** A store plus an SDK's pending spans, which a flush moves into the store. */
  private static final class FlushingSource extends EmptySource {
    final List<Span> stored = new CopyOnWriteArrayList<>();
    final List<Span> pending = new ArrayList<>();
    volatile int flushes;

    synchronized void flush() {
      flushes++;
      stored.addAll(pending);
      pending.clear();
    }

    @Override
    public QueryResult<Span> spans(TelemetryQuery query) {
      return QueryResult.of(stored.stream().filter(s -> query.name().map(s.name()::equals).orElse(true)).toList(),
          "spans");
    }
  }
}
