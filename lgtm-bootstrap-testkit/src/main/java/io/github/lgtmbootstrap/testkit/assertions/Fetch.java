package io.github.lgtmbootstrap.testkit.assertions;

import io.github.lgtmbootstrap.testkit.query.QueryResult;
import io.github.lgtmbootstrap.testkit.query.TelemetryQuery;
import java.util.Objects;
import java.util.function.Function;

/**
 * How one assertion asks its source for items: either the source's own query for the test's window (which may
 * push a name hint down into the store), or a raw TraceQL, LogQL or PromQL query run within that window. Both
 * feed the same {@link Search}, so raw queries get the same criteria, waiting and failure messages. Immutable.
 *
 * @param run asks the source once
 * @param everything lists every item of the window without the raw query, for "what else arrived"
 * @param rawQuery the raw query as typed, such as {@code TraceQL {span.order.id="42"}}; empty for the source's
 *     own queries
 * @param <T> Span, LogEntry or Metric
 */
record Fetch<T>(Function<TelemetryQuery, QueryResult<T>> run, Function<TelemetryQuery, QueryResult<T>> everything,
    String rawQuery) {

  Fetch {
    Objects.requireNonNull(run, "run");
    Objects.requireNonNull(everything, "everything");
    Objects.requireNonNull(rawQuery, "rawQuery");
  }

  /** The source's own query, narrowed by name hints. */
  static <T> Fetch<T> plain(Function<TelemetryQuery, QueryResult<T>> query) {
    return new Fetch<>(query, query, "");
  }

  /**
   * A raw query in a backend's language, run within the window.
   *
   * @param language such as {@code TraceQL}, for messages
   * @param text the query
   * @param run runs the query with a scope, such as {@code scope -> source.traceql(text, scope)}
   * @param everything the source's own query, to list what else arrived
   */
  static <T> Fetch<T> raw(String language, String text, Function<TelemetryQuery, QueryResult<T>> run,
      Function<TelemetryQuery, QueryResult<T>> everything) {
    return new Fetch<>(run, everything, language + " " + text);
  }

  boolean isRaw() {
    return !rawQuery.isEmpty();
  }

  QueryResult<T> apply(TelemetryQuery query) {
    return run.apply(query);
  }

  /**
   * The query for a name: the hint goes to the source's own query only (a raw query says itself what it
   * selects).
   */
  TelemetryQuery narrow(TelemetryQuery scope, String name) {
    return isRaw() ? scope : scope.withName(name);
  }

  /** Words that follow "Expected a span named [x]" in messages, naming the raw query when there is one. */
  String origin() {
    return isRaw() ? " in the result of " + rawQuery : "";
  }
}
