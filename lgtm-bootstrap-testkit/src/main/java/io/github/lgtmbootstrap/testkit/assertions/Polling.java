package io.github.lgtmbootstrap.testkit.assertions;

import java.time.Duration;
import java.util.Objects;

/**
 * How the eventual assertions wait: the longest they poll, the pause between polls, and what they run first to
 * flush in-process telemetry. Immutable and thread-safe.
 *
 * <p>Normally made by the JUnit extension from its settings; build one directly only to use the assertion
 * classes without it:
 * <pre>{@code
 * Polling polling = Polling.of(Duration.ofSeconds(5), Duration.ofMillis(50), () -> sdk.getSdkTracerProvider().forceFlush());
 * new TracesAssert(source, TelemetryQuery.since(start), polling).hasSpan("placeOrder");
 * }</pre>
 */
public final class Polling {

  /** Default longest wait. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  /** Default pause between two polls. */
  public static final Duration DEFAULT_INTERVAL = Duration.ofMillis(50);

  private final Duration timeout;
  private final Duration interval;
  private final Runnable flush;

  private Polling(Duration timeout, Duration interval, Runnable flush) {
    this.timeout = timeout;
    this.interval = interval;
    this.flush = flush;
  }

  /**
   * Polling with the given settings.
   *
   * @param timeout longest wait, positive
   * @param interval pause between polls, positive
   * @param flush run before the first poll and about once a second after, such as an SDK's force-flush; it
   *     must not throw (exceptions are kept as the failure's cause)
   * @return the settings
   * @throws IllegalArgumentException if a duration is not positive
   */
  public static Polling of(Duration timeout, Duration interval, Runnable flush) {
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(interval, "interval");
    Objects.requireNonNull(flush, "flush");
    if (timeout.isNegative() || timeout.isZero() || interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("timeout " + timeout + " and interval " + interval + " must be positive");
    }
    return new Polling(timeout, interval, flush);
  }

  /**
   * Default polling ({@link #DEFAULT_TIMEOUT}, {@link #DEFAULT_INTERVAL}) with nothing to flush.
   *
   * @return the settings
   */
  public static Polling defaults() {
    return new Polling(DEFAULT_TIMEOUT, DEFAULT_INTERVAL, () -> {});
  }

  /**
   * Returns a copy with another timeout.
   *
   * @param timeout longest wait, positive
   * @return the new settings
   */
  public Polling withTimeout(Duration timeout) {
    return of(timeout, interval, flush);
  }

  /**
   * Returns the longest wait.
   *
   * @return the timeout
   */
  public Duration timeout() {
    return timeout;
  }

  /**
   * Returns the pause between polls.
   *
   * @return the interval
   */
  public Duration interval() {
    return interval;
  }

  void flush() {
    flush.run();
  }

  @Override
  public String toString() {
    return "Polling[timeout=" + timeout + ", interval=" + interval + "]";
  }
}
