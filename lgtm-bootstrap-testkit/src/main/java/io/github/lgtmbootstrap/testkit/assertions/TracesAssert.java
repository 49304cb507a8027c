package io.github.lgtmbootstrap.testkit.assertions;

import io.github.lgtmbootstrap.testkit.internal.TelemetryFormat;
import io.github.lgtmbootstrap.testkit.model.Span;
import io.github.lgtmbootstrap.testkit.query.Signal;
import io.github.lgtmbootstrap.testkit.query.TelemetryQuery;
import io.github.lgtmbootstrap.testkit.query.TelemetrySource;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.assertj.core.api.AbstractAssert;

/**
 * Eventual assertions on the spans a backend received. Each method flushes the in-process SDK, then polls until
 * the expectation holds or the timeout passes; a failure lists the spans that did arrive.
 *
 * <pre>{@code
 * lgtm.assertTraces().hasSpan("placeOrder").withAttribute("order.items", 3).withChild("chargeCard");
 * }</pre>
 *
 * <p>Get one from {@code LgtmBackend.assertTraces()}. AssertJ citizens: {@code as(...)} descriptions lead every
 * failure message; counts and absence fail with an opentest4j {@code AssertionFailedError} carrying expected and
 * actual (the IDE's comparison view). Soft assertions work through {@link TelemetryView} (see there) with the
 * methods that return this assertion ({@link #hasSpanSatisfying}, {@link #hasSpanCount}, {@link #hasNoSpan}); a
 * method that navigates to a {@link SpanAssert} cannot be collected softly (AssertJ returns the proxied assertion
 * itself after a failure). Each failing soft check waits out its timeout, so give soft checks a short one.
 */
public class TracesAssert extends AbstractAssert<TracesAssert, TelemetrySource> {

  private final TelemetryQuery scope;
  private final Polling polling;
  private final Fetch<Span> fetch;

  /**
   * Creates the assertion.
   *
   * @param source where to look
   * @param scope what a test may see: the time it started and the resource attributes to match
   * @param polling how to wait
   */
  public TracesAssert(TelemetrySource source, TelemetryQuery scope, Polling polling) {
    this(source, scope, polling, source == null ? null : Fetch.plain(source::spans));
  }

  /**
   * Creates the assertion on a source alone: the constructor AssertJ's soft assertions call. A
   * {@link TelemetryView} brings its test's window and polling; any other source is seen whole, with default
   * polling and no flush.
   *
   * @param source a {@link TelemetryView}, such as {@code LgtmBackend.view()}, or any source
   */
  public TracesAssert(TelemetrySource source) {
    this(TelemetryView.of(source).source(), TelemetryView.of(source).scope(), TelemetryView.of(source).polling());
  }

  private TracesAssert(TelemetrySource source, TelemetryQuery scope, Polling polling, Fetch<Span> fetch) {
    super(source, TracesAssert.class);
    this.scope = Objects.requireNonNull(scope, "scope");
    this.polling = Objects.requireNonNull(polling, "polling");
    this.fetch = fetch;
  }

  /**
   * Creates an assertion on the spans a TraceQL query selects within the scope (the test's window and run);
   * every method then looks only at those spans, with the same waiting and messages, which name the query. On
   * the embedded backend the query must stay within its documented subset; a query outside it, or one Tempo
   * rejects, fails the assertion at once.
   *
   * <pre>{@code
   * TracesAssert.traceQl(source, "{ span.order.id = \"42\" }", scope, polling).hasSpan("placeOrder");
   * }</pre>
   *
   * @param source where to look
   * @param traceql the TraceQL query, such as <code>{ span.order.id = "42" }</code>
   * @param scope what a test may see
   * @param polling how to wait
   * @return the assertion
   */
  public static TracesAssert traceQl(TelemetrySource source, String traceql, TelemetryQuery scope,
      Polling polling) {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(traceql, "traceql");
    return new TracesAssert(source, scope, polling,
        Fetch.raw("TraceQL", traceql, query -> source.traceql(traceql, query), source::spans));
  }

