package io.github.lgtmbootstrap.testkit.embedded;

import io.github.lgtmbootstrap.testkit.model.AttributeValues;
import io.github.lgtmbootstrap.testkit.model.LogEntry;
import io.github.lgtmbootstrap.testkit.model.Metric;
import io.github.lgtmbootstrap.testkit.model.Span;
import io.github.lgtmbootstrap.testkit.query.QueryResult;
import io.github.lgtmbootstrap.testkit.query.TelemetryQuery;
import io.github.lgtmbootstrap.testkit.query.TelemetrySource;
import io.github.lgtmbootstrap.testkit.query.internal.LogQlSubset;
import io.github.lgtmbootstrap.testkit.query.internal.PromQlSubset;
import io.github.lgtmbootstrap.testkit.query.internal.TraceQlSubset;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;

/** The embedded backend's in-memory store: one bounded buffer per signal, queried as a {@link TelemetrySource}. */
final class TelemetryStore implements TelemetrySource {

  private static final Logger LOGGER = Logger.getLogger(TelemetryStore.class.getName());

  private final BoundedBuffer<Span> spans;
  private final BoundedBuffer<LogEntry> logs;
  private final BoundedBuffer<Metric> metrics;
  private final TelemetryListener listener;
  private final CompiledQueries<Predicate<Span>> traceQl = new CompiledQueries<>(TraceQlSubset::compile);
  private final CompiledQueries<Predicate<LogEntry>> logQl = new CompiledQueries<>(LogQlSubset::compile);
  private final CompiledQueries<Function<List<Metric>, List<Metric>>> promQl =
      new CompiledQueries<>(PromQlSubset::compile);

  TelemetryStore(int capacity, Clock clock, TelemetryListener listener) {
    this.spans = new BoundedBuffer<>(capacity, clock);
    this.logs = new BoundedBuffer<>(capacity, clock);
    this.metrics = new BoundedBuffer<>(capacity, clock);
    this.listener = listener;
  }

  void addSpans(List<Span> batch) {
    spans.addAll(batch);
    notify(() -> listener.onSpans(batch));
  }

  void addLogs(List<LogEntry> batch) {
    logs.addAll(batch);
    notify(() -> listener.onLogs(batch));
  }

  void addMetrics(List<Metric> batch) {
    metrics.addAll(batch);
    notify(() -> listener.onMetrics(batch));
  }

  private static void notify(Runnable call) {
    try {
      call.run();
    } catch (RuntimeException e) {
      LOGGER.log(Level.WARNING, "Telemetry listener failed; the data is stored anyway", e);
    }
  }

  BoundedBuffer<Span> spanBuffer() {
    return spans;
  }

  BoundedBuffer<LogEntry> logBuffer() {
    return logs;
  }

  BoundedBuffer<Metric> metricBuffer() {
    return metrics;
  }

  @Override
  public QueryResult<Span> spans(TelemetryQuery query) {
    Objects.requireNonNull(query, "query");
    Predicate<Span> filter = span -> resourceMatches(query.resourceMatch(), span.resource())
        && query.admits(span.attributes())
        && query.name().map(span.name()::equals).orElse(true)
        && query.traceId().map(span.traceId()::equalsIgnoreCase).orElse(true);
    return QueryResult.of(spans.since(query.since(), filter), describe("spans", query, spans.dropped()));
  }

  @Override
  public QueryResult<LogEntry> logs(TelemetryQuery query) {
    Objects.requireNonNull(query, "query");
    Predicate<LogEntry> filter = log -> resourceMatches(query.resourceMatch(), log.resource())
        && query.admits(log.attributes())
        && query.name().map(log.body()::contains).orElse(true)
        && query.traceId().map(log.traceId()::equalsIgnoreCase).orElse(true);
    return QueryResult.of(logs.since(query.since(), filter), describe("logs", query, logs.dropped()));
  }

  @Override
  public QueryResult<Metric> metrics(TelemetryQuery query) {
    Objects.requireNonNull(query, "query");
    Predicate<Metric> filter = metric -> resourceMatches(query.resourceMatch(), metric.resource())
        && query.name().map(metric.name()::equals).orElse(true);
    return QueryResult.of(metrics.since(query.since(), filter), describe("metrics", query, metrics.dropped()));
  }

  // TraceQL / LogQL / PromQL: the documented subsets of query.internal, so raw-query tests run unchanged here and
  // on a real stack; a query outside a subset fails with IllegalArgumentException naming the subset.
  @Override
  public QueryResult<Span> traceql(String traceql, TelemetryQuery scope) {
    Predicate<Span> selected = traceQl.get(traceql);
    Objects.requireNonNull(scope, "scope");
    return QueryResult.of(spans.since(scope.since(),
        span -> resourceMatches(scope.resourceMatch(), span.resource()) && scope.admits(span.attributes())
            && selected.test(span)), traceql);
  }

  @Override
  public QueryResult<LogEntry> logql(String logql, TelemetryQuery scope) {
    Predicate<LogEntry> selected = logQl.get(logql);
    Objects.requireNonNull(scope, "scope");
    return QueryResult.of(logs.since(scope.since(),
        log -> resourceMatches(scope.resourceMatch(), log.resource()) && scope.admits(log.attributes())
            && selected.test(log)), logql);
  }

  @Override
  public QueryResult<Metric> promql(String promql, TelemetryQuery scope) {
    Function<List<Metric>, List<Metric>> selector = promQl.get(promql);
    Objects.requireNonNull(scope, "scope");
    return QueryResult.of(selector.apply(metrics.since(scope.since(),
        metric -> resourceMatches(scope.resourceMatch(), metric.resource()))), promql);
  }

  private static boolean resourceMatches(Map<String, String> expected, Map<String, Object> resource) {
    for (Map.Entry<String, String> entry : expected.entrySet()) {
      if (!AttributeValues.matches(entry.getValue(), resource.get(entry.getKey()))) {
        return false;
      }
    }
    return true;
  }

  /**
   * Describes a query the way a person reads it, for failure messages; mentions drops, because a full store is a
   * reason for an item to be missing.
   */
  static String describe(String signal, TelemetryQuery query, long dropped) {
    StringBuilder text = new StringBuilder("embedded store: ").append(signal).append(" since ").append(query.since());
    query.name().ifPresent(name -> text.append(signal.equals("logs") ? ", body contains '" : ", name = '")
        .append(name).append('\''));
    query.traceId().ifPresent(id -> text.append(", traceId = ").append(id));
    query.testId().ifPresent(id -> text.append(", ").append(TelemetryQuery.TEST_ID_ATTRIBUTE).append(" = ")
        .append(id).append(" or none"));
    if (!query.resourceMatch().isEmpty()) {
      text.append(", resource ").append(query.resourceMatch());
    }
    if (dropped > 0) {
      text.append(" (the store was full and dropped its ").append(dropped).append(" oldest ").append(signal)
          .append("; raise the embedded backend's capacity)");
    }
    return text.toString();
  }
}
