package io.github.lgtmbootstrap.testkit.assertions;

import io.github.lgtmbootstrap.testkit.query.Signal;
import java.time.Duration;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

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
  private final Function<String, String> lossReport;
  private final IngestBarrier barrier;

  private Polling(Duration timeout, Duration interval, Runnable flush, Function<String, String> lossReport,
      IngestBarrier barrier) {
    this.timeout = timeout;
    this.interval = interval;
    this.flush = flush;
    this.lossReport = lossReport;
    this.barrier = barrier;
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
    return new Polling(timeout, interval, flush, noun -> "", IngestBarrier.none());
  }

  /**
   * Default polling ({@link #DEFAULT_TIMEOUT}, {@link #DEFAULT_INTERVAL}) with nothing to flush.
   *
   * @return the settings
   */
  public static Polling defaults() {
    return new Polling(DEFAULT_TIMEOUT, DEFAULT_INTERVAL, () -> {}, noun -> "", IngestBarrier.none());
  }

  /**
   * Returns a copy with another timeout.
   *
   * @param timeout longest wait, positive
   * @return the new settings
   */
  public Polling withTimeout(Duration timeout) {
    return of(timeout, interval, flush).withLossReport(lossReport).withBarrier(barrier);
  }

  /**
   * Returns a copy whose failure messages add what the app's SDK lost: {@code lossReport} gets the kind of item
   * asserted on ({@code span}, {@code log record} or {@code metric}) and returns a sentence such as "The app's SDK
   * dropped 120 log records before export ...", or an empty string when nothing was lost. The JUnit extension
   * sets it from the flush MBeans.
   *
   * @param lossReport the report, must not throw
   * @return the new settings
   */
  public Polling withLossReport(Function<String, String> lossReport) {
    return new Polling(timeout, interval, flush, Objects.requireNonNull(lossReport, "lossReport"), barrier);
  }

  /**
   * Returns a copy whose absence and count checks first pass this barrier (after the flush).
   *
   * @param barrier the barrier, such as the extension's marker barrier
   * @return the new settings
   */
  public Polling withBarrier(IngestBarrier barrier) {
    return new Polling(timeout, interval, flush, lossReport, Objects.requireNonNull(barrier, "barrier"));
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

  /** The loss sentence for {@code noun} with a leading newline, or empty. */
  String losses(String noun) {
    String report = lossReport.apply(noun);
    return report == null || report.isEmpty() ? "" : "\n" + report;
  }

  /**
   * Flushes, sends a marker and polls until the store returns it: afterwards everything emitted before this call
   * has been ingested. Fails like any eventual assertion when the marker does not come back in time.
   */
  void awaitIngested(Signal signal, String description) {
    BooleanSupplier arrived;
    flush();
    try {
      arrived = barrier.send(signal);
    } catch (RuntimeException e) {
      throw new AssertionError(prefix(description) + "Could not send the marker that makes sure the backend "
          + "ingested everything the test emitted before checking absence or counts: " + e.getMessage(), e);
    }
    Poller.await(this, prefix(description) + "Expected the backend to return a marker " + signal.name()
        .toLowerCase(java.util.Locale.ROOT) + " item sent after everything the test emitted (the barrier before "
        + "checking absence or counts)", () -> arrived.getAsBoolean() ? Poller.Look.found(Boolean.TRUE)
            : Poller.Look.missing("the marker sent through the OTLP endpoint", () -> "Not returned yet."));
  }

  private static String prefix(String description) {
    return description == null || description.isEmpty() ? "" : "[" + description + "] ";
  }

  @Override
  public String toString() {
    return "Polling[timeout=" + timeout + ", interval=" + interval + "]";
  }
}
