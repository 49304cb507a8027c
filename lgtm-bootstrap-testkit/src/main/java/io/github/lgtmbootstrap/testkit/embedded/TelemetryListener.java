package io.github.lgtmbootstrap.testkit.embedded;

import io.github.lgtmbootstrap.testkit.model.LogEntry;
import io.github.lgtmbootstrap.testkit.model.Metric;
import io.github.lgtmbootstrap.testkit.model.Span;
import java.util.List;

/** Told about every batch the receiver stored, on the receiver's thread; used by the standalone runner. */
interface TelemetryListener {

  /** Does nothing. */
  TelemetryListener NONE = new TelemetryListener() {};

  default void onSpans(List<Span> spans) {}

  default void onLogs(List<LogEntry> logs) {}

  default void onMetrics(List<Metric> metrics) {}
}
