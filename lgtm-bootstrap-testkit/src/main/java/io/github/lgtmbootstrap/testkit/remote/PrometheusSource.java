package io.github.lgtmbootstrap.testkit.remote;

import io.github.lgtmbootstrap.testkit.model.Exemplar;
import io.github.lgtmbootstrap.testkit.model.Metric;
import io.github.lgtmbootstrap.testkit.query.QueryResult;
import io.github.lgtmbootstrap.testkit.query.TelemetryQuery;
import io.github.lgtmbootstrap.testkit.query.internal.PrometheusNames;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The metric questions of {@link RemoteTelemetrySource}, answered by Prometheus: the OpenTelemetry name is
 * translated ({@code checkout.orders} finds {@code checkout_orders_total}, {@code checkout.duration} finds
 * {@code checkout_duration_milliseconds_bucket/_sum/_count}) by listing Prometheus' metric names, and the resource
 * match is resolved through {@code target_info}. Without a name, every series of the matching resources'
 * {@code job}/{@code instance} is returned under its stored name. Thread-safe.
 */
final class PrometheusSource {

  private static final int MAX_TARGETS_LISTED = 10;
  /** Resource attributes Prometheus turns into {@code job} and {@code instance}. */
  private static final Set<String> IDENTIFYING_KEYS =
      Set.of("service.name", "service.namespace", "service.instance.id");

  private final PrometheusClient prometheus;
  private final ExploreLinks explore;
  private final QueryScope window;

  PrometheusSource(PrometheusClient prometheus, ExploreLinks explore, QueryScope window) {
    this.prometheus = Objects.requireNonNull(prometheus, "prometheus");
    this.explore = Objects.requireNonNull(explore, "explore");
    this.window = Objects.requireNonNull(window, "window");
  }

  PrometheusClient client() {
    return prometheus;
  }

  /** The series as they are now ({@code at} empty) or as they were at {@code at} (the instant query's time). */
  QueryResult<Metric> metrics(TelemetryQuery query, Optional<Instant> at) {
    if (query.name().isEmpty()) {
      return metricsOfResources(query);
    }
    String name = query.name().get();
    List<String> ran = new ArrayList<>();
    ran.add("label_values(__name__) belonging to " + name);
    List<String> storedNames = new ArrayList<>();
    for (String stored : prometheus.labelValues("__name__")) {
      if (PrometheusNames.belongsTo(stored, name)) {
        storedNames.add(stored);
      }
    }
    List<String> promql = selectorsFor(storedNames);
    List<PrometheusClient.Sample> samples = new ArrayList<>();
    for (String selector : promql) {
      ran.add(selector);
      samples.addAll(at.isPresent() ? prometheus.query(selector, at.get()) : prometheus.query(selector));
    }
    if (promql.isEmpty()) {
      ran.add("(no series named like " + PrometheusNames.baseName(name) + "[_<unit>][_total|_bucket|_sum|_count] yet)");
    }
    List<Metric> metrics = toMetrics(name, samples, targetsOf(samples, query.resourceMatch(), ran),
        query.resourceMatch());
    // nothing found yet: let Explore show what exists under similar names
    List<String> explorable = promql.isEmpty()
        ? List.of("{__name__=~\"" + PrometheusNames.baseName(name) + ".*\"}")
        : promql;
    return new QueryResult<>(metrics, String.join("\n", ran), explore.prometheus(explorable, query.since()));
  }

  QueryResult<Metric> promql(String promql, TelemetryQuery scope) {
    List<PrometheusClient.Sample> samples = prometheus.query(promql);
    List<String> ran = new ArrayList<>(List.of(promql));
    List<Metric> metrics = toMetrics("", samples, targetsOf(samples, scope.resourceMatch(), ran),
        scope.resourceMatch());
    return new QueryResult<>(metrics, String.join("\n", ran), explore.prometheus(List.of(promql), scope.since()));
  }

  /** A histogram's exemplars over the query's window: Prometheus keeps them apart from the series. */
  QueryResult<Exemplar> exemplars(Metric metric, TelemetryQuery scope) {
    return PrometheusExemplars.of(prometheus, metric, window.windowStart(scope.since()), window.windowEnd());
  }

  /**
   * Every series of the resources that match, by their {@code job}/{@code instance} from {@code target_info}
   * (used to list what arrived when a named metric did not). Metric names are then the stored names.
   */
  private QueryResult<Metric> metricsOfResources(TelemetryQuery query) {
    if (query.resourceMatch().isEmpty()) {
      throw new IllegalArgumentException("Prometheus needs a metric name or a resource to match to look metrics up; "
          + "ask for a metric by its OpenTelemetry name, such as checkout.orders");
    }
    List<String> ran = new ArrayList<>();
    String targetInfo = targetInfoFor(query.resourceMatch());
    ran.add(targetInfo);
    Map<String, Map<String, String>> targets = targetInfo(targetInfo);
    List<PrometheusClient.Sample> samples = new ArrayList<>();
    List<String> selectors = new ArrayList<>();
    targets.values().stream().limit(MAX_TARGETS_LISTED).forEach(labels -> {
      String selector = "{job=" + QueryScope.quote(labels.getOrDefault("job", "")) + ",instance="
          + QueryScope.quote(labels.getOrDefault("instance", "")) + "}";
      selectors.add(selector);
      ran.add(selector);
      for (PrometheusClient.Sample sample : prometheus.query(selector)) {
        if (!"target_info".equals(sample.name())) {
          samples.add(sample);
        }
      }
    });
    List<Metric> metrics = toMetrics("", samples, targets, query.resourceMatch());
    return new QueryResult<>(metrics, String.join("\n", ran), explore.prometheus(selectors, query.since()));
  }

