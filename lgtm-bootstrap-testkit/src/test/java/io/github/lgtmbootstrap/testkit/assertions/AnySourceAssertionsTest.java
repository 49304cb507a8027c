package io.github.lgtmbootstrap.testkit.assertions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lgtmbootstrap.testkit.model.InstrumentationScope;
import io.github.lgtmbootstrap.testkit.model.Span;
import io.github.lgtmbootstrap.testkit.query.BackendQueryException;
import io.github.lgtmbootstrap.testkit.query.QueryResult;
import io.github.lgtmbootstrap.testkit.query.TelemetryQuery;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The assertions need nothing but a TelemetrySource: a remote-like stub gets the same behaviour and messages. */
class AnySourceAssertionsTest {

  private static final Polling SHORT = Polling.of(Duration.ofMillis(200), Duration.ofMillis(20), () -> {});

  @Test
  void showsTheExploreLinkOfARemoteQuery() {
    StubSource source = new StubSource();
    source.spans = List.of(span("GET /orders"));

    assertThatThrownBy(() -> new TracesAssert(source, TelemetryQuery.since(Instant.EPOCH), SHORT).hasSpan("POST"))
        .hasMessageContaining("Query: { name = \"POST\" }")
        .hasMessageContaining("Explore: http://grafana.test/explore?q=1")
        .hasMessageContaining("GET /orders [SERVER");
  }

  @Test
  void aFailureSaysWhatTheAppsSdkLostOfThatSignal() {
    Polling reporting = SHORT.withLossReport(noun -> noun.equals("log record")
        ? "The app's SDK dropped 1,234 log records before export (its queue was full; raise "
            + "otel.blrp.max.queue.size): they never reached the backend." : "");
    TelemetryQuery scope = TelemetryQuery.since(Instant.EPOCH);

    assertThatThrownBy(() -> new LogsAssert(new StubSource(), scope, reporting).hasRecord("order placed"))
        .hasMessageContaining("The app's SDK dropped 1,234 log records before export")
        .hasMessageContaining("raise otel.blrp.max.queue.size");
    assertThatThrownBy(() -> new LogsAssert(new StubSource(), scope, reporting).hasRecordCount("x", 3))
        .hasMessageContaining("The app's SDK dropped 1,234 log records");
    assertThatThrownBy(() -> new TracesAssert(new StubSource(), scope, reporting).hasSpan("x"))
        .message().doesNotContain("dropped");
    assertThatThrownBy(() -> new TracesAssert(new StubSource(), scope, reporting.withTimeout(Duration.ofMillis(100)))
            .hasSpan("x"))
        .hasMessageContaining("did not happen within 100ms");
    assertThatThrownBy(() -> new LogsAssert(new StubSource(), scope, reporting.withTimeout(Duration.ofMillis(100)))
            .hasRecord("x"))
        .as("withTimeout keeps the report")
        .hasMessageContaining("The app's SDK dropped 1,234 log records");
  }

  @Test
  void keepsTheLastBackendFailureAsCause() {
    StubSource source = new StubSource();
    source.failure = new BackendQueryException("Tempo at http://tempo.test:3200 unreachable for query '{}'");

    assertThatThrownBy(() -> new TracesAssert(source, TelemetryQuery.since(Instant.EPOCH), SHORT).hasSpan("x"))
        .hasMessageContaining("did not happen within 200ms")
        .hasMessageContaining("Last failure: " + BackendQueryException.class.getName() + ": Tempo at")
        .hasCauseInstanceOf(BackendQueryException.class);
  }

  @Test
  void keepsPollingWhileTheStoreMayRecover() {
    StubSource source = new StubSource();
    source.failure = new BackendQueryException("Tempo failed with HTTP 503: too many outstanding requests");

    assertThatThrownBy(() -> new TracesAssert(source, TelemetryQuery.since(Instant.EPOCH), SHORT).hasSpan("x"))
        .hasMessageContaining("did not happen within 200ms")
        .hasMessageContaining("Last failure: " + BackendQueryException.class.getName() + ": Tempo failed");
    assertThat(source.failedPolls.get()).isGreaterThan(1);
  }

