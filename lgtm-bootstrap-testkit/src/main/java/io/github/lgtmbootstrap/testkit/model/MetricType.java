package io.github.lgtmbootstrap.testkit.model;

/** The kind of a metric's data, as in the OpenTelemetry data model. */
public enum MetricType {
  /** A last-value gauge (also a non-monotonic up-down counter read as a gauge by some stores). */
  GAUGE,
  /** A sum: a counter when {@link Metric#monotonic()}, an up-down counter otherwise. */
  SUM,
  /** An explicit-bucket histogram. */
  HISTOGRAM,
  /** An exponential histogram; its points carry count and sum but no explicit buckets. */
  EXPONENTIAL_HISTOGRAM,
  /** A summary (legacy, from Prometheus-style sources). */
  SUMMARY
}
