package io.github.lgtmbootstrap.core.http.internal;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Reports a failure of the tracing machinery once on {@code java.util.logging} and stays quiet afterwards, so a
 * broken telemetry setup never floods the log or reaches the application's request path.
 */
final class WarnOnce {

  private final Logger logger;
  private final AtomicBoolean warned = new AtomicBoolean();

  WarnOnce(Class<?> owner) {
    this.logger = Logger.getLogger(owner.getName());
  }

  void warn(String what, Throwable error) {
    if (warned.compareAndSet(false, true)) {
      logger.log(
          Level.WARNING,
          what + "; the request goes on untraced (further failures of this kind are not logged)",
          error);
    }
  }
}
