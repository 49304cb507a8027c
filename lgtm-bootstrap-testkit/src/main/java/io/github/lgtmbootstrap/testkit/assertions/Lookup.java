package io.github.lgtmbootstrap.testkit.assertions;

import io.github.lgtmbootstrap.testkit.model.HistogramPoint;
import io.github.lgtmbootstrap.testkit.model.Metric;
import io.github.lgtmbootstrap.testkit.model.MetricPoint;
import io.github.lgtmbootstrap.testkit.model.NumberPoint;
import io.github.lgtmbootstrap.testkit.model.Span;
import io.github.lgtmbootstrap.testkit.query.TelemetryQuery;
import io.github.lgtmbootstrap.testkit.query.TelemetrySource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The side queries criteria need during one poll (the spans of a trace, the spans with a name), each asked at
 * most once per poll. Not thread-safe: one poll, one thread.
 */
final class Lookup {

  private final TelemetrySource source;
  private final TelemetryQuery scope;
  private final Map<String, List<Span>> byTrace = new HashMap<>();
  private final Map<String, List<Span>> byName = new HashMap<>();
  private final Map<String, List<Metric>> atStart = new HashMap<>();
  private Metric metricUnderTest;

  Lookup(TelemetrySource source, TelemetryQuery scope) {
    this.source = source;
    this.scope = scope;
  }

  List<Span> spansInTrace(String traceId) {
    return byTrace.computeIfAbsent(traceId, id -> source.spans(scope.withTraceId(id)).items().stream()
        .filter(span -> span.traceId().equalsIgnoreCase(id))
        .toList());
  }

  /** The exemplars the source keeps for a histogram within the scope's window. */
  List<io.github.lgtmbootstrap.testkit.model.Exemplar> exemplarsOf(Metric metric) {
    return source.exemplars(metric, scope).items();
  }

  /** Sets the metric whose points the point criteria test next (they see one point at a time). */
  void testingPointsOf(Metric metric) {
    this.metricUnderTest = metric;
  }

  /**
   * The same series as {@code point} of the metric under test, as the store had it when the test started: the
   * latest earlier point with the same attributes and resource, or empty when the series did not exist then (or
   * the SDK restarted since, for stores that keep start times).
   */
  java.util.Optional<MetricPoint> atTestStart(MetricPoint point) {
    Metric metric = metricUnderTest;
    List<Metric> before = atStart.computeIfAbsent(metric.name(),
        name -> source.metricsAt(scope.withName(name), scope.since()).items());
    long startNanos = scope.since().getEpochSecond() * 1_000_000_000L + scope.since().getNano();
    MetricPoint latest = null;
    for (Metric earlier : before) {
      if (!earlier.name().equals(metric.name()) || !earlier.resource().equals(metric.resource())) {
        continue;
      }
      for (MetricPoint candidate : earlier.points()) {
        if (candidate.getClass() == point.getClass() && candidate.attributes().equals(point.attributes())
            && candidate.epochNanos() <= startNanos
            && (latest == null || candidate.epochNanos() > latest.epochNanos())) {
          latest = candidate;
        }
      }
    }
    if (latest != null && startTime(latest) != 0 && startTime(point) != 0 && startTime(latest) != startTime(point)) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.ofNullable(latest);
  }

  private static long startTime(MetricPoint point) {
    return point instanceof NumberPoint number ? number.startEpochNanos()
        : ((HistogramPoint) point).startEpochNanos();
  }

  List<Span> spansNamed(String name) {
    return byName.computeIfAbsent(name, n -> source.spans(scope.withName(n)).items().stream()
        .filter(span -> span.name().equals(n))
        .toList());
  }
}
