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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * An assertion that some item exists looks once before flushing (what is there stays there, so a flush cannot
 * make it fail) and keeps looking while the flush runs; one that counts items, which more data can make fail,
 * flushes before it looks.
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
  void aSlowFlushDoesNotHoldUpAnItemThatAlreadyLanded() {
    CountDownLatch release = new CountDownLatch(1);
    AtomicBoolean flushEnded = new AtomicBoolean();
    Polling slow = Polling.of(Duration.ofSeconds(5), Duration.ofMillis(10), () -> {
      source.flush(); // the span's own export lands at once...
      try {
        release.await(10, TimeUnit.SECONDS); // ...while another pipeline's flush hangs
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      flushEnded.set(true);
    });
    source.pending.add(span("placeOrder"));
    try {
      new TracesAssert(source, TelemetryQuery.since(Instant.EPOCH), slow).hasSpan("placeOrder");
      assertThat(flushEnded).as("the assertion returned before the hanging flush").isFalse();
    } finally {
      release.countDown();
    }

    assertThat(source.flushes).isEqualTo(1);
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
