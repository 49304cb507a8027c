package io.github.lgtmbootstrap.testkit.query.internal;

import io.github.lgtmbootstrap.testkit.model.Metric;
import io.github.lgtmbootstrap.testkit.model.MetricPoint;
import io.github.lgtmbootstrap.testkit.model.MetricType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The PromQL subset the embedded backend evaluates: one instant vector selector.
 *
 * <pre>
 * checkout_orders_total{payment_method="card", service_name=~"check.*", job!="", instance!~"test-.*"}
 * {__name__="checkout_duration_milliseconds_count", http_route="/checkout"}
 * </pre>
 *
 * <p>Metric names are the names Prometheus gives OpenTelemetry metrics ({@link PrometheusNames}:
 * {@code checkout.orders} with unit <code>{order}</code> is {@code checkout_orders_total}); a histogram answers to
 * its {@code _bucket}, {@code _sum} and {@code _count} names and is returned whole (one {@code HistogramPoint} per
 * series) with {@link Metric#storedName()} set to its stem. Labels are the point attributes under label names
 * ({@code payment.method} is {@code payment_method}), {@code job} ({@code service.namespace/service.name}),
 * {@code instance} ({@code service.instance.id}) and the resource attributes grafana/otel-lgtm's Prometheus
 * promotes to labels ({@link #PROMOTED_RESOURCE_ATTRIBUTES}); a missing label matches {@code ""} as in Prometheus.
 * Matchers: {@code =}, {@code !=}, {@code =~}, {@code !~}, regular expressions fully anchored.
 *
 * <p>Functions, aggregations, operators, range vectors, offsets and {@code le} matchers are rejected with an
 * {@link IllegalArgumentException} naming the subset and the offending part.
 */
public final class PromQlSubset {

  /** Resource attributes that grafana/otel-lgtm's Prometheus copies onto every series as labels. */
  public static final List<String> PROMOTED_RESOURCE_ATTRIBUTES = List.of(
      "service.instance.id", "service.name", "service.namespace", "service.version", "cloud.availability_zone",
      "cloud.region", "container.name", "deployment.environment", "deployment.environment.name",
      "k8s.cluster.name", "k8s.container.name", "k8s.cronjob.name", "k8s.daemonset.name", "k8s.deployment.name",
      "k8s.job.name", "k8s.namespace.name", "k8s.node.name", "k8s.pod.name", "k8s.replicaset.name",
      "k8s.statefulset.name", "host.name");

  static final String SUPPORTED = "one instant vector selector: metric_name{label=\"value\", ...} or "
      + "{__name__=\"metric_name\", ...} with =, !=, =~, !~ on point attributes, job, instance and promoted "
      + "resource labels (service_name, ...)";

  private PromQlSubset() {}

  /**
   * Compiles a query.
   *
   * @param promql the query, such as {@code checkout_orders_total{payment_method="card"}}
   * @return a function selecting, from metrics in the model, those the selector matches, each with only its
   *     matching points (the latest per attribute set, as an instant query answers) and with
   *     {@link Metric#storedName()} set to the Prometheus name
   * @throws IllegalArgumentException when the query is outside the subset, naming the subset and the part
   */
  public static Function<List<Metric>, List<Metric>> compile(String promql) {
    QueryScanner scanner = new QueryScanner("PromQL", SUPPORTED, promql);
    List<Matcher> nameMatchers = new ArrayList<>();
    List<Matcher> labelMatchers = new ArrayList<>();
    int nameAt = scanner.position();
    String name = scanner.word("_:");
    if (!name.isEmpty()) {
      if (scanner.peek("(")) {
        throw scanner.unsupportedPart(name + "(...)", nameAt);
      }
      if (List.of("sum", "avg", "min", "max", "count", "by", "without", "on", "and", "or", "unless").contains(name)
          && !scanner.peek("{") && !scanner.atEnd()) {
        throw scanner.unsupportedPart(name, nameAt);
      }
      nameMatchers.add(Matcher.of("__name__", "=", name, scanner));
    }
    if (scanner.accept("{")) {
      if (!scanner.accept("}")) {
        do {
          int at = scanner.position();
          String label = scanner.word("_");
          if (label.isEmpty()) {
            throw scanner.unsupported("a label name");
          }
          if (label.equals("le")) {
            throw scanner.unsupportedPart("le (histogram bucket matchers)", at);
          }
          Matcher matcher = Matcher.parse(scanner, label, false, "a \"string\"");
          (label.equals("__name__") ? nameMatchers : labelMatchers).add(matcher);
        } while (scanner.accept(","));
        scanner.expect("}", ", or }");
      }
    } else if (name.isEmpty()) {
      throw scanner.unsupported("a metric name or {");
    }
    if (!scanner.atEnd()) {
      throw scanner.unsupportedPart(scanner.rest(), scanner.position());
    }
    if (nameMatchers.isEmpty()) {
      throw scanner.unsupportedPart("a selector without metric name", 0);
    }
    List<Matcher> names = List.copyOf(nameMatchers);
    List<Matcher> labels = List.copyOf(labelMatchers);
    return metrics -> latestPerSeries(select(metrics, names, labels));
  }

  private static List<Metric> select(List<Metric> metrics, List<Matcher> names, List<Matcher> labels) {
    List<Metric> selected = new ArrayList<>();
    for (Metric metric : metrics) {
      String stored = storedNames(metric).stream()
          .filter(candidate -> names.stream().allMatch(matcher -> matcher.test(candidate)))
          .findFirst().orElse(null);
      if (stored == null) {
        continue;
      }
      Map<String, String> resourceLabels = resourceLabels(metric.resource());
      List<MetricPoint> points = new ArrayList<>();
      for (MetricPoint point : metric.points()) {
        Map<String, String> pointLabels = new LinkedHashMap<>(resourceLabels);
        point.attributes().forEach((key, value) ->
            pointLabels.put(LabelValues.labelName(key), LabelValues.text(value)));
        if (labels.stream().allMatch(matcher -> matcher.test(pointLabels.get(matcher.name())))) {
          points.add(point);
        }
      }
      if (!points.isEmpty()) {
        boolean histogram = metric.type() == MetricType.HISTOGRAM || metric.type() == MetricType.EXPONENTIAL_HISTOGRAM;
        selected.add(new Metric(metric.name(), histogram ? stem(metric) : stored, metric.description(),
            metric.unit(), metric.type(), metric.monotonic(), points, metric.resource(), metric.scope()));
      }
    }
    return selected;
  }

  /**
   * An instant query answers one sample per series, the latest: the embedded store keeps every export of a metric
   * as its own item, so keep per metric name and resource only the newest point of each attribute set.
   */
  private static List<Metric> latestPerSeries(List<Metric> selected) {
    Map<List<Object>, Map<Map<String, Object>, MetricPoint>> latest = new LinkedHashMap<>();
    Map<List<Object>, Metric> first = new LinkedHashMap<>();
    for (Metric metric : selected) {
      List<Object> key = List.of(metric.name(), metric.storedName(), metric.resource());
      first.putIfAbsent(key, metric);
      Map<Map<String, Object>, MetricPoint> points = latest.computeIfAbsent(key, k -> new LinkedHashMap<>());
      for (MetricPoint point : metric.points()) {
        points.merge(point.attributes(), point, (old, candidate) ->
            candidate.epochNanos() >= old.epochNanos() ? candidate : old);
      }
    }
    List<Metric> result = new ArrayList<>();
    first.forEach((key, metric) -> result.add(new Metric(metric.name(), metric.storedName(), metric.description(),
        metric.unit(), metric.type(), metric.monotonic(), List.copyOf(latest.get(key).values()), metric.resource(),
        metric.scope())));
    return result;
  }

  /** The names Prometheus stores this metric's series under. */
  static List<String> storedNames(Metric metric) {
    switch (metric.type()) {
      case HISTOGRAM:
      case EXPONENTIAL_HISTOGRAM:
        String stem = stem(metric);
        return List.of(stem + "_bucket", stem + "_sum", stem + "_count");
      case SUMMARY:
        String summary = stem(metric);
        return List.of(summary, summary + "_sum", summary + "_count");
      case SUM:
        return List.of(PrometheusNames.metricName(metric.name(), metric.unit(), MetricType.SUM, metric.monotonic()));
      default:
        return List.of(PrometheusNames.metricName(metric.name(), metric.unit(), MetricType.GAUGE, false));
    }
  }

  private static String stem(Metric metric) {
    return PrometheusNames.metricName(metric.name(), metric.unit(), MetricType.HISTOGRAM, false);
  }

  /** {@code job}, {@code instance} and the promoted resource attributes as labels. */
  static Map<String, String> resourceLabels(Map<String, Object> resource) {
    Map<String, String> labels = new LinkedHashMap<>();
    for (String key : PROMOTED_RESOURCE_ATTRIBUTES) {
      Object value = resource.get(key);
      if (value != null) {
        labels.put(LabelValues.labelName(key), LabelValues.text(value));
      }
    }
    Object serviceName = resource.get("service.name");
    Object namespace = resource.get("service.namespace");
    if (serviceName != null) {
      labels.put("job", namespace == null ? serviceName.toString() : namespace + "/" + serviceName);
    }
    Object instance = resource.get("service.instance.id");
    if (instance != null) {
      labels.put("instance", instance.toString());
    }
    return labels;
  }
}
