package io.github.lgtmbootstrap.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lgtmbootstrap.testkit.TestSdk.Encoding;
import io.github.lgtmbootstrap.testkit.model.MetricType;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The real SDK and OTLP exporters send all three signals over loopback; the assertions see them. */
class ExportEndToEndTest {

  private static volatile OpenTelemetrySdk sdk;

  @RegisterExtension
  static final LgtmExtension LGTM = LgtmExtension.builder()
      .setTimeout(Duration.ofSeconds(10))
      .addSdk(() -> sdk)
      .build();

  @AfterEach
  void closeSdk() {
    if (sdk != null) {
      sdk.close();
      sdk = null;
    }
  }

  @ParameterizedTest
  @EnumSource(Encoding.class)
  void assertionsPassOnWhatArrived(Encoding encoding, LgtmBackend lgtm) {
    sdk = TestSdk.create(TestSdk.endpoint(lgtm, encoding), encoding, "checkout");
    placeOrder(sdk);

    lgtm.assertTraces().hasSpan("placeOrder")
        .withKind(SpanKind.SERVER)
        .withAttribute("order.items", 3)
        .withAttribute("payment", "card")
        .isRoot()
        .withChild("chargeCard")
        .withResourceAttribute("service.name", "checkout");
    lgtm.assertTraces().hasSpan("chargeCard")
        .withStatus(StatusCode.ERROR)
        .withException(IllegalStateException.class)
        .withEvent("exception")
        .withParent("placeOrder")
        .inSameTraceAs("placeOrder");
    lgtm.assertTraces().hasSpanCount("chargeCard", 1);
    lgtm.assertLogs().hasRecord("order placed")
        .withSeverity(Severity.INFO)
        .withAttribute("order.id", "42")
        .inTraceOf("placeOrder")
        .inSpan("placeOrder");
    lgtm.assertLogs().hasRecord("card declined")
        .withSeverity(Severity.ERROR)
        .withException(IllegalStateException.class)
        .inSpan("chargeCard");
    lgtm.assertMetrics().hasCounter("orders.placed")
        .withValue(1)
        .withAttribute("payment", "card")
        .withUnit("{order}");
    lgtm.assertMetrics().hasHistogram("order.value")
        .withCount(1)
        .withSum(12.5)
        .withType(MetricType.HISTOGRAM);
    lgtm.assertMetrics().hasUpDownCounter("orders.open").withValue(2);
    lgtm.assertMetrics().hasGauge("queue.depth").withValueAtLeast(4).withAttribute("queue", "orders");
    lgtm.assertMetrics().hasMetricSatisfying("orders.placed", metric -> metric.withType(MetricType.SUM));
    lgtm.assertTraces().hasSpanMatching("longer than zero", span -> span.duration().toNanos() > 0)
        .withAttribute("order.items");
    lgtm.assertTraces().hasSpanSatisfying("placeOrder", span -> span.withStatus(StatusCode.UNSET));
    lgtm.assertLogs().hasRecordMatching("with a trace context", log -> log.hasTraceContext())
        .withTraceContext();
    lgtm.assertLogs().hasRecordSatisfying("order placed", log -> log.withBody("order placed"));
    lgtm.assertLogs().hasRecordCount("order", 1).hasNoRecord("refund");
    LgtmAssertions.assertTraces(lgtm.source()).hasSpan("placeOrder");
    LgtmAssertions.assertLogs(lgtm).hasRecord("card declined").withAttribute("exception.type");
  }

