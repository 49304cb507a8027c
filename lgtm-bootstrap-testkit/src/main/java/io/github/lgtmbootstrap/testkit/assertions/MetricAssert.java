package io.github.lgtmbootstrap.testkit.assertions;

import io.github.lgtmbootstrap.testkit.internal.TelemetryFormat;
import io.github.lgtmbootstrap.testkit.model.HistogramPoint;
import io.github.lgtmbootstrap.testkit.model.Metric;
import io.github.lgtmbootstrap.testkit.model.MetricPoint;
import io.github.lgtmbootstrap.testkit.model.MetricType;
import io.github.lgtmbootstrap.testkit.model.NumberPoint;
import io.opentelemetry.api.common.AttributeKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BiPredicate;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.assertj.core.api.AbstractAssert;
import org.assertj.core.api.WritableAssertionInfo;

/**
 * Assertions on one metric that arrived. Metric-level requirements ({@link #withUnit}, {@link #withType}) and
 * point-level ones ({@link #withValue}, {@link #withAttribute}, {@link #withCount}, {@link #withSum}) are added
 * one by one; all point-level requirements must hold for the <em>same</em> point. Every step waits until some
 * export of the metric passes all requirements so far:
 *
 * <pre>{@code
 * lgtm.assertMetrics().hasCounter("orders.placed").withValue(1).withAttribute("payment", "card");
 * }</pre>
 *
 * <p>Counters are cumulative: {@code withValue(1)} matches an export where the point's running total is 1 (since
 * the SDK started); {@link #withIncrease} checks how much it grew during the test.
 */
public class MetricAssert extends AbstractAssert<MetricAssert, Metric> {

  private static final double TOLERANCE = 1e-9;

  private final Search<Metric> search;
  private final List<Criterion<MetricPoint>> pointCriteria;

  private MetricAssert(Metric actual, Search<Metric> search, List<Criterion<MetricPoint>> pointCriteria) {
    super(actual, MetricAssert.class);
    this.search = search;
    this.pointCriteria = List.copyOf(pointCriteria);
  }

  static MetricAssert of(Metric actual, Search<Metric> search, List<Criterion<MetricPoint>> pointCriteria,
      WritableAssertionInfo info) {
    MetricAssert assertion = new MetricAssert(actual, search, pointCriteria);
    if (info.hasDescription()) {
      assertion.as(info.description());
    }
    return assertion;
  }

  /**
   * Requires a unit, such as {@code ms} or {@code {order}}.
   *
   * @param unit expected unit
   * @return an assertion on a metric with it
   */
  public MetricAssert withUnit(String unit) {
    Objects.requireNonNull(unit, "unit");
    return require("with unit [" + unit + "]", (metric, lookup) -> metric.unit().equals(unit));
  }

  /**
   * Requires a data type.
   *
   * @param type expected type
   * @return an assertion on a metric of that type
   */
  public MetricAssert withType(MetricType type) {
    Objects.requireNonNull(type, "type");
    return require("of type " + type, (metric, lookup) -> metric.type() == type);
  }

  /**
   * Requires a description.
   *
   * @param description expected description
   * @return an assertion on a metric with it
   */
  public MetricAssert withDescription(String description) {
    Objects.requireNonNull(description, "description");
    return require("with description \"" + description + "\"",
        (metric, lookup) -> metric.description().equals(description));
  }

  /**
   * Requires a sum or gauge point with this value (for counters: the running total).
   *
   * @param value expected value
   * @return an assertion on a metric with such a point
   */
  public MetricAssert withValue(double value) {
    return point("value " + TelemetryFormat.number(value),
        point -> point instanceof NumberPoint number && Math.abs(number.value() - value) <= TOLERANCE);
  }

  /**
   * Requires a sum or gauge point with at least this value.
   *
   * @param minimum smallest acceptable value
   * @return an assertion on a metric with such a point
   */
  public MetricAssert withValueAtLeast(double minimum) {
    return point("value >= " + TelemetryFormat.number(minimum),
        point -> point instanceof NumberPoint number && number.value() >= minimum - TOLERANCE);
  }

  /**
   * Requires a point that grew by exactly this much during the test: a counter's (or up-down counter's) value, or a
   * histogram's count of recorded values, minus the same series' value when the test started (0 for a series
   * that did not exist then). Whatever earlier tests recorded does not count. The value at the start is read from
   * the store: the extension flushes when each test starts, and a remote store is asked for the series at that
   * instant. Cumulative temporality (the SDK's and Prometheus' default).
   *
   * <p>Metrics are not isolated per test: tests running in parallel that record on the same series (same name,
   * attributes and resource) add to each other's increase; give each one its own attribute value, or run them
   * one after another.
   *
   * <pre>{@code
   * lgtm.assertMetrics().hasCounter("orders.placed").withIncrease(1).withAttribute("payment", "card");
   * }</pre>
   *
   * @param increase expected growth since the test started
   * @return an assertion on a metric with such a point
   */
  public MetricAssert withIncrease(double increase) {
    return point(new Criterion<>("an increase of " + TelemetryFormat.number(increase) + " since the test started "
        + "(metrics are shared by tests running at the same time)", (point, lookup) -> {
          double before = lookup.atTestStart(point).map(MetricAssert::amount).orElse(0.0);
          double now = amount(point);
          return Math.abs(now - before - increase) <= TOLERANCE;
        }));
  }

  private static double amount(MetricPoint point) {
    return point instanceof HistogramPoint histogram ? histogram.count() : ((NumberPoint) point).value();
  }