  /**
   * The {@code target_info} series of the resources that match, by target, when there is a match and samples
   * to join them to (the query is added to {@code ran}); otherwise none, without asking Prometheus.
   */
  private Map<String, Map<String, String>> targetsOf(List<PrometheusClient.Sample> samples,
      Map<String, String> resourceMatch, List<String> ran) {
    if (resourceMatch.isEmpty() || samples.isEmpty()) {
      return Map.of();
    }
    String targetInfo = targetInfoFor(resourceMatch);
    ran.add(targetInfo);
    return targetInfo(targetInfo);
  }

  /** Maps samples into metrics (named {@code name}, or by stored name when empty) of the matching resources. */
  private static List<Metric> toMetrics(String name, List<PrometheusClient.Sample> samples,
      Map<String, Map<String, String>> targets, Map<String, String> resourceMatch) {
    List<Metric> metrics = new ArrayList<>();
    for (Metric metric : new PrometheusMetricMapper(targets, resourceMatch.keySet()).toMetrics(name, samples)) {
      if (QueryScope.matches(metric.resource(), resourceMatch)) {
        metrics.add(metric);
      }
    }
    return metrics;
  }

  private Map<String, Map<String, String>> targetInfo(String selector) {
    Map<String, Map<String, String>> targets = new LinkedHashMap<>();
    for (PrometheusClient.Sample sample : prometheus.query(selector)) {
      targets.put(PrometheusMetricMapper.target(sample.labels()), sample.labels());
    }
    return targets;
  }

  /**
   * <code>target_info{job=~"(.+/)?name",instance="id",k="v",...}</code>: the identifying resource attributes as
   * the {@code job} ({@code service.namespace/service.name}) and {@code instance} ({@code service.instance.id})
   * labels every series and {@code target_info} carry, every other attribute under its label name. Prometheus
   * 3.14 leaves {@code service_name}, {@code service_namespace} and {@code service_instance_id} off
   * {@code target_info} unless {@code otlp.keep_identifying_resource_attributes} is set, so they are never
   * matched by those names.
   */
  static String targetInfoFor(Map<String, String> resourceMatch) {
    List<String> matchers = new ArrayList<>();
    String name = resourceMatch.get("service.name");
    String namespace = resourceMatch.get("service.namespace");
    if (name != null && namespace != null) {
      matchers.add("job=" + QueryScope.quote(namespace + "/" + name));
    } else if (name != null) {
      matchers.add("job=~" + QueryScope.quote("(.+/)?" + regexLiteral(name)));
    } else if (namespace != null) {
      matchers.add("job=~" + QueryScope.quote(regexLiteral(namespace) + "/.+"));
    }
    String instance = resourceMatch.get("service.instance.id");
    if (instance != null) {
      matchers.add("instance=" + QueryScope.quote(instance));
    }
    resourceMatch.entrySet().stream()
        .filter(entry -> !IDENTIFYING_KEYS.contains(entry.getKey()))
        .sorted(Map.Entry.comparingByKey())
        .forEach(entry ->
            matchers.add(StoreLabels.labelName(entry.getKey()) + "=" + QueryScope.quote(entry.getValue())));
    return "target_info{" + String.join(",", matchers) + "}";
  }

  /** A text matched literally inside a PromQL (RE2) regular expression. */
  static String regexLiteral(String text) {
    StringBuilder escaped = new StringBuilder();
    for (char c : text.toCharArray()) {
      if ("\\.+*?()|[]{}^$".indexOf(c) >= 0) {
        escaped.append('\\');
      }
      escaped.append(c);
    }
    return escaped.toString();
  }

  /** One selector per stored metric; the three series of a histogram share one regex selector. */
  static List<String> selectorsFor(List<String> storedNames) {
    Set<String> names = new LinkedHashSet<>(storedNames);
    List<String> selectors = new ArrayList<>();
    Set<String> done = new HashSet<>();
    for (String name : names) {
      if (name.endsWith("_bucket")) {
        String stem = name.substring(0, name.length() - "_bucket".length());
        selectors.add("{__name__=~\"" + stem + "_(bucket|sum|count)\"}");
        done.add(stem + "_bucket");
        done.add(stem + "_sum");
        done.add(stem + "_count");
      }
    }
    for (String name : names) {
      if (!done.contains(name)) {
        selectors.add(name);
      }
    }
    return selectors;
  }
}
