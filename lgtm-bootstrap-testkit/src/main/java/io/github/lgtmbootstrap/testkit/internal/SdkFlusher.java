package io.github.lgtmbootstrap.testkit.internal;

import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Flushes in-process SDKs before assertions poll, so nobody waits for a batch delay or metric interval. Not API.
 *
 * <p>An SDK that was closed never completes a flush (its batch processors' workers are gone), so one that does not
 * finish within {@value #FLUSH_TIMEOUT_SECONDS} seconds is skipped from then on: a test that closed its SDK pays
 * that wait once, not on every poll.
 */
public final class SdkFlusher implements Runnable {

  private static final Logger LOGGER = Logger.getLogger(SdkFlusher.class.getName());
  static final long FLUSH_TIMEOUT_SECONDS = 5;

  private final Supplier<? extends OpenTelemetrySdk> sdk;
  private final long timeoutMillis;
  private volatile OpenTelemetrySdk stale;

  SdkFlusher(Supplier<? extends OpenTelemetrySdk> sdk, long timeoutMillis) {
    this.sdk = sdk;
    this.timeoutMillis = timeoutMillis;
  }

  /**
   * A flush action for an SDK looked up on every flush; a null SDK is skipped.
   *
   * @param sdk supplies the SDK
   * @return the action
   */
  public static Runnable of(Supplier<? extends OpenTelemetrySdk> sdk) {
    return new SdkFlusher(Objects.requireNonNull(sdk, "sdk"), TimeUnit.SECONDS.toMillis(FLUSH_TIMEOUT_SECONDS));
  }

  @Override
  public void run() {
    OpenTelemetrySdk current = sdk.get();
    if (current == null || current == stale) {
      return;
    }
    CompletableResultCode all = CompletableResultCode.ofAll(List.of(
        current.getSdkTracerProvider().forceFlush(),
        current.getSdkMeterProvider().forceFlush(),
        current.getSdkLoggerProvider().forceFlush()));
    all.join(timeoutMillis, TimeUnit.MILLISECONDS);
    if (!all.isDone()) {
      stale = current;
      LOGGER.log(Level.INFO, "An OpenTelemetry SDK did not finish flushing within {0} ms (was it closed?); "
          + "assertions no longer flush it and rely on its export intervals", timeoutMillis);
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
