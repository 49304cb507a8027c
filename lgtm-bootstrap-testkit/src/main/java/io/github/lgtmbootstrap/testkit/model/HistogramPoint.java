package io.github.lgtmbootstrap.testkit.model;

import java.util.List;
import java.util.Map;

/**
 * A data point of a histogram.
 *
 * @param attributes point attributes (immutable, normalised)
 * @param startEpochNanos start of the aggregation window, 0 when unknown
 * @param epochNanos when the point was recorded
 * @param count number of recorded values
 * @param sum sum of recorded values
 * @param explicitBounds upper bounds of the buckets (exclusive of the implicit +Inf bucket); empty for exponential
 *     histograms
 * @param bucketCounts per-bucket (non-cumulative) counts, one more than the bounds; empty for exponential
 *     histograms
 * @param exemplars the sample measurements kept with their traces; empty when the store keeps them apart
 *     (Prometheus: see {@code TelemetrySource.exemplars})
 */
public record HistogramPoint(
    Map<String, Object> attributes,
    long startEpochNanos,
    long epochNanos,
    long count,
    double sum,
    List<Double> explicitBounds,
    List<Long> bucketCounts,
    List<Exemplar> exemplars)
    implements MetricPoint {

  /**
   * Creates the record, copying collections into immutable ones.
   *
   * @param attributes point attributes (immutable, normalised)
   * @param startEpochNanos start of the aggregation window, 0 when unknown
   * @param epochNanos when the point was recorded
   * @param count number of recorded values
   * @param sum sum of recorded values
   * @param explicitBounds upper bounds of the buckets (exclusive of the implicit +Inf bucket); empty for exponential histograms
   * @param bucketCounts per-bucket (non-cumulative) counts, one more than the bounds; empty for exponential histograms
   * @param exemplars the sample measurements kept with their traces
   */
  public HistogramPoint {
    attributes = AttributeValues.copyOf(attributes);
    explicitBounds = List.copyOf(explicitBounds);
    bucketCounts = List.copyOf(bucketCounts);
    exemplars = List.copyOf(exemplars);
  }

  /**
   * Creates a point without exemplars.
   *
   * @param attributes point attributes (immutable, normalised)
   * @param startEpochNanos start of the aggregation window, 0 when unknown
   * @param epochNanos when the point was recorded
   * @param count number of recorded values
   * @param sum sum of recorded values
   * @param explicitBounds upper bounds of the buckets; empty for exponential histograms
   * @param bucketCounts per-bucket (non-cumulative) counts; empty for exponential histograms
   */
  public HistogramPoint(Map<String, Object> attributes, long startEpochNanos, long epochNanos, long count,
      double sum, List<Double> explicitBounds, List<Long> bucketCounts) {
    this(attributes, startEpochNanos, epochNanos, count, sum, explicitBounds, bucketCounts, List.of());
  }
}
