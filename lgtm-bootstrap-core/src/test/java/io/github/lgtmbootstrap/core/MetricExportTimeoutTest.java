package io.github.lgtmbootstrap.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lgtmbootstrap.core.support.CaptureServer;
import io.github.lgtmbootstrap.core.support.LgtmTestSupport;
import io.github.lgtmbootstrap.core.support.LgtmTestSupport.JulCapture;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * SDK 1.68's periodic metric reader waits only its interval for an export unless given an exporter timeout; with
 * a 500 ms interval and a backend answering in 1.2 s every export "timed out" although it succeeded.
 *
 * <p>The test holds the backend's answer until it has seen the export arrive and several intervals have passed,
 * then releases it. The OTLP timeout is a minute, so however long a loaded machine stretches that (the failure
 * under load came from a 1.2 s delay against a 5 s timeout), the export completes inside it; only a reader that
 * waits no more than its interval logs "Exporter timed out".
 */
@ExtendWith(LgtmTestSupport.class)
class MetricExportTimeoutTest {

  private static final Duration INTERVAL = Duration.ofMillis(200);

  @Test
  void exportsSlowerThanTheIntervalButWithinTheOtlpTimeoutDoNotTimeOut() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    try (CaptureServer server = new CaptureServer().holdUntil(release);
        JulCapture jul = new JulCapture("io.opentelemetry.sdk.metrics");
        LgtmHandle h =
            Lgtm.builder()
                .setEndpoint(server.endpoint())
                .setRuntimeMetrics(false)
                .setMetricExportInterval(INTERVAL)
                .setProperty("otel.exporter.otlp.timeout", "60s")
                .setProperty("lgtm.addons.disabled", "failing,recording")
                .init()) {
      h.openTelemetry().getMeter("slow").counterBuilder("slow.exports").build().add(1);
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (server.arrived("/v1/metrics") == 0 && System.nanoTime() < deadline) {
        Thread.sleep(20); // polling the fake backend with a deadline
      }
      assertThat(server.arrived("/v1/metrics")).as("a scheduled metric export reached the backend").isPositive();
      // Keep it unanswered for five intervals at least: a reader waiting only its interval has given up by then.
      Thread.sleep(INTERVAL.multipliedBy(5).toMillis());
      release.countDown();

      assertThat(h.forceFlush(Duration.ofSeconds(30))).as("flush once the backend answers").isTrue();
      assertThat(jul.records())
          .filteredOn(r -> r.getLevel().intValue() >= Level.WARNING.intValue())
          .extracting(java.util.logging.LogRecord::getMessage)
          .doesNotContain("Exporter timed out");
    }
  }
}
