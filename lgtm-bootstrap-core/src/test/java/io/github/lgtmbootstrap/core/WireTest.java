package io.github.lgtmbootstrap.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lgtmbootstrap.core.support.CaptureServer;
import io.github.lgtmbootstrap.core.support.LgtmTestSupport;
import io.opentelemetry.api.trace.Span;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What goes on the wire: paths, headers, compression, endpoint precedence. */
@ExtendWith(LgtmTestSupport.class)
class WireTest {

  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final String[] SIGNAL_PATHS = {"/v1/traces", "/v1/metrics", "/v1/logs"};

  /** One span, one counter increment and one log record: a request on each of {@link #SIGNAL_PATHS}. */
  private static void emitOneOfEachSignal(LgtmHandle h) {
    h.openTelemetry().getTracer("t").spanBuilder("s").startSpan().end();
    h.openTelemetry().getMeter("m").counterBuilder("c").build().add(1);
    h.openTelemetry().getLogsBridge().get("l").logRecordBuilder().setBody("hello").emit();
  }

  @Test
  void basicAuthAndExtraHeadersArriveOnEverySignalPath() throws Exception {
    try (CaptureServer server = new CaptureServer()) {
      System.setProperty("otel.exporter.otlp.headers", "X-Scope-OrgID=tenant%201");
      try (LgtmHandle h =
          Lgtm.builder()
              .setServiceName("wire")
              .setEndpoint(server.endpoint())
              .setBasicAuth("alice", "p+ss/w=rd")
              .addHeader("X-Extra", "a b,c")
              .setRuntimeMetrics(false)
              .init()) {
        emitOneOfEachSignal(h);
        assertThat(h.forceFlush(WAIT)).isTrue();
      }
      String expected =
          "Basic " + Base64.getEncoder().encodeToString("alice:p+ss/w=rd".getBytes(StandardCharsets.UTF_8));
      for (String path : SIGNAL_PATHS) {
        CaptureServer.Request r = server.await(q -> q.path().equals(path), WAIT);
        assertThat(r).as("request to %s among %s", path, server.requests()).isNotNull();
        assertThat(r.header("Authorization")).isEqualTo(expected);
        assertThat(r.header("X-Scope-OrgID")).as("system-property header kept").isEqualTo("tenant 1");
        assertThat(r.header("X-Extra")).as("builder header value sent verbatim").isEqualTo("a b,c");
      }
    }
  }

  @Test
  void builderEndpointWinsOverSystemPropertyWhichWinsOverDefault() throws Exception {
    try (CaptureServer sysServer = new CaptureServer();
        CaptureServer builderServer = new CaptureServer()) {
      System.setProperty("otel.exporter.otlp.endpoint", sysServer.endpoint());
      try (LgtmHandle h = Lgtm.builder().setEndpoint(builderServer.endpoint()).setRuntimeMetrics(false).init()) {
        h.openTelemetry().getTracer("t").spanBuilder("s").startSpan().end();
        assertThat(h.forceFlush(WAIT)).isTrue();
      }
      assertThat(builderServer.await(r -> r.path().equals("/v1/traces"), WAIT)).isNotNull();
      assertThat(sysServer.requests()).isEmpty();

      try (LgtmHandle h = Lgtm.builder().setRuntimeMetrics(false).init()) {
        h.openTelemetry().getTracer("t").spanBuilder("s").startSpan().end();
        assertThat(h.forceFlush(WAIT)).isTrue();
      }
      assertThat(sysServer.await(r -> r.path().equals("/v1/traces"), WAIT))
          .as("without a builder value the system property is used")
          .isNotNull();
    }
  }

