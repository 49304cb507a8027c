package io.github.lgtmbootstrap.testkit;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.exporter.internal.otlp.logs.LogsRequestMarshaler;
import io.opentelemetry.exporter.internal.otlp.metrics.MetricsRequestMarshaler;
import io.opentelemetry.exporter.internal.otlp.traces.TraceRequestMarshaler;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporter;
import io.opentelemetry.exporter.otlp.logs.OtlpGrpcLogRecordExporter;
import io.opentelemetry.exporter.otlp.metrics.OtlpGrpcMetricExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.exporter.otlp.http.metrics.OtlpHttpMetricExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.internal.HttpExporter;
import io.opentelemetry.exporter.otlp.internal.HttpExporterBuilder;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.internal.StandardComponentId;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.BatchLogRecordProcessor;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.time.Duration;
import java.util.Collection;

/**
 * Builds a real OpenTelemetry SDK exporting over OTLP/HTTP, as protobuf (the SDK's own exporters) or as JSON (the
 * SDK's internal JSON marshalers behind its HTTP exporter; the public builders expose no JSON switch), or over
 * OTLP/gRPC (the SDK's gRPC exporters on the OkHttp sender).
 * Long batch delays and metric intervals on purpose: the tests prove that flushing, not waiting, delivers.
 */
final class TestSdk {

  enum Encoding { PROTOBUF, JSON, GRPC }

  private TestSdk() {}

  /** The backend's endpoint for the encoding: the gRPC one for {@link Encoding#GRPC}, else the HTTP one. */
  static String endpoint(LgtmBackend lgtm, Encoding encoding) {
    return encoding == Encoding.GRPC
        ? lgtm.otlpGrpcEndpoint().orElseThrow(() -> new AssertionError("no gRPC endpoint on " + lgtm))
        : lgtm.otlpEndpoint();
  }

  static OpenTelemetrySdk create(String endpoint, Encoding encoding, String serviceName) {
    return create(endpoint, encoding, serviceName, "test.kind", "sdk");
  }

  static OpenTelemetrySdk create(String endpoint, Encoding encoding, String serviceName, String resourceKey,
      String resourceValue) {
    Resource resource = Resource.getDefault().merge(Resource.create(Attributes.of(
        io.opentelemetry.api.common.AttributeKey.stringKey("service.name"), serviceName,
        io.opentelemetry.api.common.AttributeKey.stringKey(resourceKey), resourceValue)));
    SpanExporter spans;
    LogRecordExporter logs;
    MetricExporter metrics;
    if (encoding == Encoding.GRPC) {
      // endpoint is the gRPC one; gzip on one signal so both encodings cross the wire
      spans = OtlpGrpcSpanExporter.builder().setEndpoint(endpoint).setCompression("gzip").build();
      logs = OtlpGrpcLogRecordExporter.builder().setEndpoint(endpoint).build();
      metrics = OtlpGrpcMetricExporter.builder().setEndpoint(endpoint).build();
    } else if (encoding == Encoding.PROTOBUF) {
      spans = OtlpHttpSpanExporter.builder().setEndpoint(endpoint + "/v1/traces").build();
      logs = OtlpHttpLogRecordExporter.builder().setEndpoint(endpoint + "/v1/logs").build();
      metrics = OtlpHttpMetricExporter.builder().setEndpoint(endpoint + "/v1/metrics").build();
    } else {
      spans = new JsonSpanExporter(endpoint + "/v1/traces");
      logs = new JsonLogExporter(endpoint + "/v1/logs");
      metrics = new JsonMetricExporter(endpoint + "/v1/metrics");
    }
    return OpenTelemetrySdk.builder()
        .setTracerProvider(SdkTracerProvider.builder().setResource(resource)
            .addSpanProcessor(BatchSpanProcessor.builder(spans).setScheduleDelay(Duration.ofMinutes(1)).build())
            .build())
        .setLoggerProvider(SdkLoggerProvider.builder().setResource(resource)
            .addLogRecordProcessor(BatchLogRecordProcessor.builder(logs).setScheduleDelay(Duration.ofMinutes(1))
                .build())
            .build())
        .setMeterProvider(SdkMeterProvider.builder().setResource(resource)
            .registerMetricReader(PeriodicMetricReader.builder(metrics).setInterval(Duration.ofMinutes(1)).build())
            .build())
        .build();
  }

  /** The SDK's HTTP exporter in JSON mode; the three signal exporters below only marshal for it. */
  private abstract static class JsonExporter {
    final HttpExporter delegate;

    JsonExporter(StandardComponentId.ExporterType type, String endpoint) {
      delegate = new HttpExporterBuilder(type, endpoint).exportAsJson().setCompression("gzip").build();
    }

    public CompletableResultCode flush() {
      return CompletableResultCode.ofSuccess();
    }

    public CompletableResultCode shutdown() {
      return delegate.shutdown();
    }
  }

  private static final class JsonSpanExporter extends JsonExporter implements SpanExporter {
    JsonSpanExporter(String endpoint) {
      super(StandardComponentId.ExporterType.OTLP_HTTP_JSON_SPAN_EXPORTER, endpoint);
    }

    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
      return delegate.export(TraceRequestMarshaler.create(spans), spans.size());
    }
  }

  private static final class JsonLogExporter extends JsonExporter implements LogRecordExporter {
    JsonLogExporter(String endpoint) {
      super(StandardComponentId.ExporterType.OTLP_HTTP_JSON_LOG_EXPORTER, endpoint);
    }

    @Override
    public CompletableResultCode export(Collection<LogRecordData> logs) {
      return delegate.export(LogsRequestMarshaler.create(logs), logs.size());
    }
  }

  private static final class JsonMetricExporter extends JsonExporter implements MetricExporter {
    JsonMetricExporter(String endpoint) {
      super(StandardComponentId.ExporterType.OTLP_HTTP_JSON_METRIC_EXPORTER, endpoint);
    }

    @Override
    public CompletableResultCode export(Collection<MetricData> metrics) {
      return delegate.export(MetricsRequestMarshaler.create(metrics), metrics.size());
    }

    @Override
    public AggregationTemporality getAggregationTemporality(InstrumentType instrumentType) {
      return AggregationTemporality.CUMULATIVE;
    }
  }
}