  @Test
  void storeRejectingTheQueryEndsTheAssertionAtOnce() {
    StubSource source = new StubSource();
    source.failure = new BackendQueryException("Tempo rejected the query with HTTP 400: invalid TraceQL query\n"
        + "  query: {resource.service.name=}", null, false);
    Polling minute = Polling.of(Duration.ofMinutes(1), Duration.ofMillis(20), () -> {});

    assertThatThrownBy(() -> new TracesAssert(source, TelemetryQuery.since(Instant.EPOCH), minute).hasSpan("x"))
        .hasMessageStartingWith("Expected a span named [x]\nbut the query failed in a way waiting cannot fix, so "
            + "the assertion stopped at once (after ")
        .hasMessageContaining(", 1 poll):\nTempo rejected the query with HTTP 400: invalid TraceQL query\n"
            + "  query: {resource.service.name=}")
        .hasMessageNotContaining("Last failure")
        .hasCause(source.failure);
    assertThat(source.failedPolls).hasValue(1);
  }

  @Test
  void queryOutsideASubsetEndsTheAssertionAtOnce() {
    StubSource source = new StubSource();
    source.failure = new IllegalArgumentException("TraceQL query outside the subset the embedded backend supports");
    Polling minute = Polling.of(Duration.ofMinutes(1), Duration.ofMillis(20), () -> {});

    assertThatThrownBy(() -> new TracesAssert(source, TelemetryQuery.since(Instant.EPOCH), minute).hasSpanCount("x", 1))
        .hasMessageStartingWith("Expected exactly 1 spans named [x]\nbut the query failed in a way waiting cannot")
        .hasMessageEndingWith(", 1 poll):\nTraceQL query outside the subset the embedded backend supports")
        .hasCauseInstanceOf(IllegalArgumentException.class);
    assertThat(source.failedPolls).hasValue(1);
  }

  @Test
  void waitsForDataThatArrivesLaterAndFlushesFirst() {
    StubSource source = new StubSource();
    AtomicInteger flushes = new AtomicInteger();
    source.spansAfterPolls = 3;
    source.spans = List.of(span("late"));
    Polling polling = Polling.of(Duration.ofSeconds(5), Duration.ofMillis(10), flushes::incrementAndGet);

    Span found = new TracesAssert(source, TelemetryQuery.since(Instant.EPOCH), polling).hasSpan("late").span();

    assertThat(found.name()).isEqualTo("late");
    assertThat(source.polls.get()).isGreaterThanOrEqualTo(3);
    assertThat(flushes).hasPositiveValue();
  }

  @Test
  void pollingRejectsNonPositiveDurations() {
    assertThatThrownBy(() -> Polling.of(Duration.ZERO, Duration.ofMillis(1), () -> {}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("timeout PT0S and interval PT0.001S must be positive");
  }

  private static Span span(String name) {
    return new Span("0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331", "", name, SpanKind.SERVER,
        StatusCode.UNSET, "", 1, 2, Map.of(), List.of(), Map.of("service.name", "remote"),
        InstrumentationScope.UNKNOWN);
  }

  private static final class StubSource extends EmptySource {
    volatile List<Span> spans = List.of();
    volatile RuntimeException failure;
    volatile int spansAfterPolls;
    final AtomicInteger polls = new AtomicInteger();
    final AtomicInteger failedPolls = new AtomicInteger();

    @Override
    public QueryResult<Span> spans(TelemetryQuery query) {
      if (failure != null) {
        failedPolls.incrementAndGet();
        throw failure;
      }
      int poll = polls.incrementAndGet();
      List<Span> visible = poll < spansAfterPolls ? List.of() : spans;
      return new QueryResult<>(visible.stream().filter(s -> query.name().map(s.name()::equals).orElse(true))
          .toList(), "{ name = \"" + query.name().orElse("") + "\" }",
          Optional.of(URI.create("http://grafana.test/explore?q=1")));
    }
  }
}
