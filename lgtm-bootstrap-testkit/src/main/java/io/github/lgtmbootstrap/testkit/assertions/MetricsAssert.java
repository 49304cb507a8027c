package io.github.lgtmbootstrap.testkit.assertions;

import io.github.lgtmbootstrap.testkit.internal.TelemetryFormat;
import io.github.lgtmbootstrap.testkit.model.Metric;
import io.github.lgtmbootstrap.testkit.model.MetricType;
import io.github.lgtmbootstrap.testkit.query.Signal;
import io.github.lgtmbootstrap.testkit.query.TelemetryQuery;
import io.github.lgtmbootstrap.testkit.query.internal.PrometheusNames;
import io.github.lgtmbootstrap.testkit.query.TelemetrySource;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.assertj.core.api.AbstractAssert;

/**
 * Eventual assertions on the metrics a backend received, by OpenTelemetry instrument name. Each method flushes
 * the in-process SDK (which exports every metric reader), then polls until the expectation holds or the timeout
 * passes; a failure lists the metrics that did arrive.
 *
 * <pre>{@code
 * lgtm.assertMetrics().hasCounter("orders.placed").withValue(1).withAttribute("payment", "card");
 * }</pre>
 *
 * <p>Get one from {@code LgtmBackend.assertMetrics()}. Soft assertions: as {@link TracesAssert} says.
 */
public class MetricsAssert extends AbstractAssert<MetricsAssert, TelemetrySource> {

  private final TelemetryQuery scope;
  private final Polling polling;
  private final Fetch<Metric> fetch;

  /**
   * Creates the assertion.
   *
   * @param source where to look
   * @param scope what a test may see: the time it started and the resource attributes to match
   * @param polling how to wait
   */
  public MetricsAssert(TelemetrySource source, TelemetryQuery scope, Polling polling) {
    this(source, scope, polling, source == null ? null : Fetch.plain(source::metrics));
  }

  /**
   * Creates the assertion on a source alone: the constructor AssertJ's soft assertions call. A
   * {@link TelemetryView} brings its test's window and polling; any other source is seen whole, with default
   * polling and no flush.
   *
   * @param source a {@link TelemetryView}, such as {@code LgtmBackend.view()}, or any source
   */
  public MetricsAssert(TelemetrySource source) {
    this(TelemetryView.of(source).source(), TelemetryView.of(source).scope(), TelemetryView.of(source).polling());
  }

  private MetricsAssert(TelemetrySource source, TelemetryQuery scope, Polling polling, Fetch<Metric> fetch) {
    super(source, MetricsAssert.class);
    this.scope = Objects.requireNonNull(scope, "scope");
    this.polling = Objects.requireNonNull(polling, "polling");
    this.fetch = fetch;
  }

  /**
   * Creates an assertion on the series a PromQL instant query selects (each series one metric with one point),
   * within the scope's resource match; see {@link TracesAssert#traceQl} for how raw queries behave. A name given
   * to {@link #hasMetric} and its siblings matches the OpenTelemetry instrument name or the stored Prometheus name
   * ({@code checkout.orders} and {@code checkout_orders_total} both find {@code checkout_orders_total}).
   *
   * <pre>{@code
   * MetricsAssert.promQl(source, "checkout_orders_total{payment_method=\"card\"}", scope, polling)
   *     .hasMetric("checkout.orders").withValue(1);
   * }</pre>
   *
   * @param source where to look
   * @param promql the PromQL instant query, such as {@code checkout_orders_total{payment_method="card"}}
   * @param scope what a test may see
   * @param polling how to wait
   * @return the assertion
   */
  public static MetricsAssert promQl(TelemetrySource source, String promql, TelemetryQuery scope,
      Polling polling) {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(promql, "promql");
    return new MetricsAssert(source, scope, polling,
        Fetch.raw("PromQL", promql, query -> source.promql(promql, query), source::metrics));
  }

