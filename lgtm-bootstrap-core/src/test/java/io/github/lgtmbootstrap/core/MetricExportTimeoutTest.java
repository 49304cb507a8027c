package io.github.lgtmbootstrap.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lgtmbootstrap.core.support.CaptureServer;
import io.github.lgtmbootstrap.core.support.LgtmTestSupport;
import io.github.lgtmbootstrap.core.support.LgtmTestSupport.JulCapture;
import java.time.Duration;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * SDK 1.68's periodic metric reader waits only its interval for an export unless given an exporter timeout; with
 * a 500 ms interval and a backend answering in 1.2 s every export "timed out" although it succeeded.
 */
@ExtendWith(LgtmTestSupport.class)
class MetricExportTimeoutTest {

  @Test
  void exportsSlowerThanTheIntervalButWithinTheOtlpTimeoutDoNotTimeOut() throws Exception {
    try (CaptureServer server = new CaptureServer().respondAfter(Duration.ofMillis(1200));
        JulCapture jul = new JulCapture("io.opentelemetry.sdk.metrics");
        LgtmHandle h =
            Lgtm.builder()
                .setEndpoint(server.endpoint())
                .setRuntimeMetrics(false)
                .setMetricExportInterval(Duration.ofMillis(500))
                .setProperty("otel.exporter.otlp.timeout", "5s")
                .setProperty("lgtm.addons.disabled", "failing,recording")
                .init()) {
      h.openTelemetry().getMeter("slow").counterBuilder("slow.exports").build().add(1);

      assertThat(h.forceFlush(Duration.ofSeconds(10)))
          .as("a flush whose export takes 1.2 s with a 500 ms interval and a 5 s OTLP timeout")
          .isTrue();
      // And a scheduled export (each takes 1.2 s, longer than the interval): wait until one was answered.
      long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
      while (server.requests().stream().filter(r -> r.path().equals("/v1/metrics")).count() < 2
          && System.nanoTime() < deadline) {
        Thread.sleep(50); // polling the fake backend with a deadline, not waiting for telemetry blindly
      }
      assertThat(server.requests()).filteredOn(r -> r.path().equals("/v1/metrics")).hasSizeGreaterThanOrEqualTo(2);
      assertThat(jul.records())
          .filteredOn(r -> r.getLevel().intValue() >= Level.WARNING.intValue())
          .extracting(java.util.logging.LogRecord::getMessage)
          .doesNotContain("Exporter timed out");
    }
  }
}
