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


  private final BoundedBuffer<Span> spans;
  private final BoundedBuffer<LogEntry> logs;
  private final BoundedBuffer<Metric> metrics;
  private final TelemetryListener listener;
  /** Made with the first raw query, so that starting a backend does not load the query languages. */
  private volatile RawQueries rawQueries;

  private static final class RawQueries {
    final CompiledQueries<Predicate<Span>> traceQl = new CompiledQueries<>(TraceQlSubset::compile);
    final CompiledQueries<Predicate<LogEntry>> logQl = new CompiledQueries<>(LogQlSubset::compile);
    final CompiledQueries<Function<List<Metric>, List<Metric>>> promQl = new CompiledQueries<>(PromQlSubset::compile);
  }

  TelemetryStore(int capacity, long maxBytesPerSignal, Clock clock, TelemetryListener listener) {
    this.spans = new BoundedBuffer<>(capacity, maxBytesPerSignal, clock);
    this.logs = new BoundedBuffer<>(capacity, maxBytesPerSignal, clock);
    this.metrics = new BoundedBuffer<>(capacity, maxBytesPerSignal, clock);
    this.listener = listener;
  }

  /**
   * Estimates the heap a decoded batch takes from its OTLP protobuf size: strings and ids take about twice their
   * encoded bytes once decoded, and each item carries its record, maps and lists.
   */
  static long estimateBytes(int items, long encodedBytes) {
    return 2 * encodedBytes + 256L * items;
  }

  /** The estimated bytes each signal keeps at most; a single batch above it is refused by the receivers. */
  long maxBytesPerSignal() {
    return spans.maxBytes();
  }

  /** Stores spans decoded from one request taking about {@code bytes}; returns how many. */
  int addSpans(List<Span> batch, long bytes) {
    spans.addAll(batch, bytes);
    try {
      listener.onSpans(batch);
    } catch (RuntimeException e) {
      listenerFailed(e);
    }
    return batch.size();
  }

  /** Stores log records decoded from one request taking about {@code bytes}; returns how many. */
  int addLogs(List<LogEntry> batch, long bytes) {
    logs.addAll(batch, bytes);
    try {
      listener.onLogs(batch);
    } catch (RuntimeException e) {
      listenerFailed(e);
    }
    return batch.size();
  }

  /** Stores metrics decoded from one request taking about {@code bytes}; returns how many. */
  int addMetrics(List<Metric> batch, long bytes) {
    metrics.addAll(batch, bytes);
    try {
      listener.onMetrics(batch);
    } catch (RuntimeException e) {
      listenerFailed(e);
    }
    return batch.size();
  }

  private static void listenerFailed(RuntimeException e) {
    logger().log(Level.WARNING, "Telemetry listener failed; the data is stored anyway", e);
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
    Predicate<Span> selected = rawQueries().traceQl.get(traceql);
    Objects.requireNonNull(scope, "scope");
    return QueryResult.of(spans.since(scope.since(),
        span -> resourceMatches(scope.resourceMatch(), span.resource()) && scope.admits(span.attributes())
            && selected.test(span)), traceql);
  }

  @Override
  public QueryResult<LogEntry> logql(String logql, TelemetryQuery scope) {
    Predicate<LogEntry> selected = rawQueries().logQl.get(logql);
    Objects.requireNonNull(scope, "scope");
    return QueryResult.of(logs.since(scope.since(),
        log -> resourceMatches(scope.resourceMatch(), log.resource()) && scope.admits(log.attributes())
            && selected.test(log)), logql);
  }

  @Override
  public QueryResult<Metric> promql(String promql, TelemetryQuery scope) {
    Function<List<Metric>, List<Metric>> selector = rawQueries().promQl.get(promql);
    Objects.requireNonNull(scope, "scope");
    return QueryResult.of(selector.apply(metrics.since(scope.since(),
        metric -> resourceMatches(scope.resourceMatch(), metric.resource()))), promql);
  }

  private RawQueries rawQueries() {
    RawQueries queries = rawQueries;
    if (queries == null) {
      synchronized (this) {
        queries = rawQueries;
        if (queries == null) {
          queries = new RawQueries();
          rawQueries = queries;
        }
      }
    }
    return queries;
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
          .append("; raise the embedded backend's capacity or maxStoredBytes)");
    }
    return text.toString();
  }

  /** Looked up when something is to be logged, so that a backend that logs nothing does not start JUL. */
  private static Logger logger() {
    return Logger.getLogger(TelemetryStore.class.getName());
  }
}
