package io.github.lgtmbootstrap.core.internal;

/**
 * The management interface of {@link JmxFlush}: the one operation the testkit calls to flush the SDK behind
 * {@code GlobalOpenTelemetry} before it asserts (the API hides the SDK; JMX is the reflection-free way in).
 *
 * <p>The contract with the testkit: ObjectName domain {@code io.github.lgtmbootstrap}, key properties
 * {@code type=TelemetryFlush,id=<unique id>}, this operation, and the read-only count attributes below
 * ({@code DroppedLogRecords}, ...; the testkit reads the {@code Dropped*} and {@code Failed*} ones to explain
 * missing telemetry in a failing assertion). Public because the JMX introspector requires a public interface.
 */
public interface TelemetryFlushMBean {

  /**
   * Flushes spans, log records and a metric collection, waiting at most {@code timeoutMillis}.
   *
   * @param timeoutMillis how long to wait at most (negative counts as zero)
   * @return true if all three signals were confirmed in time
   */
  boolean forceFlush(long timeoutMillis);

  /**
   * Spans the backend confirmed (attribute {@code ExportedSpans}).
   *
   * @return the count since init
   */
  long getExportedSpans();

  /**
   * Spans the SDK dropped because its queue was full (attribute {@code DroppedSpans}).
   *
   * @return the count since init
   */
  long getDroppedSpans();

  /**
   * Spans in failed exports (attribute {@code FailedSpans}).
   *
   * @return the count since init
   */
  long getFailedSpans();

  /**
   * Log records the backend confirmed (attribute {@code ExportedLogRecords}).
   *
   * @return the count since init
   */
  long getExportedLogRecords();

  /**
   * Log records the SDK dropped because its queue was full (attribute {@code DroppedLogRecords}).
   *
   * @return the count since init
   */
  long getDroppedLogRecords();

  /**
   * Log records in failed exports (attribute {@code FailedLogRecords}).
   *
   * @return the count since init
   */
  long getFailedLogRecords();

  /**
   * Metrics the backend confirmed (attribute {@code ExportedMetrics}).
   *
   * @return the count since init
   */
  long getExportedMetrics();

  /**
   * Metrics in failed exports (attribute {@code FailedMetrics}).
   *
   * @return the count since init
   */
  long getFailedMetrics();
}
