package io.github.lgtmbootstrap.testkit.internal;

/**
 * The flush MBean contract as tests implement it (core implements the same operation; the testkit never sees
 * core's class, only the operation's name and signature).
 */
public interface TelemetryFlushMBean {

  /**
   * Flushes every signal.
   *
   * @param timeoutMillis longest time to spend
   * @return whether the flush completed
   */
  boolean forceFlush(long timeoutMillis);
}
