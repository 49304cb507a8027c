package io.github.lgtmbootstrap.testkit.model;

import java.util.Map;

/**
 * One data point of a {@link Metric}: a {@link NumberPoint} for sums and gauges, a {@link HistogramPoint} for
 * histograms.
 */
public sealed interface MetricPoint permits NumberPoint, HistogramPoint {

  /**
   * Returns the point's attributes (for Prometheus: its labels other than the resource's).
   *
   * @return immutable, normalised attributes
   */
  Map<String, Object> attributes();

  /**
   * Returns when the point was recorded.
   *
   * @return nanoseconds since the epoch
   */
  long epochNanos();
}
