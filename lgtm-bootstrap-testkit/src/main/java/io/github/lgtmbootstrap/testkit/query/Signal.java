package io.github.lgtmbootstrap.testkit.query;

/** The three kinds of telemetry a backend stores. */
public enum Signal {
  /** Spans (Tempo). */
  TRACES,
  /** Log records (Loki). */
  LOGS,
  /** Metrics (Prometheus). */
  METRICS
}
