package io.github.lgtmbootstrap.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lgtmbootstrap.core.support.BlackHole;
import io.github.lgtmbootstrap.core.support.CaptureServer;
import io.github.lgtmbootstrap.core.support.LgtmTestSupport;
import io.github.lgtmbootstrap.core.support.LgtmTestSupport.JulCapture;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LgtmTestSupport.class)
class LifecycleTest {

  @Test
  void initRegistersTheGlobalAndCloseIsIdempotent() {
    try (CaptureServer server = new CaptureServer();
        LgtmHandle h = Lgtm.builder().setEndpoint(server.endpoint()).setRuntimeMetrics(false).init()) {
      assertThat(h.isEnabled()).isTrue();
      assertThat(GlobalOpenTelemetry.isSet()).isTrue();
      assertThat(h.shutdown()).isTrue();
      assertThat(h.shutdown()).as("second shutdown returns the first result").isTrue();
      assertThat(h.forceFlush(Duration.ofSeconds(1))).as("flush after shutdown").isFalse();
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void secondInitWithSameSettingsReturnsTheRunningHandle() throws Exception {
    try (CaptureServer server = new CaptureServer()) {
      System.setProperty("otel.exporter.otlp.endpoint", server.endpoint());
      System.setProperty("lgtm.runtime.metrics.enabled", "false");
      try (LgtmHandle first = Lgtm.init()) {
        assertThat(Lgtm.init()).isSameAs(first);
      }
    }
  }

  @Test
  void secondInitWithDifferentSettingsWarnsOnceNamingTheKeysWithoutValuesAndReturnsTheRunningHandle()
      throws Exception {
    try (CaptureServer server = new CaptureServer();
        JulCapture jul = new JulCapture("io.github.lgtmbootstrap");
        LgtmHandle first =
            Lgtm.builder().setEndpoint(server.endpoint()).setRuntimeMetrics(false).setServiceName("a").init()) {
      LgtmBuilder library =
          Lgtm.builder()
              .setEndpoint(server.endpoint())
              .setRuntimeMetrics(false)
              .setServiceName("b")
              .setBasicAuth("u", "t0ken");

      assertThat(library.init()).as("a library's init inside the app gets the app's handle").isSameAs(first);
      assertThat(library.init()).isSameAs(first);

      List<String> warnings =
          jul.records().stream()
              .filter(r -> r.getLevel() == Level.WARNING)
              .map(r -> r.getMessage())
              .filter(m -> m.contains("called again"))
              .toList();
      assertThat(warnings).as("warned once, not on every call").hasSize(1);
      assertThat(warnings.get(0))
          .contains("[lgtm.basic.auth.token, lgtm.basic.auth.user, otel.service.name]")
          .contains("service.name=a")
          .doesNotContain("t0ken")
          .doesNotContain("=b");
      assertThat(jul.allText()).doesNotContain("t0ken");
      assertThat(first.isEnabled()).isTrue();
      assertThat(first.runtime().isShutdown()).isFalse();
    }
  }

  @Test
  void initAfterCloseBuildsAFreshSdkAndReRegistersTheGlobal() throws Exception {
    try (CaptureServer server = new CaptureServer()) {
      LgtmHandle first = Lgtm.builder().setEndpoint(server.endpoint()).setRuntimeMetrics(false).init();
      first.close();
      try (LgtmHandle second = Lgtm.builder().setEndpoint(server.endpoint()).setRuntimeMetrics(false).init()) {
        assertThat(second).isNotSameAs(first);
        assertThat(second.isEnabled()).isTrue();
        GlobalOpenTelemetry.getTracer("t").spanBuilder("via-global").startSpan().end();
        assertThat(second.forceFlush(Duration.ofSeconds(10))).isTrue();
        assertThat(server.await(r -> r.path().equals("/v1/traces"), Duration.ofSeconds(10))).isNotNull();
      }
    }
  }

  @Test
  void credentialsInTheEndpointUrlAreNotShown() {
    try (LgtmHandle h =
        Lgtm.builder()
            .setEndpoint("http://alice:p4ssw0rd@127.0.0.1:1")
            .setRuntimeMetrics(false)
            .setShutdownTimeout(Duration.ofMillis(200))
            .init()) {
      assertThat(h.toString()).contains("http://***@127.0.0.1:1").doesNotContain("p4ssw0rd");
    }
  }

  @Test
  void foreignGlobalIsNotOverriddenAndOurSdkIsShutDown() {
    GlobalOpenTelemetry.set(OpenTelemetry.noop());
    assertThatThrownBy(() -> Lgtm.builder().setRuntimeMetrics(false).setShutdownTimeout(Duration.ofMillis(200)).init())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("GlobalOpenTelemetry is already set by another component");
  }

  @Test
  void disabledHandleIsNoopExportsNothingAndLeavesTheGlobalAlone() throws Exception {
    try (CaptureServer server = new CaptureServer()) {
      System.setProperty("otel.sdk.disabled", "true");
      try (LgtmHandle h = Lgtm.builder().setEndpoint(server.endpoint()).init()) {
        assertThat(h.isEnabled()).isFalse();
        assertThat(h.openTelemetry()).isSameAs(OpenTelemetry.noop());
        h.openTelemetry().getTracer("t").spanBuilder("s").startSpan().end();
        assertThat(h.forceFlush(Duration.ofMillis(100))).isFalse();
        assertThat(h.toString()).isEqualTo("LgtmHandle[disabled]");
      }
      assertThat(GlobalOpenTelemetry.isSet()).isFalse();
      System.clearProperty("otel.sdk.disabled");
      System.setProperty("lgtm.enabled", "false");
      try (LgtmHandle h = Lgtm.builder().setEndpoint(server.endpoint()).init()) {
        assertThat(h.isEnabled()).isFalse();
      }
      assertThat(server.requests()).isEmpty();
    }
  }

  @Test
  void blackHoledEndpointInitReturnsPromptlyAndCloseStaysWithinItsBoundWithAWarning() throws Exception {
    try (BlackHole hole = new BlackHole();
        JulCapture jul = new JulCapture("io.github.lgtmbootstrap")) {
      LgtmHandle h =
          Lgtm.builder()
              .setEndpoint(hole.endpoint())
              .setShutdownTimeout(Duration.ofMillis(500))
              .setBasicAuth("alice", "hunter2")
              .init();
      for (int i = 0; i < 5; i++) {
        h.openTelemetry().getTracer("t").spanBuilder("lost-" + i).startSpan().end();
      }
      h.openTelemetry().getLogsBridge().get("l").logRecordBuilder().setBody("lost").emit();
      h.openTelemetry().getMeter("m").counterBuilder("lost").build().add(1);
      assertThat(h.forceFlush(Duration.ofMillis(200))).as("flush cannot be confirmed").isFalse();

      long start = System.nanoTime();
      boolean clean = h.shutdown();
      Duration took = Duration.ofNanos(System.nanoTime() - start);

      assertThat(clean).isFalse();
      // Bound 500 ms; generous slack for a loaded 2-core CI machine.
      assertThat(took).isLessThan(Duration.ofMillis(500 + 4000));
      assertThat(jul.records())
          .anySatisfy(
              r ->
                  assertThat(r.getMessage())
                      .contains("shutdown did not complete within 500 ms")
                      .contains("5 span(s)")
                      .contains("1 log record(s)")
                      .contains("the final metric collection"));
      assertThat(jul.allText()).doesNotContain("hunter2");
    }
  }
}
