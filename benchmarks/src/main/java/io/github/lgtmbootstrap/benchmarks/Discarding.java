package io.github.lgtmbootstrap.benchmarks;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.export.MemoryMode;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collection;

/**
 * Exporters that accept and drop everything, so a benchmark measures the recording path (API, SDK, processor),
 * not a network or a backend.
 */
final class Discarding {

  private Discarding() {}

  /** OpenTelemetry's own no-op span exporter (what {@code composite()} of nothing returns). */
  static SpanExporter spans() {
    return SpanExporter.composite();
  }

  /** OpenTelemetry's own no-op log record exporter. */
  static LogRecordExporter logs() {
    return LogRecordExporter.composite();
  }

  /** The SDK has no public no-op metric exporter; this one also asks for reusable data, as a lean app would. */
  static MetricExporter metrics() {
    return new MetricExporter() {
      @Override
      public CompletableResultCode export(Collection<MetricData> metrics) {
        return CompletableResultCode.ofSuccess();
      }

      @Override
      public CompletableResultCode flush() {
        return CompletableResultCode.ofSuccess();
      }

      @Override
      public CompletableResultCode shutdown() {
        return CompletableResultCode.ofSuccess();
      }

      @Override
      public AggregationTemporality getAggregationTemporality(InstrumentType instrumentType) {
        return AggregationTemporality.CUMULATIVE;
      }

      @Override
      public MemoryMode getMemoryMode() {
        return MemoryMode.REUSABLE_DATA;
      }
    };
  }
}
