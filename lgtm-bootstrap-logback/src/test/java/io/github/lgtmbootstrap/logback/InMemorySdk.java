package io.github.lgtmbootstrap.logback;

import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.SimpleLogRecordProcessor;
import io.opentelemetry.sdk.testing.exporter.InMemoryLogRecordExporter;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/** A hand-built SDK whose log records land in memory (unit tests; end-to-end tests use the testkit). */
public final class InMemorySdk implements AutoCloseable {

  public final InMemoryLogRecordExporter exporter = InMemoryLogRecordExporter.create();
  public final OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
      // A tracer provider without processors hands out no-op spans (invalid ids), so give it one.
      .setTracerProvider(SdkTracerProvider.builder()
          .addSpanProcessor(SimpleSpanProcessor.create(InMemorySpanExporter.create())).build())
      .setLoggerProvider(SdkLoggerProvider.builder()
          .addLogRecordProcessor(SimpleLogRecordProcessor.create(exporter)).build())
      .build();

  public Tracer tracer() {
    return sdk.getTracer("test");
  }

  public List<LogRecordData> records() {
    return exporter.getFinishedLogRecordItems();
  }

  public List<LogRecordData> recordsWithBody(String body) {
    return records().stream().filter(r -> body.equals(r.getBodyValue() == null ? null
        : r.getBodyValue().asString())).collect(Collectors.toList());
  }

  /** Polls (no sleeping on a fixed guess) until a matching record arrived or the deadline passed. */
  public List<LogRecordData> awaitRecords(Predicate<List<LogRecordData>> done, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<LogRecordData> seen = records();
    while (!done.test(seen) && System.nanoTime() < deadline) {
      Thread.sleep(10);
      seen = records();
    }
    return seen;
  }

  public static String bodies(List<LogRecordData> records) {
    return records.stream().map(r -> r.getSeverity() + " " + r.getInstrumentationScopeInfo().getName() + ": "
        + (r.getBodyValue() == null ? null : r.getBodyValue().asString())).collect(Collectors.joining("\n"));
  }

  @Override
  public void close() {
    sdk.shutdown().join(10, java.util.concurrent.TimeUnit.SECONDS);
  }

  public static Duration timeout() {
    return Duration.ofSeconds(10);
  }
}
