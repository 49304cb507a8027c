package io.github.lgtmbootstrap.testkit.model;

import java.util.Objects;

/**
 * A sample measurement a histogram point kept with the trace it was recorded in: what lets Grafana jump from a
 * latency spike to the trace.
 *
 * @param value the measured value
 * @param epochNanos when it was measured, nanoseconds since the epoch
 * @param traceId the trace it was recorded in (32 lowercase hex characters), empty when none
 * @param spanId the span it was recorded in (16 lowercase hex characters), empty when none
 */
public record Exemplar(double value, long epochNanos, String traceId, String spanId) {

  /**
   * Creates the record.
   *
   * @param value the measured value
   * @param epochNanos when it was measured, nanoseconds since the epoch
   * @param traceId the trace it was recorded in (32 lowercase hex characters), empty when none
   * @param spanId the span it was recorded in (16 lowercase hex characters), empty when none
   */
  public Exemplar {
    Objects.requireNonNull(traceId, "traceId");
    Objects.requireNonNull(spanId, "spanId");
  }
}
