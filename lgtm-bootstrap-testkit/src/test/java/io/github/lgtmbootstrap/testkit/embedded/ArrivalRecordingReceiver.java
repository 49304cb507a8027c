package io.github.lgtmbootstrap.testkit.embedded;

import io.github.lgtmbootstrap.testkit.model.LogEntry;
import io.github.lgtmbootstrap.testkit.model.Metric;
import io.github.lgtmbootstrap.testkit.model.Span;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The embedded OTLP/HTTP receiver as the otel-lgtm stand-in uses it: it remembers when each signal first arrived
 * (what the stand-in's stores wait for) and reports every batch to a line printer (its container log).
 */
public final class ArrivalRecordingReceiver implements AutoCloseable {

  private final AtomicReference<Instant> firstSpans = new AtomicReference<>();
  private final AtomicReference<Instant> firstLogs = new AtomicReference<>();
  private final AtomicReference<Instant> firstMetrics = new AtomicReference<>();
  private final EmbeddedBackend backend;

  /**
   * Starts the receiver.
   *
   * @param host the address to listen on
   * @param port the port
   * @param log where a line per received batch goes
   */
  public ArrivalRecordingReceiver(String host, int port, Consumer<String> log) {
    backend = EmbeddedBackend.builder().setHost(host).setPort(port).setListener(new TelemetryListener() {
      @Override
      public void onSpans(List<Span> spans) {
        arrived(firstSpans, spans.size() + " spans", log);
      }

      @Override
      public void onLogs(List<LogEntry> logs) {
        arrived(firstLogs, logs.size() + " log records", log);
      }

      @Override
      public void onMetrics(List<Metric> metrics) {
        arrived(firstMetrics, metrics.size() + " metrics", log);
      }
    }).start();
  }

  private static void arrived(AtomicReference<Instant> first, String what, Consumer<String> log) {
    first.compareAndSet(null, Instant.now());
    log.accept("OTLP/HTTP received " + what);
  }

  /** When the first spans arrived, if any have. */
  public Optional<Instant> firstSpans() {
    return Optional.ofNullable(firstSpans.get());
  }

  /** When the first log records arrived, if any have. */
  public Optional<Instant> firstLogs() {
    return Optional.ofNullable(firstLogs.get());
  }

  /** When the first metrics arrived, if any have. */
  public Optional<Instant> firstMetrics() {
    return Optional.ofNullable(firstMetrics.get());
  }

  @Override
  public void close() {
    backend.close();
  }
}
