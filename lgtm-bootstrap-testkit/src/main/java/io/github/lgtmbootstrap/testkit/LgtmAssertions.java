package io.github.lgtmbootstrap.testkit;

import io.github.lgtmbootstrap.testkit.assertions.LogsAssert;
import io.github.lgtmbootstrap.testkit.assertions.MetricsAssert;
import io.github.lgtmbootstrap.testkit.assertions.Polling;
import io.github.lgtmbootstrap.testkit.assertions.TracesAssert;
import io.github.lgtmbootstrap.testkit.query.TelemetryQuery;
import io.github.lgtmbootstrap.testkit.query.TelemetrySource;
import java.time.Instant;
import java.util.Objects;

/**
 * Static entry points to the testkit's assertions, for a static-import style:
 * <pre>{@code
 * import static io.github.lgtmbootstrap.testkit.LgtmAssertions.assertTraces;
 *
 * assertTraces(lgtm).hasSpan("placeOrder").withChild("chargeCard");
 * }</pre>
 * The {@link TelemetrySource} variants serve code that holds a source without the JUnit extension; they see
 * everything the source has, wait {@link Polling#DEFAULT_TIMEOUT} and flush nothing.
 */
public final class LgtmAssertions {

  private LgtmAssertions() {}

  /**
   * Same as {@link LgtmBackend#assertTraces()}.
   *
   * @param backend the injected backend
   * @return the assertion
   */
  public static TracesAssert assertTraces(LgtmBackend backend) {
    return Objects.requireNonNull(backend, "backend").assertTraces();
  }

  /**
   * Same as {@link LgtmBackend#assertLogs()}.
   *
   * @param backend the injected backend
   * @return the assertion
   */
  public static LogsAssert assertLogs(LgtmBackend backend) {
    return Objects.requireNonNull(backend, "backend").assertLogs();
  }

  /**
   * Same as {@link LgtmBackend#assertMetrics()}.
   *
   * @param backend the injected backend
   * @return the assertion
   */
  public static MetricsAssert assertMetrics(LgtmBackend backend) {
    return Objects.requireNonNull(backend, "backend").assertMetrics();
  }

  /**
   * Same as {@link LgtmBackend#assertTraceQl(String)}.
   *
   * @param backend the injected backend
   * @param traceql the TraceQL query
   * @return the assertion
   */
  public static TracesAssert assertTraceQl(LgtmBackend backend, String traceql) {
    return Objects.requireNonNull(backend, "backend").assertTraceQl(traceql);
  }

  /**
   * Same as {@link LgtmBackend#assertLogQl(String)}.
   *
   * @param backend the injected backend
   * @param logql the LogQL log query
   * @return the assertion
   */
  public static LogsAssert assertLogQl(LgtmBackend backend, String logql) {
    return Objects.requireNonNull(backend, "backend").assertLogQl(logql);
  }

  /**
   * Same as {@link LgtmBackend#assertPromQl(String)}.
   *
   * @param backend the injected backend
   * @param promql the PromQL query
   * @return the assertion
   */
  public static MetricsAssert assertPromQl(LgtmBackend backend, String promql) {
    return Objects.requireNonNull(backend, "backend").assertPromQl(promql);
  }

  /**
   * Span assertions on everything a source holds.
   *
   * @param source any backend's source
   * @return the assertion
   */
  public static TracesAssert assertTraces(TelemetrySource source) {
    return new TracesAssert(Objects.requireNonNull(source, "source"), TelemetryQuery.since(Instant.EPOCH),
        Polling.defaults());
  }

  /**
   * Log assertions on everything a source holds.
   *
   * @param source any backend's source
   * @return the assertion
   */
  public static LogsAssert assertLogs(TelemetrySource source) {
    return new LogsAssert(Objects.requireNonNull(source, "source"), TelemetryQuery.since(Instant.EPOCH),
        Polling.defaults());
  }

  /**
   * Metric assertions on everything a source holds.
   *
   * @param source any backend's source
   * @return the assertion
   */
  public static MetricsAssert assertMetrics(TelemetrySource source) {
    return new MetricsAssert(Objects.requireNonNull(source, "source"), TelemetryQuery.since(Instant.EPOCH),
        Polling.defaults());
  }
}