  /**
   * Waits for a metric with this name, of any type.
   *
   * @param name OpenTelemetry instrument name, such as {@code orders.placed}
   * @return an assertion on it, whose {@code withX} methods narrow the search further
   */
  public MetricAssert hasMetric(String name) {
    Objects.requireNonNull(name, "name");
    return find(name, named(name));
  }

  /**
   * Waits for any metric; most useful after {@link #promQl}, whose query already says which series count.
   *
   * @return an assertion on the first metric, whose {@code withX} methods narrow the search further
   */
  public MetricAssert hasAnyMetric() {
    return find(null, new Criterion<>("of any name", (metric, lookup) -> true));
  }

  /**
   * Waits for a counter (a monotonic sum) with this name.
   *
   * @param name OpenTelemetry instrument name
   * @return an assertion on it
   */
  public MetricAssert hasCounter(String name) {
    return typed(name, "a counter", MetricType.SUM, true);
  }

  /**
   * Waits for an up-down counter (a non-monotonic sum) with this name.
   *
   * @param name OpenTelemetry instrument name
   * @return an assertion on it
   */
  public MetricAssert hasUpDownCounter(String name) {
    return typed(name, "an up-down counter", MetricType.SUM, false);
  }

  /**
   * Waits for a gauge with this name.
   *
   * @param name OpenTelemetry instrument name
   * @return an assertion on it
   */
  public MetricAssert hasGauge(String name) {
    return typed(name, "a gauge", MetricType.GAUGE, false);
  }

  /**
   * Waits for a histogram (explicit-bucket or exponential) with this name.
   *
   * @param name OpenTelemetry instrument name
   * @return an assertion on it
   */
  public MetricAssert hasHistogram(String name) {
    Objects.requireNonNull(name, "name");
    return find(name, named(name)).require("that is a histogram", (metric, lookup) ->
        metric.type() == MetricType.HISTOGRAM || metric.type() == MetricType.EXPONENTIAL_HISTOGRAM);
  }

  /**
   * Waits for a metric with this name and checks it with more assertions.
   *
   * @param name OpenTelemetry instrument name
   * @param requirements further checks
   * @return this assertion
   */
  public MetricsAssert hasMetricSatisfying(String name, Consumer<MetricAssert> requirements) {
    Objects.requireNonNull(requirements, "requirements");
    requirements.accept(hasMetric(name));
    return myself;
  }

  /**
   * Flushes and returns the metrics there now (each export of a metric is one item; for {@link #promQl}, each
   * selected series). Does not wait.
   *
   * @return the metrics in scope, oldest first
   */
  public List<Metric> metrics() {
    isNotNull();
    polling.flush();
    return fetch.apply(scope).items();
  }

  private MetricAssert typed(String name, String what, MetricType type, boolean monotonic) {
    Objects.requireNonNull(name, "name");
    return find(name, named(name)).require("that is " + what,
        (metric, lookup) -> metric.type() == type && metric.monotonic() == monotonic);
  }

  private MetricAssert find(String name, Criterion<Metric> first) {
    isNotNull();
    Search<Metric> search = new Search<>("metric", Signal.METRICS, fetch, actual, scope,
        name == null ? scope : fetch.narrow(scope, name), List.of(first), TelemetryFormat::metric, polling);
    return MetricAssert.of(search.awaitMatch(descriptionText()), search, List.of(), info);
  }

  private Criterion<Metric> named(String name) {
    if (fetch.isRaw()) {
      // a raw PromQL result may carry the Prometheus name only (remote stores cannot map it back)
      return new Criterion<>("named [" + name + "]", (metric, lookup) -> metric.name().equals(name)
          || metric.storedName().equals(name) || PrometheusNames.belongsTo(metric.storedName(), name));
    }
    return new Criterion<>("named [" + name + "]", (metric, lookup) -> metric.name().equals(name));
  }
}
