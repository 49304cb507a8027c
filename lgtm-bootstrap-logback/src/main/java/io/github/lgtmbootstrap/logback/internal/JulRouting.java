package io.github.lgtmbootstrap.logback.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Routes java.util.logging into SLF4J (and so logback and the OpenTelemetry appender) with jul-to-slf4j's
 * {@link SLF4JBridgeHandler}, without loops and without losing anything:
 *
 * <ul>
 *   <li>the JUL root handlers (the JDK's ConsoleHandler) are moved off the root, so JDK and library records are
 *       printed once, by logback, instead of twice;
 *   <li>OpenTelemetry's and lgtm's own JUL loggers ({@link LibraryLoggers#JUL_EXCLUDED}) keep the original
 *       handlers and do not reach the bridge: an exporter failure is printed, never exported through itself.
 * </ul>
 *
 * <p>Everything is restored by {@link #uninstall()}. If a bridge is already installed (Spring Boot installs one),
 * nothing is changed.
 */
final class JulRouting {

  private final Logger root;
  private final Handler[] originalRootHandlers;
  private final Handler bridge;
  private final List<ExcludedLogger> excluded = new ArrayList<>();

  /** Strong references: JUL keeps loggers weakly, and their settings would vanish with them. */
  private static final class ExcludedLogger {
    final Logger logger;
    final boolean useParentHandlers;

    ExcludedLogger(Logger logger) {
      this.logger = logger;
      this.useParentHandlers = logger.getUseParentHandlers();
    }
  }

  private JulRouting(Logger root) {
    this.root = root;
    this.originalRootHandlers = root.getHandlers();
    this.bridge = new LibraryExcludingBridgeHandler();
  }

  /** Installs the bridge; returns null when some SLF4J bridge is already on the JUL root logger. */
  static JulRouting install() {
    if (SLF4JBridgeHandler.isInstalled()) {
      return null;
    }
    Logger root = LogManager.getLogManager().getLogger("");
    JulRouting routing = new JulRouting(root);
    for (String name : LibraryLoggers.JUL_EXCLUDED) {
      ExcludedLogger entry = new ExcludedLogger(Logger.getLogger(name));
      routing.excluded.add(entry);
      entry.logger.setUseParentHandlers(false);
      for (Handler handler : routing.originalRootHandlers) {
        entry.logger.addHandler(handler);
      }
    }
    for (Handler handler : routing.originalRootHandlers) {
      root.removeHandler(handler);
    }
    root.addHandler(routing.bridge);
    return routing;
  }

  void uninstall() {
    root.removeHandler(bridge);
    for (Handler handler : originalRootHandlers) {
      root.addHandler(handler);
    }
    for (ExcludedLogger entry : excluded) {
      for (Handler handler : originalRootHandlers) {
        entry.logger.removeHandler(handler);
      }
      entry.logger.setUseParentHandlers(entry.useParentHandlers);
    }
    excluded.clear();
  }

  /** The bridge, refusing records of the excluded loggers even if they arrive through another path. */
  static final class LibraryExcludingBridgeHandler extends SLF4JBridgeHandler {
    @Override
    public void publish(LogRecord record) {
      if (record == null || isExcluded(record.getLoggerName())) {
        return;
      }
      super.publish(record);
    }

    private static boolean isExcluded(String name) {
      if (name == null) {
        return false;
      }
      for (String prefix : LibraryLoggers.JUL_EXCLUDED) {
        if (name.equals(prefix) || name.startsWith(prefix + ".")) {
          return true;
        }
      }
      return false;
    }
  }
}
