package io.github.lgtmbootstrap.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.opentelemetry.exporter.otlp.http.metrics.OtlpHttpMetricExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * Metrics per test on the embedded backend: a counter's and a histogram's growth during a test, whatever earlier
 * tests recorded, and a histogram exemplar that points at the trace it was recorded in.
 */
class PerTestMetricsTest {

  @Test
  void increaseCountsOnlyWhatTheTestRecordedAndExemplarsPointAtTheirTrace() {
    EngineExecutionResults results = EngineTestKit.engine("junit-jupiter")
        .selectors(selectClass(OrdersOneAfterAnother.class)).execute();
    List<Throwable> failures = results.testEvents().failed().stream()
        .map(event -> event.getPayload(TestExecutionResult.class).flatMap(TestExecutionResult::getThrowable)
            .orElse(null))
        .toList();
    assertThat(failures).isEmpty();
    results.testEvents().assertStatistics(stats -> stats.started(3).succeeded(3));
  }

  /** Each test places orders on the same SDK, so the cumulative totals keep growing across tests. */
  @LgtmTest
  @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
  static class OrdersOneAfterAnother {

    private static final AttributeKey<String> PAYMENT = AttributeKey.stringKey("payment");
    private static OpenTelemetrySdk sdk;
    private static LongCounter orders;
    private static DoubleHistogram latency;

    @BeforeAll
    static void startSdk(LgtmBackend lgtm) {
      sdk = OpenTelemetrySdk.builder()
          .setTracerProvider(SdkTracerProvider.builder()
              .addSpanProcessor(LgtmExtension.testIdSpanProcessor())
              .addSpanProcessor(BatchSpanProcessor.builder(
                  OtlpHttpSpanExporter.builder().setEndpoint(lgtm.otlpTracesEndpoint()).build()).build())
              .build())
          .setMeterProvider(SdkMeterProvider.builder()
              .registerMetricReader(PeriodicMetricReader.builder(
                  OtlpHttpMetricExporter.builder().setEndpoint(lgtm.otlpMetricsEndpoint()).build())
                  .setInterval(Duration.ofMinutes(10)).build())
              .build())
          .build();
      lgtm.addSdk(sdk);
      orders = sdk.getMeter("shop").counterBuilder("orders.placed").build();
      latency = sdk.getMeter("shop").histogramBuilder("http.server.request.duration").setUnit("s").build();
    }

    @AfterAll
    static void stopSdk() {
      sdk.close();
    }

    @Test
    @Order(1)
    void firstOrder(LgtmBackend lgtm) {
      placeOrder();
      lgtm.assertMetrics().hasCounter("orders.placed").withIncrease(1).withValue(1).withAttribute(PAYMENT, "card");
    }

    @Test
    @Order(2)
    void secondOrderSeesOnlyItsOwnIncrease(LgtmBackend lgtm) {
      placeOrder();
      placeOrder();
      lgtm.assertMetrics().hasCounter("orders.placed").withIncrease(2).withValue(3);
      lgtm.assertMetrics().hasHistogram("http.server.request.duration").withIncrease(2).withCount(3);
      assertThatThrownBy(() -> lgtm.assertMetrics(Duration.ofMillis(300)).hasCounter("orders.placed")
          .withIncrease(3))
          .hasMessageContaining("an increase of 3 since the test started (metrics are shared by tests running at "
              + "the same time)");
    }

    @Test
    @Order(3)
    void exemplarPointsAtTheTraceItWasRecordedIn(LgtmBackend lgtm) {
      Span server = sdk.getTracer("shop").spanBuilder("GET /orders").startSpan();
      try (Scope ignored = server.makeCurrent()) {
        latency.record(0.25, Attributes.of(PAYMENT, "card"));
      } finally {
        server.end();
      }
      sdk.getTracer("shop").spanBuilder("GET /health").startSpan().end();

      lgtm.assertMetrics().hasHistogram("http.server.request.duration").withExemplarInTraceOf("GET /orders");
      assertThatThrownBy(() -> lgtm.assertMetrics(Duration.ofMillis(300))
          .hasHistogram("http.server.request.duration").withExemplarInTraceOf("GET /health"))
          .hasMessageContaining("with an exemplar in the trace of span [GET /health]");
    }

    private static void placeOrder() {
      orders.add(1, Attributes.of(PAYMENT, "card"));
      latency.record(0.1, Attributes.of(PAYMENT, "card"));
    }
  }
}