  /**
   * Requires an exemplar in the trace of a span with this name: a measurement the histogram kept with the trace
   * it was recorded in (the SDK keeps one for measurements made inside a sampled span), which is what lets
   * Grafana jump from a latency spike to the trace. Embedded: the exemplars of the OTLP points; Prometheus: its
   * exemplar storage ({@code --enable-feature=exemplar-storage}, as otel-lgtm runs it).
   *
   * <pre>{@code
   * lgtm.assertMetrics().hasHistogram("http.server.request.duration").withExemplarInTraceOf("GET /orders");
   * }</pre>
   *
   * @param spanName the name of a span of this test
   * @return an assertion on a metric with such an exemplar
   */
  public MetricAssert withExemplarInTraceOf(String spanName) {
    Objects.requireNonNull(spanName, "spanName");
    return require("with an exemplar in the trace of span [" + spanName + "]", (metric, lookup) -> {
      List<String> traces = lookup.spansNamed(spanName).stream().map(span -> span.traceId().toLowerCase(
          java.util.Locale.ROOT)).toList();
      return !traces.isEmpty() && lookup.exemplarsOf(metric).stream()
          .anyMatch(exemplar -> traces.contains(exemplar.traceId().toLowerCase(java.util.Locale.ROOT)));
    });
  }

  /**
   * Requires a histogram point with this count of recorded values.
   *
   * @param count expected count
   * @return an assertion on a metric with such a point
   */
  public MetricAssert withCount(long count) {
    return point("count " + count, point -> point instanceof HistogramPoint histogram && histogram.count() == count);
  }

  /**
   * Requires a histogram point with this sum of recorded values.
   *
   * @param sum expected sum
   * @return an assertion on a metric with such a point
   */
  public MetricAssert withSum(double sum) {
    return point("sum " + TelemetryFormat.number(sum),
        point -> point instanceof HistogramPoint histogram && Math.abs(histogram.sum() - sum) <= TOLERANCE);
  }

  /**
   * Requires an attribute with this value, strictly: the exact key, and the value's type as well as its value
   * ({@code 200} matches an integer attribute 200, not the string {@code "200"} nor the double {@code 200.0}).
   * On a backend that keeps attributes as text (Loki, Prometheus) the comparison is by text, and a failure says so.
   *
   * @param key attribute key
   * @param value expected value: {@code String}, {@code Boolean}, {@code Long}/{@code Integer}, {@code Double} or
   *     a {@code List} of these
   * @return an assertion on a metric with such a point that has it
   */
  public MetricAssert withAttribute(String key, Object value) {
    return point(Criterion.attribute("", MetricPoint::attributes, key, value, search.attributeMatch()));
  }

  /**
   * Requires an attribute with this value, typed by an OpenTelemetry {@link AttributeKey} (as
   * {@code AttributeKey.longKey("http.response.status_code")}); compared as {@link #withAttribute(String, Object)}
   * does.
   *
   * @param key the typed key
   * @param value expected value
   * @param <V> the key's value type
   * @return an assertion on a metric with such a point that has it
   */
  public <V> MetricAssert withAttribute(AttributeKey<V> key, V value) {
    Objects.requireNonNull(key, "key");
    return withAttribute(key.getKey(), value);
  }

  /**
   * Requires an attribute with this value, loosely: the opt-in for code that records one attribute with varying
   * types. {@code 3} then matches {@code 3L}, {@code 3.0} and {@code "3"}, {@code true} matches
   * {@code "true"}, and {@code order.id} also finds {@code order_id}.
   *
   * @param key attribute key
   * @param value expected value
   * @return an assertion on a metric with such a point that has it
   */
  public MetricAssert withAttributeLoosely(String key, Object value) {
    return point(Criterion.attribute("", MetricPoint::attributes, key, value, Criterion.Match.LOOSE));
  }

  /**
   * Requires a resource attribute with this value, such as {@code service.name}.
   *
   * @param key resource attribute key
   * @param value expected value
   * @return an assertion on a metric with it
   */
  public MetricAssert withResourceAttribute(String key, Object value) {
    return require(Criterion.attribute("with resource attribute ", Metric::resource, key, value, search.attributeMatch()));
  }

  /**
   * Returns the metric this assertion is about.
   *
   * @return the metric
   */
  public Metric metric() {
    return actual;
  }

  MetricAssert require(String requirement, BiPredicate<Metric, Lookup> test) {
    return require(new Criterion<>(requirement, test));
  }

  private MetricAssert require(Criterion<Metric> criterion) {
    isNotNull();
    // Metric-level requirements go before the point criterion so "closest matches" reads naturally.
    Search<Metric> narrowed = pointCriteria.isEmpty() ? search.with(criterion)
        : search.withLast(criterion).with(pointCriterion(pointCriteria));
    return of(narrowed.awaitMatch(descriptionText()), narrowed, pointCriteria, info);
  }

  private MetricAssert point(String requirement, Predicate<MetricPoint> test) {
    return point(new Criterion<>(requirement, (point, lookup) -> test.test(point)));
  }

  private MetricAssert point(Criterion<MetricPoint> criterion) {
    isNotNull();
    List<Criterion<MetricPoint>> points = new ArrayList<>(pointCriteria);
    points.add(criterion);
    Criterion<Metric> folded = pointCriterion(points);
    Search<Metric> narrowed = pointCriteria.isEmpty() ? search.with(folded) : search.withLast(folded);
    return of(narrowed.awaitMatch(descriptionText()), narrowed, points, info);
  }

  private static Criterion<Metric> pointCriterion(List<Criterion<MetricPoint>> points) {
    String description = "with a point with " + points.stream().map(Criterion::description)
        .collect(Collectors.joining(", "));
    return new Criterion<>(description, (metric, lookup) -> {
      lookup.testingPointsOf(metric);
      return metric.points().stream()
          .anyMatch(point -> points.stream().allMatch(criterion -> criterion.test().test(point, lookup)));
    });
  }
}
