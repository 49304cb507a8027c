package io.github.lgtmbootstrap.core;

import io.github.lgtmbootstrap.core.internal.LgtmRuntime;
import io.opentelemetry.api.OpenTelemetry;
import java.time.Duration;
import java.util.Objects;

/**
 * What {@link Lgtm#init()} returns: the running OpenTelemetry SDK, with bounded flush and shutdown.
 *
 * <pre>{@code
 * try (LgtmHandle lgtm = Lgtm.init()) {
 *   Tracer tracer = lgtm.openTelemetry().getTracer("checkout");
 *   ...
 * } // close(): flushes and shuts down within lgtm.shutdown.timeout (default 1 s)
 * }</pre>
 *
 * <p>Closing is optional: a JVM shutdown hook does the same at exit (switch it off with
 * {@code lgtm.shutdown.hook.enabled=false}). A disabled handle ({@code lgtm.enabled=false} or
 * {@code otel.sdk.disabled=true}) hands out {@link OpenTelemetry#noop()} and does nothing. Thread-safe;
 * {@link #toString()} never shows secrets.
 *
 * <p><b>With the OpenTelemetry java agent</b> the handle stands for the agent's SDK, which lgtm-bootstrap does
 * not own: {@link #openTelemetry()} is the agent's instance ({@link io.opentelemetry.api.GlobalOpenTelemetry}),
 * {@link #isEnabled()} is true, {@link #forceFlush(Duration)} returns false at once (the agent offers the
 * application no flush; it exports on its own schedule and flushes at JVM exit) and {@link #shutdown()} /
 * {@link #close()} do nothing and return true.
 */
public final class LgtmHandle implements AutoCloseable {

  private final LgtmRuntime runtime; // null when disabled or under the java agent
  private final OpenTelemetry agent; // the java agent's instance, else null
  private final String description;

  LgtmHandle(LgtmRuntime runtime) {
    this.runtime = runtime;
    this.agent = null;
    this.description = runtime.toString();
  }

  private LgtmHandle(String description, OpenTelemetry agent) {
    this.runtime = null;
    this.agent = agent;
    this.description = description;
  }

  static LgtmHandle disabled() {
    return new LgtmHandle("disabled", null);
  }

  static LgtmHandle overAgent(OpenTelemetry agentOpenTelemetry) {
    return new LgtmHandle("OpenTelemetry java agent's SDK", agentOpenTelemetry);
  }

  LgtmRuntime runtime() {
    return runtime;
  }

  /**
   * The OpenTelemetry instance to get tracers, meters and loggers from; the same one registered as
   * {@link io.opentelemetry.api.GlobalOpenTelemetry}.
   *
   * @return the SDK, or {@link OpenTelemetry#noop()} when disabled
   */
  public OpenTelemetry openTelemetry() {
    if (runtime != null) {
      return runtime.openTelemetry();
    }
    return agent != null ? agent : OpenTelemetry.noop();
  }

  /**
   * Whether telemetry is being recorded and exported (false for a disabled handle).
   *
   * @return true unless disabled (true under the java agent)
   */
  public boolean isEnabled() {
    return runtime != null || agent != null;
  }

  /**
   * Exports everything recorded so far (spans, log records and a metric collection) and waits for the backend
   * to confirm, at most {@code timeout}. Never throws because the backend is down.
   *
   * @param timeout how long to wait at most
   * @return true if all three signals were confirmed in time; false on timeout, export failure, after
   *     shutdown, when disabled, or under the java agent (whose SDK cannot be flushed from the application)
   */
  public boolean forceFlush(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    return runtime != null && runtime.forceFlush(timeout);
  }

  /**
   * How many spans, log records and metrics OTLP export got confirmed, how many the SDK dropped because its
   * queue was full, and how many were in failed exports, since {@link Lgtm#init()}. Losses are also warned about
   * on {@code java.util.logging}; see {@link ExportCounts}. Still answers after shutdown (the final counts).
   *
   * @return the counts; all zero when disabled
   */
  public ExportCounts exportCounts() {
    return runtime == null ? ExportCounts.NONE : runtime.exportCounts();
  }

  /**
   * Uninstalls add-ons, stops runtime metrics, exports what is pending and shuts the SDK down, returning
   * within {@code lgtm.shutdown.timeout} (default 1 s) whatever the backend does. What could not be delivered
   * in time is dropped with one warning on {@code java.util.logging} saying how much. Idempotent; afterwards
   * {@link Lgtm#init()} may be called again.
   *
   * @return true if everything was delivered and shut down within the bound (always true, doing nothing, when
   *     disabled or under the java agent, which shuts its own SDK down at JVM exit)
   */
  public boolean shutdown() {
    return runtime == null || runtime.shutdown();
  }

  /** Same as {@link #shutdown()}. */
  @Override
  public void close() {
    shutdown();
  }

  /**
   * Where telemetry goes and how, without secrets: header names are shown, their values never.
   *
   * @return a one-line description
   */
  @Override
  public String toString() {
    return "LgtmHandle[" + description + "]";
  }
}
