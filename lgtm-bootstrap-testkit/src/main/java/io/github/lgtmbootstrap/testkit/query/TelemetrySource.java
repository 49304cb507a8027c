package io.github.lgtmbootstrap.testkit.query;

import io.github.lgtmbootstrap.testkit.model.LogEntry;
import io.github.lgtmbootstrap.testkit.model.Metric;
import io.github.lgtmbootstrap.testkit.model.Span;

/**
 * The questions every backend answers, in the backend-neutral model. Implemented by the embedded store and by
 * the Tempo/Loki/Prometheus clients behind the container and external backends.
 *
 * <p>Each call is one look at the store: it returns what is there now and never waits. Waiting for eventual
 * arrival is the assertions' job. Implementations are thread-safe. Failures to reach a remote store surface as
 * {@link BackendQueryException} naming the store, the URL and the query.
 */
public interface TelemetrySource {

  /**
   * Spans matching the query.
   *
   * @param query what to look for
   * @return the spans found and the query that ran
   */
  QueryResult<Span> spans(TelemetryQuery query);

  /**
   * Log records matching the query.
   *
   * @param query what to look for
   * @return the records found and the query that ran
   */
  QueryResult<LogEntry> logs(TelemetryQuery query);

  /**
   * Metrics matching the query. Remote stores need {@link TelemetryQuery#name()}.
   *
   * @param query what to look for
   * @return the metrics found and the query that ran
   */
  QueryResult<Metric> metrics(TelemetryQuery query);

  /**
   * Runs a TraceQL query (the embedded store supports a documented subset).
   *
   * @param traceql the query, such as <code>{ span.order.id = "42" }</code>
   * @param scope time bound and resource match to apply as well
   * @return matching spans
   */
  QueryResult<Span> traceql(String traceql, TelemetryQuery scope);

  /**
   * Runs a LogQL log query (the embedded store supports a documented subset).
   *
   * @param logql the query, such as <code>{service_name="checkout"} |= "placed"</code>
   * @param scope time bound and resource match to apply as well
   * @return matching records
   */
  QueryResult<LogEntry> logql(String logql, TelemetryQuery scope);

  /**
   * Runs a PromQL instant query (the embedded store supports a documented subset).
   *
   * @param promql the query, such as {@code checkout_orders_total{payment_method="card"}}
   * @param scope time bound and resource match to apply as well
   * @return matching series as metrics, one point each
   */
  QueryResult<Metric> promql(String promql, TelemetryQuery scope);

  /**
   * Whether this store keeps attribute keys and value types of a signal as sent. The embedded store keeps them
   * for every signal and Tempo for spans; Loki (structured metadata) and Prometheus (labels) keep text only, under
   * keys with {@code _} for {@code .}. Assertions compare typed values strictly where types are kept and by text,
   * saying so in the failure message, where they are not.
   *
   * @param signal the signal
   * @return true when an integer attribute comes back as an integer under its own key
   */
  default boolean keepsAttributeTypes(Signal signal) {
    return true;
  }

  /**
   * Metrics as the store knew them at an instant: for each export or series, only points recorded at or before
   * {@code at}. Counter-increase assertions read a series' value at the test's start with it. The default asks
   * {@link #metrics} for everything since the epoch (which the embedded store keeps) and drops later points;
   * Prometheus evaluates the query at that time instead.
   *
   * @param query what to look for (its {@code since} is ignored); remote stores need {@link TelemetryQuery#name()}
   * @param at the instant
   * @return the metrics with their points up to {@code at}
   */
  default QueryResult<Metric> metricsAt(TelemetryQuery query, java.time.Instant at) {
    java.util.Objects.requireNonNull(at, "at");
    long atNanos = at.getEpochSecond() * 1_000_000_000L + at.getNano();
    QueryResult<Metric> all = metrics(query.withSince(java.time.Instant.EPOCH));
    java.util.List<Metric> upTo = new java.util.ArrayList<>();
    for (Metric metric : all.items()) {
      java.util.List<io.github.lgtmbootstrap.testkit.model.MetricPoint> points = metric.points().stream()
          .filter(point -> point.epochNanos() <= atNanos).toList();
      if (!points.isEmpty()) {
        upTo.add(new Metric(metric.name(), metric.storedName(), metric.description(), metric.unit(), metric.type(),
            metric.monotonic(), points, metric.resource(), metric.scope()));
      }
    }
    return new QueryResult<>(upTo, all.query() + " (points up to " + at + ")", all.exploreUrl());
  }

  /**
   * The exemplars a histogram kept within the scope's window: each a measurement with the trace it was recorded
   * in. The default reads them from the metric's points (the embedded store keeps them with the OTLP point);
   * Prometheus keeps them apart ({@code /api/v1/query_exemplars}, with {@code --enable-feature=exemplar-storage}).
   *
   * @param metric a histogram this source returned
   * @param scope the window to look in
   * @return the exemplars found and the query that ran
   */
  default QueryResult<io.github.lgtmbootstrap.testkit.model.Exemplar> exemplars(Metric metric, TelemetryQuery scope) {
    java.util.List<io.github.lgtmbootstrap.testkit.model.Exemplar> exemplars = new java.util.ArrayList<>();
    for (io.github.lgtmbootstrap.testkit.model.MetricPoint point : metric.points()) {
      if (point instanceof io.github.lgtmbootstrap.testkit.model.HistogramPoint histogram) {
        exemplars.addAll(histogram.exemplars());
      }
    }
    return QueryResult.of(exemplars, "exemplars of the points of " + metric.name());
  }
}
