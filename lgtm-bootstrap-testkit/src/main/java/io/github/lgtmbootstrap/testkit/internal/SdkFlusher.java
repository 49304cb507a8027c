package io.github.lgtmbootstrap.testkit.internal;

import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Flushes in-process SDKs before assertions poll, so nobody waits for a batch delay or metric interval. Not API. */
public final class SdkFlusher {

  private static final Logger LOGGER = Logger.getLogger(SdkFlusher.class.getName());
  private static final long FLUSH_TIMEOUT_SECONDS = 5;

  private SdkFlusher() {}

  /**
   * Flushes the tracer, meter and logger providers of an SDK and waits (at most five seconds) for the exports.
   *
   * @param sdk the SDK
   */
  public static void flush(OpenTelemetrySdk sdk) {
    CompletableResultCode all = CompletableResultCode.ofAll(List.of(
        sdk.getSdkTracerProvider().forceFlush(),
        sdk.getSdkMeterProvider().forceFlush(),
        sdk.getSdkLoggerProvider().forceFlush()));
    all.join(FLUSH_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    if (!all.isSuccess()) {
      LOGGER.log(Level.FINE, "Flushing the OpenTelemetry SDK did not succeed within {0}s; polling anyway",
          FLUSH_TIMEOUT_SECONDS);
    }
  }

  /**
   * Runs flush actions one after another; a failing action is logged and does not stop the others.
   *
   * @param actions the actions
   */
  public static void runAll(List<Runnable> actions) {
    for (Runnable action : actions) {
      try {
        action.run();
      } catch (RuntimeException e) {
        LOGGER.log(Level.WARNING, "A flush action failed; assertions poll anyway", e);
      }
    }
  }
}
