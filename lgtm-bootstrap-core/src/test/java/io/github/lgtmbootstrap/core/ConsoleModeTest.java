package io.github.lgtmbootstrap.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lgtmbootstrap.core.support.LgtmTestSupport;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LgtmTestSupport.class)
class ConsoleModeTest {

  @Test
  void consoleOnlyPrintsOneLinePerSpanLogAndMetricAndNeedsNoBackend() {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    PrintStream original = System.out;
    System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
    String traceId;
    try (LgtmHandle h = Lgtm.builder().setConsole(true).setOtlpEnabled(false).setServiceName("console").init()) {
      Span parent = h.openTelemetry().getTracer("shop").spanBuilder("checkout").startSpan();
      traceId = parent.getSpanContext().getTraceId();
      try (Scope ignored = parent.makeCurrent()) {
        h.openTelemetry().getTracer("shop").spanBuilder("charge\ncard").startSpan().end();
        h.openTelemetry()
            .getLogsBridge()
            .get("shop.Checkout")
            .logRecordBuilder()
            .setSeverity(Severity.WARN)
            .setSeverityText("WARN")
            .setBody("card declined\nretrying")
            .setAttribute(AttributeKey.stringKey("order.id"), "42")
            .emit();
      } finally {
        parent.end();
      }
      h.openTelemetry().getMeter("shop").counterBuilder("orders").build().add(3, Attributes.of(AttributeKey.stringKey("m"), "card"));
      assertThat(h.forceFlush(Duration.ofSeconds(5))).isTrue();
    } finally {
      System.setOut(original);
    }
    String out = buf.toString(StandardCharsets.UTF_8);
    assertThat(out.lines())
        .as("console output:%n%s", out)
        .anySatisfy(l -> assertThat(l).contains(" SPAN   charge card ").contains("trace=" + traceId).contains("parent="))
        .anySatisfy(l -> assertThat(l).contains(" SPAN   checkout ").contains("trace=" + traceId))
        .anySatisfy(
            l ->
                assertThat(l)
                    .contains(" LOG    WARN  card declined retrying [shop.Checkout]")
                    .contains("trace=" + traceId)
                    .contains("{order.id=42}"))
        .anySatisfy(l -> assertThat(l).contains(" METRIC orders = 3 {m=card}"))
        .noneSatisfy(l -> assertThat(l).contains("jvm."));
  }

  @Test
  void consoleBesideOtlpPrintsAndExports() throws Exception {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    PrintStream original = System.out;
    System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
    try (io.github.lgtmbootstrap.core.support.CaptureServer server = new io.github.lgtmbootstrap.core.support.CaptureServer();
        LgtmHandle h =
            Lgtm.builder().setConsole(true).setEndpoint(server.endpoint()).setRuntimeMetrics(false).init()) {
      h.openTelemetry().getTracer("shop").spanBuilder("both-ways").startSpan().end();
      assertThat(h.forceFlush(Duration.ofSeconds(10))).isTrue();
      assertThat(server.await(r -> r.path().equals("/v1/traces"), Duration.ofSeconds(10))).isNotNull();
    } finally {
      System.setOut(original);
    }
    assertThat(buf.toString(StandardCharsets.UTF_8)).contains(" SPAN   both-ways ");
  }
}
