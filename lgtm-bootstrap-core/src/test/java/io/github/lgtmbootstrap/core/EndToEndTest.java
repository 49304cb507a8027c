package io.github.lgtmbootstrap.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lgtmbootstrap.core.support.LgtmTestSupport.JulCapture;
import io.github.lgtmbootstrap.testkit.LgtmBackend;
import io.github.lgtmbootstrap.testkit.LgtmTest;
import io.github.lgtmbootstrap.testkit.model.Span;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Real OTLP over loopback into the testkit's embedded backend. */
@LgtmTest
class EndToEndTest {

  private static final Duration FLUSH = Duration.ofSeconds(10);

  @BeforeEach
  @AfterEach
  void resetGlobal() {
    GlobalOpenTelemetry.resetForTest();
  }

  private static LgtmBuilder pointedAt(LgtmBackend lgtm) {
    return Lgtm.builder()
        .setEndpoint(lgtm.otlpEndpoint())
        .setShutdownTimeout(Duration.ofSeconds(5))
        .setProperty("lgtm.addons.disabled", "failing,recording");
  }

  /** Nested spans, a log line in the inner span, a counter and a histogram. */
  private static void work(OpenTelemetry otel) {
    Tracer tracer = otel.getTracer("shop");
    io.opentelemetry.api.trace.Span checkout = tracer.spanBuilder("checkout").startSpan();
    try (Scope ignored = checkout.makeCurrent()) {
      io.opentelemetry.api.trace.Span charge = tracer.spanBuilder("charge").startSpan();
      try (Scope alsoIgnored = charge.makeCurrent()) {
        otel.getLogsBridge()
            .get("shop.Checkout")
            .logRecordBuilder()
            .setSeverity(Severity.INFO)
            .setBody("order placed")
            .setAttribute(AttributeKey.stringKey("order.id"), "42")
            .emit();
      } finally {
        charge.end();
      }
      otel.getMeter("shop").counterBuilder("orders.placed").build().add(1, Attributes.of(AttributeKey.stringKey("payment"), "card"));
      otel.getMeter("shop").histogramBuilder("order.value").build().record(12.5);
    } finally {
      checkout.end();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"http/protobuf", "http/json"})
  void allThreeSignalsArriveWithTheExpectedResource(String protocol, LgtmBackend lgtm) {
    try (LgtmHandle h =
        pointedAt(lgtm)
            .setProtocol(protocol)
            .setServiceName("e2e-shop")
            .setServiceVersion("1.2.3")
            .setDeploymentEnvironment("test")
            .init()) {
      lgtm.addFlushAction(() -> h.forceFlush(FLUSH));
      work(h.openTelemetry());
      assertThat(h.forceFlush(FLUSH)).isTrue();

      lgtm.assertTraces().hasSpan("checkout").withChild("charge");
      lgtm.assertLogs().hasRecord("order placed").withSeverity(Severity.INFO).withAttribute("order.id", "42").inSpan("charge");
      lgtm.assertMetrics().hasCounter("orders.placed").withValue(1).withAttribute("payment", "card");
      lgtm.assertMetrics().hasHistogram("order.value").withCount(1).withSum(12.5);
      lgtm.assertMetrics().hasMetric("jvm.memory.used");

      Span checkout = lgtm.spans().stream().filter(s -> s.name().equals("checkout")).findFirst().orElseThrow();
      assertThat(checkout.resource())
          .containsEntry("service.name", "e2e-shop")
          .containsEntry("service.version", "1.2.3")
          .containsEntry("deployment.environment.name", "test")
          .containsEntry("telemetry.sdk.language", "java")
          .containsKeys("host.name", "os.type", "process.pid", "process.runtime.name");
    }
  }

  @Test
  void closeFlushesWhatIsStillPending(LgtmBackend lgtm) {
    LgtmHandle h =
        pointedAt(lgtm)
            .setServiceName("pending")
            .setProperty("otel.bsp.schedule.delay", "60s")
            .setProperty("otel.blrp.schedule.delay", "60s")
            .setMetricExportInterval(Duration.ofSeconds(60))
            .setRuntimeMetrics(false)
            .init();
    work(h.openTelemetry());
    assertThat(h.shutdown()).isTrue();
    lgtm.assertTraces().hasSpan("checkout").withChild("charge");
    lgtm.assertLogs().hasRecord("order placed");
    lgtm.assertMetrics().hasCounter("orders.placed").withValue(1);
  }

  @Test
  void doubleInitReturnsTheSameHandleAndExportsOnce(LgtmBackend lgtm) {
    try (LgtmHandle first = pointedAt(lgtm).setServiceName("twice").setRuntimeMetrics(false).init();
        LgtmHandle second = pointedAt(lgtm).setServiceName("twice").setRuntimeMetrics(false).init()) {
      assertThat(second).isSameAs(first);
      GlobalOpenTelemetry.getTracer("t").spanBuilder("only-once").startSpan().end();
      assertThat(first.forceFlush(FLUSH)).isTrue();
      lgtm.assertTraces().hasSpanCount("only-once", 1);
    }
  }

  @Test
  void disabledModeExportsNothing(LgtmBackend lgtm) {
    try (LgtmHandle off = pointedAt(lgtm).setEnabled(false).init()) {
      work(off.openTelemetry());
      off.openTelemetry().getTracer("t").spanBuilder("ghost").startSpan().end();
      assertThat(off.forceFlush(Duration.ofMillis(100))).isFalse();
    }
    // A marker sent afterwards through a real SDK proves the backend was listening all along.
    try (LgtmHandle on = pointedAt(lgtm).setServiceName("marker").setRuntimeMetrics(false).init()) {
      on.openTelemetry().getTracer("t").spanBuilder("marker").startSpan().end();
      assertThat(on.forceFlush(FLUSH)).isTrue();
      lgtm.assertTraces().hasSpan("marker");
      lgtm.assertTraces().hasNoSpan("ghost");
      lgtm.assertTraces().hasNoSpan("checkout");
    }
  }

  @Test
  void secretsNeverReachLogsOrToStringWhileExporting(LgtmBackend lgtm) {
    try (JulCapture jul = new JulCapture("io.github.lgtmbootstrap", "io.opentelemetry")) {
      String toString;
      try (LgtmHandle h =
          pointedAt(lgtm)
              .setServiceName("secretive")
              .setBasicAuth("alice", "hunter2-token")
              .addHeader("X-Api-Key", "k3y-value")
              .setRuntimeMetrics(false)
              .init()) {
        toString = h.toString();
        work(h.openTelemetry());
        assertThat(h.forceFlush(FLUSH)).isTrue();
        lgtm.assertTraces().hasSpan("checkout");
      }
      assertThat(toString).contains("Authorization=***").contains("X-Api-Key=***");
      assertThat(toString + jul.allText()).doesNotContain("hunter2-token").doesNotContain("k3y-value")
          .doesNotContain(java.util.Base64.getEncoder().encodeToString("alice:hunter2-token".getBytes()));
      assertThat(jul.allText()).as("the init line is logged").contains("service.name=secretive");
    }
  }
}
