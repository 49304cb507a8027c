package io.github.lgtmbootstrap.testkit.remote;

import io.github.lgtmbootstrap.testkit.model.HistogramPoint;
import io.github.lgtmbootstrap.testkit.model.InstrumentationScope;
import io.github.lgtmbootstrap.testkit.model.Metric;
import io.github.lgtmbootstrap.testkit.model.MetricPoint;
import io.github.lgtmbootstrap.testkit.model.MetricType;
import io.github.lgtmbootstrap.testkit.model.NumberPoint;
import io.github.lgtmbootstrap.testkit.query.internal.PrometheusNames;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Turns Prometheus samples back into {@link Metric}s: one metric per stored name (per histogram stem) and
 * resource, one point per label set. Histogram series ({@code _bucket} with cumulative counts per {@code le},
 * {@code _sum}, {@code _count}) are folded into one {@link HistogramPoint} with per-bucket counts.
 *
 * <p>The resource of a series comes from its {@code target_info} (matched on {@code job} and {@code instance}),
 * its promoted resource labels, and {@code job}/{@code instance} themselves; every other label is a point
 * attribute under its Prometheus name (such as {@code payment_method}).
 */
final class PrometheusMetricMapper {

  private static final String NAME = "__name__";

  private final Map<String, Map<String, String>> targetInfo;
  private final Collection<String> resourceKeys;

  /**
   * Creates a mapper.
   *
   * @param targetInfo {@code target_info} label sets keyed by {@link #target(Map)}
   * @param resourceKeys resource attribute keys (besides the well-known ones) whose labels are resource labels
   */
  PrometheusMetricMapper(Map<String, Map<String, String>> targetInfo, Collection<String> resourceKeys) {
    this.targetInfo = targetInfo;
    this.resourceKeys = resourceKeys;
  }

  /** The key joining a series to its {@code target_info}: its {@code job} and {@code instance}. */
  static String target(Map<String, String> labels) {
    return labels.getOrDefault("job", "") + "\u0000" + labels.getOrDefault("instance", "");
  }

  /**
   * Maps samples.
   *
   * @param otelName the OpenTelemetry name to report, or empty to report the stored name (raw PromQL)
   * @param samples what Prometheus returned
   * @return the metrics, in order of first appearance
   */
  List<Metric> toMetrics(String otelName, List<PrometheusClient.Sample> samples) {
    Map<String, List<PrometheusClient.Sample>> byStem = new LinkedHashMap<>();
    java.util.Set<String> histogramStems = new java.util.HashSet<>();
    for (PrometheusClient.Sample sample : samples) {
      String name = sample.name();
      if (name.endsWith("_bucket") && sample.labels().containsKey("le")) {
        histogramStems.add(name.substring(0, name.length() - "_bucket".length()));
      }
    }
    for (PrometheusClient.Sample sample : samples) {
      byStem.computeIfAbsent(stemOf(sample.name(), histogramStems), k -> new ArrayList<>()).add(sample);
    }
    List<Metric> metrics = new ArrayList<>();
    byStem.forEach((stem, stemSamples) -> {
      if (stemSamples.stream().allMatch(PrometheusClient.Sample::isNativeHistogram)) {
        metrics.addAll(nativeHistograms(otelName, stem, stemSamples));
      } else if (histogramStems.contains(stem)) {
        metrics.addAll(histograms(otelName, stem, stemSamples));
      } else {
        metrics.addAll(numbers(otelName, stem, stemSamples));
      }
    });
    return metrics;
  }

  private static String stemOf(String name, java.util.Set<String> histogramStems) {
    for (String suffix : List.of("_bucket", "_sum", "_count")) {
      if (name.endsWith(suffix)) {
        String stem = name.substring(0, name.length() - suffix.length());
        if (histogramStems.contains(stem)) {
          return stem;
        }
      }
    }
    return name;
  }

  private List<Metric> numbers(String otelName, String stored, List<PrometheusClient.Sample> samples) {
    boolean counter = stored.endsWith("_total");
    Map<Map<String, Object>, List<MetricPoint>> byResource = new LinkedHashMap<>();
    for (PrometheusClient.Sample sample : samples) {
      Map<String, Object> resource = resource(sample.labels());
      byResource.computeIfAbsent(resource, k -> new ArrayList<>())
          .add(new NumberPoint(attributes(sample.labels(), resource), 0, sample.epochNanos(), sample.value()));
    }
    List<Metric> metrics = new ArrayList<>();
    byResource.forEach((resource, points) -> metrics.add(new Metric(
        otelName.isEmpty() ? stored : otelName,
        stored,
        "",
        otelName.isEmpty() ? "" : PrometheusNames.unitOf(stored, otelName).orElse(""),
        counter ? MetricType.SUM : MetricType.GAUGE,
        counter,
        points,
        resource,
        InstrumentationScope.UNKNOWN)));
    return metrics;
  }