  @Test
  void productionProfileSendsGzip() throws Exception {
    try (CaptureServer server = new CaptureServer()) {
      try (LgtmHandle h =
          Lgtm.builder()
              .setEndpoint(server.endpoint())
              .setProfile("production")
              .setRuntimeMetrics(false)
              .init()) {
        Span s = h.openTelemetry().getTracer("t").spanBuilder("s").startSpan();
        s.end();
        assertThat(h.forceFlush(WAIT)).isTrue();
      }
      CaptureServer.Request r = server.await(q -> q.path().equals("/v1/traces"), WAIT);
      assertThat(r).isNotNull();
      assertThat(r.header("Content-Encoding")).isEqualTo("gzip");
      assertThat(r.header("Content-Type")).isEqualTo("application/x-protobuf");
    }
  }

  @Test
  void httpJsonSendsJsonOnEverySignalPath() throws Exception {
    try (CaptureServer server = new CaptureServer()) {
      try (LgtmHandle h =
          Lgtm.builder()
              .setEndpoint(server.endpoint())
              .setProtocol("http/json")
              .setBasicAuth("alice", "pw")
              .setRuntimeMetrics(false)
              .init()) {
        emitOneOfEachSignal(h);
        assertThat(h.forceFlush(WAIT)).isTrue();
      }
      for (String path : SIGNAL_PATHS) {
        CaptureServer.Request r = server.await(q -> q.path().equals(path), WAIT);
        assertThat(r).as("request to %s among %s", path, server.requests()).isNotNull();
        assertThat(r.header("Content-Type")).isEqualTo("application/json");
        assertThat(r.header("Authorization")).startsWith("Basic ");
      }
    }
  }

  @Test
  void rejectedExportsWarnOnJulRateLimitedAndNeverThrow() throws Exception {
    try (CaptureServer server = new CaptureServer().respondWith(400);
        LgtmTestSupport.JulCapture jul = new LgtmTestSupport.JulCapture("io.opentelemetry");
        LgtmHandle h =
            Lgtm.builder()
                .setEndpoint(server.endpoint())
                .setRuntimeMetrics(false)
                .setShutdownTimeout(Duration.ofMillis(500))
                .init()) {
      for (int i = 0; i < 30; i++) {
        h.openTelemetry().getTracer("t").spanBuilder("rejected-" + i).startSpan().end();
        assertThat(h.forceFlush(WAIT)).isFalse();
      }
      long spanFailures =
          jul.records().stream()
              .filter(r -> r.getLevel().intValue() >= java.util.logging.Level.WARNING.intValue())
              .filter(r -> String.valueOf(r.getMessage()).contains("span"))
              .count();
      // Counted by the client: a request lost on a reset connection is as failed as a rejected one, and the
      // stub can only count what reached it (under load one of 30 sometimes did not).
      assertThat(h.exportCounts().spans().failed()).as("spans in failed exports").isEqualTo(30);
      assertThat(server.requests()).anyMatch(r -> r.path().equals("/v1/traces"));
      assertThat(spanFailures)
          .as("warnings for 30 rejected span exports: %s", jul.allText())
          .isBetween(1L, 7L);
    }
  }

  @Test
  void hostedGrafanaZoneBecomesGatewayWithOtlpBasePath() {
    // The resolved endpoint is visible in the secret-free toString. Tests talk to loopback only, so the
    // exporters are switched off: nothing may be sent to the public gateway, not even on close.
    try (LgtmHandle h =
        Lgtm.builder()
            .setGrafanaCloud("prod-eu-west-2", "123456", "glc_s3cr3t")
            .setProperty("otel.traces.exporter", "none")
            .setProperty("otel.metrics.exporter", "none")
            .setProperty("otel.logs.exporter", "none")
            .setRuntimeMetrics(false)
            .setShutdownTimeout(Duration.ofMillis(200))
            .init()) {
      assertThat(h.toString())
          .contains("https://otlp-gateway-prod-eu-west-2.grafana.net/otlp")
          .contains("Authorization=***")
          .doesNotContain("glc_s3cr3t")
          .doesNotContain(Base64.getEncoder().encodeToString("123456:glc_s3cr3t".getBytes(StandardCharsets.UTF_8)));
    }
  }
}
