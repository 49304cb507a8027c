package io.github.lgtmbootstrap.testkit.model;

import java.util.Map;

/**
 * A data point of a sum or gauge.
 *
 * @param attributes point attributes (immutable, normalised)
 * @param startEpochNanos start of the aggregation window, 0 when unknown
 * @param epochNanos when the value was recorded
 * @param value the value (long sums are widened to double)
 */
public record NumberPoint(Map<String, Object> attributes, long startEpochNanos, long epochNanos, double value)
    implements MetricPoint {

  /**
   * Creates the record, copying the attributes into an immutable, normalised map.
   *
   * @param attributes point attributes (immutable, normalised)
   * @param startEpochNanos start of the aggregation window, 0 when unknown
   * @param epochNanos when the value was recorded
   * @param value the value (long sums are widened to double)
   */
  public NumberPoint {
    attributes = AttributeValues.copyOf(attributes);
  }
}