  @ParameterizedTest
  @EnumSource(Encoding.class)
  void assertionsFailWithWhatWasReceived(Encoding encoding, LgtmBackend lgtm) {
    sdk = TestSdk.create(TestSdk.endpoint(lgtm, encoding), encoding, "checkout");
    placeOrder(sdk);
    awaitEverySignal(lgtm);
    Duration shortWait = Duration.ofMillis(300);

    assertThatThrownBy(() -> lgtm.assertTraces(shortWait).hasSpan("refund"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expected a span named [refund]")
        .hasMessageContaining("did not happen within 300ms")
        .hasMessageMatching("(?s).*polled \\d+ times? every 50ms.*")
        .hasMessageContaining("Query: embedded store: spans since")
        .hasMessageContaining("placeOrder [SERVER")
        .hasMessageContaining("order.items=3");
    assertThatThrownBy(() -> lgtm.assertTraces(shortWait).hasSpan("placeOrder").withAttribute("order.items", 4))
        .hasMessageContaining("Expected a span named [placeOrder] with attribute order.items=4")
        .hasMessageContaining("closest matches are named [placeOrder] but not with attribute order.items=4")
        .hasMessageContaining("order.items=3");
    assertThatThrownBy(() -> lgtm.assertTraces(shortWait).hasSpan("placeOrder").withChild("shipOrder"))
        .hasMessageContaining("with child [shipOrder]");
    assertThatThrownBy(() -> lgtm.assertLogs(shortWait).hasRecord("order placed").withSeverity(Severity.WARN))
        .hasMessageContaining("but not with severity WARN")
        .hasMessageContaining("INFO \"order placed\"");
    assertThatThrownBy(() -> lgtm.assertMetrics(shortWait).hasCounter("orders.placed").withValue(5))
        .hasMessageContaining("with a point with value 5")
        .hasMessageContaining("orders.placed [SUM monotonic, unit={order}]")
        .hasMessageContaining("{payment=\"card\"}=1");
    assertThatThrownBy(() -> lgtm.assertMetrics(shortWait).hasCounter("orders.cancelled"))
        .hasMessageContaining("Received no metrics for that query. Other metrics that arrived:")
        .hasMessageContaining("orders.placed");
    assertThatThrownBy(() -> lgtm.assertTraces(shortWait).as("checkout flow").hasSpan("placeOrder")
        .withKind(SpanKind.CONSUMER))
        .hasMessageStartingWith("[checkout flow] Expected a span named [placeOrder] of kind CONSUMER");
    assertThatThrownBy(() -> lgtm.assertTraces(shortWait).hasSpanCount("placeOrder", 2))
        .hasMessageContaining("Expected exactly 2 spans named [placeOrder]")
        .hasMessageContaining("Found 1:");
    assertThatThrownBy(() -> lgtm.assertLogs(shortWait).hasRecord("order placed").inTraceOf("refund"))
        .hasMessageContaining("but not in the trace of span [refund]");
    assertThatThrownBy(() -> lgtm.assertTraces(shortWait).hasNoSpan("placeOrder"))
        .hasMessageContaining("Expected no span named [placeOrder] but found 1");
    assertThat(lgtm.spans()).extracting(io.github.lgtmbootstrap.testkit.model.Span::name)
        .containsExactlyInAnyOrder("chargeCard", "placeOrder");
  }

  @Test
  void rawQueriesGetTheSameAssertions(LgtmBackend lgtm) {
    sdk = TestSdk.create(lgtm.otlpEndpoint(), Encoding.PROTOBUF, "checkout");
    placeOrder(sdk);

    lgtm.assertTraceQl("{ span.payment = \"card\" }").hasSpan("placeOrder").withChild("chargeCard");
    lgtm.assertTraceQl("{ resource.service.name = \"checkout\" && name = \"chargeCard\" }").hasAnySpan()
        .withStatus(StatusCode.ERROR);
    lgtm.assertLogQl("{service_name=\"checkout\"} |= \"placed\"").hasAnyRecord()
        .withSeverity(Severity.INFO)
        .inTraceOf("placeOrder");
    lgtm.assertPromQl("orders_placed_total{payment=\"card\"}").hasCounter("orders.placed").withValue(1);
    LgtmAssertions.assertTraceQl(lgtm, "{ name = \"chargeCard\" }").hasSpanCount("chargeCard", 1);
    LgtmAssertions.assertLogQl(lgtm, "{service_name=\"checkout\"} != \"placed\"").hasRecord("card declined");
    LgtmAssertions.assertPromQl(lgtm, "orders_placed_total").hasMetric("orders_placed_total").withValue(1);
    assertThat(lgtm.assertLogQl("{service_name=\"checkout\"} |= \"declined\"").records())
        .extracting(io.github.lgtmbootstrap.testkit.model.LogEntry::body).containsExactly("card declined");
  }

  @Test
  void rawQueryFailuresNameTheQuery(LgtmBackend lgtm) {
    sdk = TestSdk.create(lgtm.otlpEndpoint(), Encoding.PROTOBUF, "checkout");
    placeOrder(sdk);
    awaitEverySignal(lgtm);
    Duration shortWait = Duration.ofMillis(300);

    assertThatThrownBy(() -> lgtm.assertTraceQl("{ span.payment = \"cash\" }", shortWait).hasSpan("placeOrder"))
        .hasMessageContaining("Expected a span named [placeOrder] in the result of TraceQL "
            + "{ span.payment = \"cash\" }")
        .hasMessageContaining("did not happen within 300ms")
        .hasMessageContaining("Query: { span.payment = \"cash\" }")
        .hasMessageContaining("Received no spans for that query. Other spans that arrived (not selected by the "
            + "query):")
        .hasMessageContaining("placeOrder [SERVER");
    assertThatThrownBy(() -> lgtm.assertLogQl("{service_name=\"checkout\"} |= \"placed\"", shortWait)
        .hasAnyRecord().withSeverity(Severity.WARN))
        .hasMessageContaining("Expected a log record with any body with severity WARN in the result of LogQL "
            + "{service_name=\"checkout\"} |= \"placed\"")
        .hasMessageContaining("INFO \"order placed\"");
  }

  /**
   * Waits (with the default timeout) until the order's span, log record and counter arrived, so that the failure
   * messages below, which poll only briefly, list them however slow a loaded machine made the export.
   */
  private static void awaitEverySignal(LgtmBackend lgtm) {
    lgtm.assertTraces().hasSpan("placeOrder");
    lgtm.assertLogs().hasRecord("order placed");
    lgtm.assertMetrics().hasCounter("orders.placed");
  }

  @Test
  void queriesOutsideTheEmbeddedSubsetFailAtOnce(LgtmBackend lgtm) {
    // a minute-long timeout: only failing fast keeps this test quick, and each message says it polled once
    Duration minute = Duration.ofMinutes(1);

    assertThatThrownBy(() -> lgtm.assertTraceQl("{ span.payment = \"card\" } | count() > 1", minute).hasAnySpan())
        .hasMessageContaining("in the result of TraceQL { span.payment = \"card\" } | count() > 1")
        .hasMessageContaining("stopped at once (after ")
        .hasMessageContaining(", 1 poll):\nTraceQL query outside the subset the embedded backend supports")
        .hasMessageNotContaining("did not happen within")
        .hasCauseInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> lgtm.assertLogQl("sum(count_over_time({service_name=\"checkout\"}[1m]))", minute)
        .hasRecord("placed"))
        .hasMessageContaining(", 1 poll):\nLogQL query outside the subset");
    assertThatThrownBy(() -> lgtm.assertPromQl("rate(orders_placed_total[1m])", minute).hasAnyMetric())
        .hasMessageContaining(", 1 poll):\nPromQL query outside the subset");
  }

  @SuppressWarnings("try") // scopes are opened for their side effect: making the span current
  static void placeOrder(OpenTelemetrySdk sdk) {
    Tracer tracer = sdk.getTracer("checkout-test");
    LongCounter orders = sdk.getMeter("checkout-test").counterBuilder("orders.placed").setUnit("{order}").build();
    Span parent = tracer.spanBuilder("placeOrder").setSpanKind(SpanKind.SERVER)
        .setAttribute("order.items", 3).setAttribute("payment", "card").startSpan();
    try (Scope ignored = parent.makeCurrent()) {
      Span child = tracer.spanBuilder("chargeCard").startSpan();
      try (Scope inChild = child.makeCurrent()) {
        IllegalStateException declined = new IllegalStateException("card declined");
        child.recordException(declined);
        child.setStatus(StatusCode.ERROR, "declined");
        sdk.getLogsBridge().get("checkout-test").logRecordBuilder()
            .setSeverity(Severity.ERROR).setSeverityText("ERROR").setBody("card declined")
            .setAttribute(AttributeKey.stringKey("exception.type"), IllegalStateException.class.getName())
            .emit();
      } finally {
        child.end();
      }
      sdk.getLogsBridge().get("checkout-test").logRecordBuilder()
          .setSeverity(Severity.INFO).setSeverityText("INFO").setBody("order placed")
          .setAttribute(AttributeKey.stringKey("order.id"), "42")
          .emit();
      orders.add(1, Attributes.of(AttributeKey.stringKey("payment"), "card"));
      sdk.getMeter("checkout-test").histogramBuilder("order.value").build().record(12.5);
      sdk.getMeter("checkout-test").upDownCounterBuilder("orders.open").build().add(2);
      sdk.getMeter("checkout-test").gaugeBuilder("queue.depth").buildWithCallback(gauge ->
          gauge.record(4, Attributes.of(AttributeKey.stringKey("queue"), "orders")));
    } finally {
      parent.end();
    }
  }

  @Test
  void exporterSettingsHandOutEitherProtocol(LgtmBackend lgtm) {
    String grpc = lgtm.otlpGrpcEndpoint().orElseThrow();

    assertThat(lgtm.exporterEnvironment("grpc"))
        .containsEntry("OTEL_EXPORTER_OTLP_ENDPOINT", grpc)
        .containsEntry("OTEL_EXPORTER_OTLP_PROTOCOL", "grpc")
        .containsEntry("OTEL_BSP_SCHEDULE_DELAY", "100ms");
    assertThat(lgtm.exporterProperties("http/protobuf")).isEqualTo(lgtm.exporterProperties());
    assertThat(lgtm.exporterProperties("http/json"))
        .containsEntry("otel.exporter.otlp.endpoint", lgtm.otlpEndpoint())
        .containsEntry("otel.exporter.otlp.protocol", "http/json");
    assertThatThrownBy(() -> lgtm.exporterProperties("grpc/json"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("protocol 'grpc/json' is not an OTLP protocol; use grpc, http/protobuf or http/json");
  }
}
