package io.github.lgtmbootstrap.core.support;

import io.opentelemetry.api.GlobalOpenTelemetry;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Keeps tests independent: before and after each test, clears {@code otel.*}/{@code lgtm.*} system properties
 * and resets {@link GlobalOpenTelemetry}. Tests close their own handles (try-with-resources).
 */
public final class LgtmTestSupport implements BeforeEachCallback, AfterEachCallback {

  @Override
  public void beforeEach(ExtensionContext context) {
    clean();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    clean();
  }

  private static void clean() {
    for (String k : System.getProperties().stringPropertyNames()) {
      if (k.startsWith("otel.") || k.startsWith("lgtm.")) {
        System.clearProperty(k);
      }
    }
    GlobalOpenTelemetry.resetForTest();
  }

  /** Captures java.util.logging records of the given logger names (and their children) while open. */
  public static final class JulCapture extends Handler implements AutoCloseable {
    private final List<LogRecord> records = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final List<Logger> loggers = new ArrayList<>();

    public JulCapture(String... names) {
      setLevel(Level.ALL);
      for (String n : names) {
        Logger l = Logger.getLogger(n);
        l.addHandler(this);
        loggers.add(l);
      }
    }

    public List<LogRecord> records() {
      return List.copyOf(records);
    }

    /** Every message and thrown text, formatted, for secret scans. */
    public String allText() {
      StringBuilder sb = new StringBuilder();
      java.util.logging.SimpleFormatter f = new java.util.logging.SimpleFormatter();
      for (LogRecord r : records) {
        sb.append(f.format(r)).append('\n');
      }
      return sb.toString();
    }

    @Override
    public void publish(LogRecord record) {
      records.add(record);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {
      for (Logger l : loggers) {
        l.removeHandler(this);
      }
    }
  }
}
