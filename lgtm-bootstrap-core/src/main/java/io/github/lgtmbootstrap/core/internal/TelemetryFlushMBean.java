package io.github.lgtmbootstrap.core.internal;

/**
 * The management interface of {@link JmxFlush}: the one operation the testkit calls to flush the SDK behind
 * {@code GlobalOpenTelemetry} before it asserts (the API hides the SDK; JMX is the reflection-free way in).
 *
 * <p>The contract with the testkit: ObjectName domain {@code io.github.lgtmbootstrap}, key properties
 * {@code type=TelemetryFlush,id=<unique id>}, exactly this operation. Public because the JMX introspector
 * requires a public interface.
 */
public interface TelemetryFlushMBean {

  /**
   * Flushes spans, log records and a metric collection, waiting at most {@code timeoutMillis}.
   *
   * @param timeoutMillis how long to wait at most (negative counts as zero)
   * @return true if all three signals were confirmed in time
   */
  boolean forceFlush(long timeoutMillis);
}