  /**
   * Waits for a span with this name.
   *
   * @param name the span name
   * @return an assertion on the first such span, whose {@code withX} methods narrow the search further
   */
  public SpanAssert hasSpan(String name) {
    Objects.requireNonNull(name, "name");
    return find(named(name), fetch.narrow(scope, name));
  }

  /**
   * Waits for any span; most useful after {@link #traceQl}, whose query already says which spans count.
   *
   * @return an assertion on the first span, whose {@code withX} methods narrow the search further
   */
  public SpanAssert hasAnySpan() {
    return find(new Criterion<>("of any name", (span, lookup) -> true), scope);
  }

  /**
   * Waits for a span that satisfies a condition.
   *
   * @param description what the condition means, for the failure message
   * @param condition the condition
   * @return an assertion on the first such span
   */
  public SpanAssert hasSpanMatching(String description, Predicate<Span> condition) {
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(condition, "condition");
    return find(new Criterion<>(description, (span, lookup) -> condition.test(span)), scope);
  }

  /**
   * Waits for a span with this name and checks it with more assertions.
   *
   * @param name the span name
   * @param requirements further checks, such as {@code span -> span.withKind(SpanKind.SERVER)}
   * @return this assertion
   */
  public TracesAssert hasSpanSatisfying(String name, Consumer<SpanAssert> requirements) {
    Objects.requireNonNull(requirements, "requirements");
    requirements.accept(hasSpan(name));
    return myself;
  }

  /**
   * Waits until exactly this many spans with this name arrived. First passes the same barrier as
   * {@link #hasNoSpan}, so spans still on their way count; more than expected fails at once.
   *
   * @param name the span name
   * @param expected the exact count
   * @return this assertion
   */
  public TracesAssert hasSpanCount(String name, int expected) {
    Objects.requireNonNull(name, "name");
    isNotNull();
    search(named(name), fetch.narrow(scope, name)).awaitCount(descriptionText(), expected);
    return myself;
  }

  /**
   * Fails if a span with this name arrived. First makes sure the backend has ingested everything emitted before
   * this call (flush, then a marker span sent through the backend's OTLP endpoint must come back, within the
   * timeout), then looks once; the failure lists the spans found.
   *
   * @param name the span name
   * @return this assertion
   */
  public TracesAssert hasNoSpan(String name) {
    Objects.requireNonNull(name, "name");
    isNotNull();
    Search<Span> search = search(named(name), fetch.narrow(scope, name));
    List<Span> found = search.afterBarrier(descriptionText());
    if (!found.isEmpty()) {
      failWithActualExpectedAndMessage(search.lines(found), List.of(), "Expected no span named [%s]%s but found %d:%s",
          name, fetch.origin(), found.size(), search.render(found));
    }
    return myself;
  }

  /**
   * Flushes and returns the spans there now (those the query selects, for {@link #traceQl}), for checks the
   * fluent methods do not cover. Does not wait.
   *
   * @return the spans in scope, oldest first
   */
  public List<Span> spans() {
    isNotNull();
    polling.flush();
    return fetch.apply(scope).items();
  }

  private SpanAssert find(Criterion<Span> first, TelemetryQuery query) {
    isNotNull();
    Search<Span> search = search(first, query);
    Span span = search.awaitMatch(descriptionText());
    return SpanAssert.of(span, search, info);
  }

  private Search<Span> search(Criterion<Span> first, TelemetryQuery query) {
    return new Search<>("span", Signal.TRACES, fetch, actual, scope, query, List.of(first), TelemetryFormat::span,
        polling);
  }

  static Criterion<Span> named(String name) {
    return new Criterion<>("named [" + name + "]", (span, lookup) -> span.name().equals(name));
  }
}