  private List<Metric> histograms(String otelName, String stem, List<PrometheusClient.Sample> samples) {
    // Points keyed by resource, then by attributes (label set without le).
    Map<Map<String, Object>, Map<Map<String, Object>, HistogramParts>> byResource = new LinkedHashMap<>();
    for (PrometheusClient.Sample sample : samples) {
      Map<String, Object> resource = resource(sample.labels());
      Map<String, Object> attributes = attributes(sample.labels(), resource);
      HistogramParts parts = byResource.computeIfAbsent(resource, k -> new LinkedHashMap<>())
          .computeIfAbsent(attributes, k -> new HistogramParts());
      parts.epochNanos = Math.max(parts.epochNanos, sample.epochNanos());
      String name = sample.name();
      if (name.endsWith("_bucket")) {
        parts.cumulative.put(PrometheusClient.parseValue(sample.labels().get("le")), sample.value());
      } else if (name.endsWith("_sum")) {
        parts.sum = sample.value();
      } else if (name.endsWith("_count")) {
        parts.count = Optional.of(sample.value());
      }
    }
    List<Metric> metrics = new ArrayList<>();
    byResource.forEach((resource, pointsByAttributes) -> {
      List<MetricPoint> points = new ArrayList<>();
      pointsByAttributes.forEach((attributes, parts) -> points.add(parts.toPoint(attributes)));
      metrics.add(new Metric(
          otelName.isEmpty() ? stem : otelName,
          stem,
          "",
          otelName.isEmpty() ? "" : PrometheusNames.unitOf(stem, otelName).orElse(""),
          MetricType.HISTOGRAM,
          false,
          points,
          resource,
          InstrumentationScope.UNKNOWN));
    });
    return metrics;
  }

  /** Native histograms (from OTLP exponential histograms): count and sum, no explicit buckets. */
  private List<Metric> nativeHistograms(String otelName, String stored, List<PrometheusClient.Sample> samples) {
    Map<Map<String, Object>, List<MetricPoint>> byResource = new LinkedHashMap<>();
    for (PrometheusClient.Sample sample : samples) {
      Map<String, Object> resource = resource(sample.labels());
      byResource.computeIfAbsent(resource, k -> new ArrayList<>()).add(new HistogramPoint(
          attributes(sample.labels(), resource), 0, sample.epochNanos(), Math.round(sample.value()),
          sample.nativeSum(), List.of(), List.of()));
    }
    List<Metric> metrics = new ArrayList<>();
    byResource.forEach((resource, points) -> metrics.add(new Metric(
        otelName.isEmpty() ? stored : otelName, stored, "",
        otelName.isEmpty() ? "" : PrometheusNames.unitOf(stored, otelName).orElse(""),
        MetricType.EXPONENTIAL_HISTOGRAM, false, points, resource, InstrumentationScope.UNKNOWN)));
    return metrics;
  }

  /** The resource of a series, with OpenTelemetry keys where they are known. */
  Map<String, Object> resource(Map<String, String> labels) {
    Map<String, Object> resource = new LinkedHashMap<>();
    Map<String, String> target = targetInfo.get(target(labels));
    if (target != null) {
      target.forEach((label, value) -> {
        if (!label.equals(NAME) && !label.equals("job") && !label.equals("instance")) {
          resource.put(StoreLabels.resourceKey(label, resourceKeys).orElse(label), value);
        }
      });
    }
    labels.forEach((label, value) -> StoreLabels.resourceKey(label, resourceKeys)
        .ifPresent(key -> resource.putIfAbsent(key, value)));
    String job = labels.getOrDefault("job", "");
    if (!job.isEmpty() && !resource.containsKey("service.name")) {
      int slash = job.lastIndexOf('/');
      resource.put("service.name", job.substring(slash + 1));
      if (slash > 0 && !resource.containsKey("service.namespace")) {
        resource.put("service.namespace", job.substring(0, slash));
      }
    }
    String instance = labels.getOrDefault("instance", "");
    if (!instance.isEmpty() && !resource.containsKey("service.instance.id")) {
      resource.put("service.instance.id", instance);
    }
    return resource;
  }

  private Map<String, Object> attributes(Map<String, String> labels, Map<String, Object> resource) {
    Map<String, String> target = targetInfo.getOrDefault(target(labels), Map.of());
    Map<String, Object> attributes = new LinkedHashMap<>();
    labels.forEach((label, value) -> {
      boolean bookkeeping = label.equals(NAME) || label.equals("job") || label.equals("instance")
          || label.equals("le");
      boolean fromResource = StoreLabels.resourceKey(label, resourceKeys).isPresent()
          || value.equals(target.get(label));
      if (!bookkeeping && !fromResource) {
        attributes.put(label, value);
      }
    });
    return attributes;
  }

  /** Collects the series of one histogram point. */
  private static final class HistogramParts {
    final TreeMap<Double, Double> cumulative = new TreeMap<>();
    double sum;
    Optional<Double> count = Optional.empty();
    long epochNanos;

    HistogramPoint toPoint(Map<String, Object> attributes) {
      List<Double> bounds = new ArrayList<>();
      List<Long> counts = new ArrayList<>();
      double previous = 0;
      for (Map.Entry<Double, Double> bucket : cumulative.entrySet()) {
        if (!bucket.getKey().isInfinite()) {
          bounds.add(bucket.getKey());
        }
        counts.add(Math.round(bucket.getValue() - previous));
        previous = bucket.getValue();
      }
      if (!cumulative.isEmpty() && !cumulative.lastKey().isInfinite()) {
        // no +Inf bucket came back: the rest of the count falls into it
        counts.add(Math.round(count.orElse(previous) - previous));
      }
      long total = Math.round(count.orElse(cumulative.isEmpty() ? 0d : cumulative.lastEntry().getValue()));
      return new HistogramPoint(attributes, 0, epochNanos, total, sum, bounds, counts);
    }
  }
}
