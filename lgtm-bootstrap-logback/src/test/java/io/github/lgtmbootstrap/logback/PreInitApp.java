package io.github.lgtmbootstrap.logback;

import io.github.lgtmbootstrap.core.Lgtm;
import io.github.lgtmbootstrap.core.LgtmHandle;
import java.time.Duration;
import org.slf4j.LoggerFactory;

/**
 * A tiny app for {@link PreInitChildProcessTest}: it logs before {@code Lgtm.init()} in a fresh JVM, so logback
 * configures itself exactly as in production (our Configurator runs at start-up, then logback-test.xml).
 */
public final class PreInitApp {

  private PreInitApp() {}

  /**
   * Logs, initialises lgtm, logs again, flushes and exits.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    LoggerFactory.getLogger("app.boot").info("child logged before Lgtm.init()");
    try (LgtmHandle lgtm = Lgtm.builder().setServiceName("preinit-child").setRuntimeMetrics(false).init()) {
      LoggerFactory.getLogger("app.boot").info("child logged after Lgtm.init()");
      lgtm.forceFlush(Duration.ofSeconds(5));
    }
  }
}
