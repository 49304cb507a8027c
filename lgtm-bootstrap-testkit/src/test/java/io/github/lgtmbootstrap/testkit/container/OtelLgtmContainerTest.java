package io.github.lgtmbootstrap.testkit.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lgtmbootstrap.testkit.LgtmBackend;
import io.github.lgtmbootstrap.testkit.LgtmExtension;
import io.github.lgtmbootstrap.testkit.model.LogEntry;
import io.github.lgtmbootstrap.testkit.model.Span;
import io.github.lgtmbootstrap.testkit.query.BackendQueryException;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporter;
import io.opentelemetry.exporter.otlp.http.metrics.OtlpHttpMetricExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.export.BatchLogRecordProcessor;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The real grafana/otel-lgtm container: the OpenTelemetry SDK exports spans, logs and metrics over OTLP/HTTP, and
 * the same assertions as on the embedded backend find them in Tempo, Loki and Prometheus. Skipped without Docker
 * or where the image can be neither found nor pulled.
 */
@ExtendWith(PinnedImageCondition.class)
class OtelLgtmContainerTest {

  @RegisterExtension
  static final LgtmExtension LGTM = LgtmExtension.builder().setBackend("container")
      .setTimeout(Duration.ofSeconds(60)).build();

  private static OpenTelemetrySdk sdk;

  @AfterAll
  static void closeSdk() {
    if (sdk != null) {
      sdk.close();
    }
  }

  private static OpenTelemetrySdk sdk(LgtmBackend lgtm) {
    Resource resource = Resource.getDefault().merge(Resource.create(Attributes.of(
        AttributeKey.stringKey("service.name"), "checkout",
        AttributeKey.stringKey("service.instance.id"), "checkout-" + lgtm.runId(),
        AttributeKey.stringKey(LgtmExtension.RUN_ID_ATTRIBUTE), lgtm.runId())));
    return OpenTelemetrySdk.builder()
        .setTracerProvider(SdkTracerProvider.builder().setResource(resource)
            .addSpanProcessor(BatchSpanProcessor.builder(OtlpHttpSpanExporter.builder()
                .setEndpoint(lgtm.otlpTracesEndpoint()).build()).build())
            .build())
        .setLoggerProvider(SdkLoggerProvider.builder().setResource(resource)
            .addLogRecordProcessor(BatchLogRecordProcessor.builder(OtlpHttpLogRecordExporter.builder()
                .setEndpoint(lgtm.otlpLogsEndpoint()).build()).build())
            .build())
        .setMeterProvider(SdkMeterProvider.builder().setResource(resource)
            .registerMetricReader(PeriodicMetricReader.builder(OtlpHttpMetricExporter.builder()
                .setEndpoint(lgtm.otlpMetricsEndpoint()).build()).setInterval(Duration.ofMillis(500)).build())
            .build())
        .build();
  }

  @Test
  @SuppressWarnings("try") // the scope only makes the root span current
  void spansLogsAndMetricsArriveInTempoLokiAndPrometheus(LgtmBackend lgtm) {
    assertThat(lgtm.kind()).isEqualTo("container");
    sdk = sdk(lgtm);
    lgtm.addSdk(sdk);
    Tracer tracer = sdk.getTracer("com.example.checkout");
    io.opentelemetry.api.trace.Span root = tracer.spanBuilder("POST /checkout").setSpanKind(SpanKind.SERVER)
        .setAttribute("order.id", "ord-42").startSpan();
    try (Scope ignored = root.makeCurrent()) {
      io.opentelemetry.api.trace.Span child = tracer.spanBuilder("charge-card").setSpanKind(SpanKind.CLIENT)
          .setAttribute("payment.amount", 42.5).startSpan();
      child.end();
      sdk.getLogsBridge().get("com.example.checkout").logRecordBuilder().setSeverity(Severity.INFO)
          .setBody("checkout started for order ord-42").setAttribute(AttributeKey.stringKey("order.id"), "ord-42")
          .emit();
    } finally {
      root.end();
    }
    sdk.getMeter("com.example.checkout").counterBuilder("checkout.orders").setUnit("{order}").build()
        .add(7, Attributes.of(AttributeKey.stringKey("payment.method"), "card"));

    lgtm.assertTraces().hasSpan("POST /checkout").withKind(SpanKind.SERVER).withAttribute("order.id", "ord-42")
        .withChild("charge-card");
    lgtm.assertLogs().hasRecord("checkout started").withSeverity(Severity.INFO).withAttribute("order.id", "ord-42")
        .inTraceOf("POST /checkout");
    lgtm.assertMetrics().hasCounter("checkout.orders").withValue(7).withAttribute("payment.method", "card");

    assertThat(lgtm.source().traceql("{resource.service.name=\"checkout\" && name=\"charge-card\"}", lgtm.query())
        .items()).extracting(Span::name).containsExactly("charge-card");
    assertThat(lgtm.source().logql("{service_name=\"checkout\"} |= \"ord-42\"", lgtm.query()).items())
        .extracting(LogEntry::body).contains("checkout started for order ord-42");
    assertThat(lgtm.source().promql("checkout_orders_total{payment_method=\"card\"}", lgtm.query()).items())
        .isNotEmpty();
  }

  @Test
  void storeErrorsCarryTheContainerLog(LgtmBackend lgtm) {
    assertThatThrownBy(() -> lgtm.source().logql("{service_name=\"checkout\"", lgtm.query()))
        .isInstanceOf(BackendQueryException.class)
        .hasMessageContaining("Loki rejected the query with HTTP 400")
        .hasMessageContaining("lines of the container log");
  }
}
