package io.github.lgtmbootstrap.core.http;

import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.export.SimpleLogRecordProcessor;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryLogRecordExporter;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.function.Predicate;

/**
 * A real SDK with OpenTelemetry's in-memory exporters, for fast unit tests of the instrumentation logic (the
 * end-to-end tests over OTLP use the testkit's embedded backend).
 */
final class InMemoryTelemetry implements AutoCloseable {

  final InMemorySpanExporter spans = InMemorySpanExporter.create();
  final InMemoryLogRecordExporter logs = InMemoryLogRecordExporter.create();
  final InMemoryMetricReader metrics = InMemoryMetricReader.create();
  final OpenTelemetrySdk sdk =
      OpenTelemetrySdk.builder()
          .setTracerProvider(
              SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
          .setLoggerProvider(
              SdkLoggerProvider.builder()
                  .addLogRecordProcessor(SimpleLogRecordProcessor.create(logs))
                  .build())
          .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(metrics).build())
          .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
          .build();

  /**
   * Waits (bounded) until a finished span matches: the server span ends after the response was written, so the
   * client may see the response first.
   */
  SpanData awaitSpan(String description, Predicate<SpanData> filter) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (true) {
      List<SpanData> finished = spans.getFinishedSpanItems();
      for (SpanData span : finished) {
        if (filter.test(span)) {
          return span;
        }
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "Expected a finished span " + description + " within 10 s but got: " + summary(finished));
      }
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted", e);
      }
    }
  }

  SpanData awaitSpan(String name) {
    return awaitSpan("named [" + name + "]", s -> s.getName().equals(name));
  }

  MetricData metric(String name) {
    Collection<MetricData> all = metrics.collectAllMetrics();
    return all.stream()
        .filter(m -> m.getName().equals(name))
        .findFirst()
        .orElseThrow(
            () ->
                new AssertionError(
                    "Expected metric [" + name + "] but got: " + all.stream().map(MetricData::getName).toList()));
  }

  static String summary(List<SpanData> spans) {
    StringBuilder out = new StringBuilder();
    for (SpanData span : spans) {
      out.append("\n  ").append(span.getKind()).append(' ').append(span.getName()).append(' ')
          .append(span.getStatus()).append(' ').append(span.getAttributes());
    }
    return spans.isEmpty() ? "no spans" : out.toString();
  }

  @Override
  public void close() {
    sdk.close();
  }
}
