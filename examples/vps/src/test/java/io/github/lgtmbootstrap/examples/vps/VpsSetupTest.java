package io.github.lgtmbootstrap.examples.vps;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lgtmbootstrap.core.Lgtm;
import io.github.lgtmbootstrap.core.LgtmHandle;
import io.github.lgtmbootstrap.testkit.LgtmBackend;
import io.github.lgtmbootstrap.testkit.LgtmTest;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.logs.Severity;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The app side of the VPS setup, on 127.0.0.1: {@code Lgtm.init()} configured exactly as the README says
 * (https endpoint, basic auth, and here a private CA) sends to a TLS proxy demanding basic auth, which forwards
 * to the testkit's embedded backend standing in for otel-lgtm.
 */
@LgtmTest
class VpsSetupTest {

  private static final String USER = "otlp";
  private static final String TOKEN = "s3cr3t-otlp-token-for-tests";
  private static final Duration FLUSH = Duration.ofSeconds(10);

  @TempDir static Path work;
  private static TlsBasicAuthProxy proxy;

  @BeforeAll
  static void startProxy(LgtmBackend lgtm) throws Exception {
    proxy = TlsBasicAuthProxy.start(URI.create(lgtm.otlpEndpoint()), USER, TOKEN, work);
  }

  @AfterAll
  static void stopProxy() {
    proxy.close();
  }

  @BeforeEach
  void resetCounts() {
    proxy.resetCounts();
  }

  @AfterEach
  void resetGlobal() {
    GlobalOpenTelemetry.resetForTest();
  }

  @Test
  void allThreeSignalsArriveThroughTlsAndBasicAuth(LgtmBackend lgtm) {
    try (LgtmHandle handle =
        Lgtm.builder()
            .setServiceName("checkout")
            .setEndpoint(proxy.endpoint())
            .setBasicAuth(USER, TOKEN)
            .setCertificate(proxy.caCertificatePem())
            .setRuntimeMetrics(false)
            .init()) {
      emit(handle.openTelemetry(), "through-the-proxy");
      // Not asserted: with the testkit's 500 ms metric interval the SDK's metric reader gives the very first
      // export (TLS handshake included) only 500 ms, so the flush may report a timeout although the data arrives.
      handle.forceFlush(FLUSH);
    }

    lgtm.assertTraces()
        .hasSpan("through-the-proxy")
        .withResourceAttribute("service.name", "checkout");
    lgtm.assertLogs().hasRecord("sent over TLS").inSpan("through-the-proxy");
    lgtm.assertMetrics().hasCounter("vps.requests").withValue(1);
    assertThat(proxy.rejectedRequests()).isZero();
    assertThat(proxy.forwardedRequests()).isGreaterThanOrEqualTo(3);
  }

  @Test
  void aWrongTokenIsRejectedNothingArrivesAndTheTokenIsNotLogged(LgtmBackend lgtm) {
    try (JulCapture diagnostics = new JulCapture();
        LgtmHandle handle =
            Lgtm.builder()
                .setServiceName("checkout")
                .setEndpoint(proxy.endpoint())
                .setBasicAuth(USER, "wrong-token-value")
                .setCertificate(proxy.caCertificatePem())
                .setRuntimeMetrics(false)
                .init()) {
      emit(handle.openTelemetry(), "rejected-span");

      assertThat(handle.forceFlush(FLUSH)).as("the backend never confirmed").isFalse();
      assertThat(proxy.rejectedRequests()).isGreaterThan(0);
      assertThat(diagnostics.text()).doesNotContain("wrong-token-value");
    }

    assertThat(proxy.forwardedRequests()).isZero();
    assertThat(lgtm.spans()).noneMatch(span -> span.name().equals("rejected-span"));
  }

  @Test
  void withoutTheCaCertificateTheExporterRefusesTheServer(LgtmBackend lgtm) {
    try (LgtmHandle handle =
        Lgtm.builder()
            .setServiceName("checkout")
            .setEndpoint(proxy.endpoint())
            .setBasicAuth(USER, TOKEN)
            .setRuntimeMetrics(false)
            .init()) {
      emit(handle.openTelemetry(), "untrusted-span");

      assertThat(handle.forceFlush(FLUSH)).isFalse();
    }

    assertThat(proxy.rejectedRequests()).as("TLS failed before any request reached the proxy").isZero();
    assertThat(proxy.forwardedRequests()).isZero();
    assertThat(lgtm.spans()).noneMatch(span -> span.name().equals("untrusted-span"));
  }

  private static void emit(OpenTelemetry openTelemetry, String spanName) {
    io.opentelemetry.api.trace.Span span =
        openTelemetry.getTracer("vps").spanBuilder(spanName).startSpan();
    try (io.opentelemetry.context.Scope ignored = span.makeCurrent()) {
      openTelemetry
          .getLogsBridge()
          .get("vps")
          .logRecordBuilder()
          .setSeverity(Severity.INFO)
          .setBody("sent over TLS")
          .emit();
      openTelemetry.getMeter("vps").counterBuilder("vps.requests").build().add(1);
    } finally {
      span.end();
    }
  }

  /** Collects what the SDK and core log on java.util.logging while open. */
  private static final class JulCapture extends Handler implements AutoCloseable {
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final List<Logger> loggers =
        List.of(Logger.getLogger("io.opentelemetry"), Logger.getLogger("io.github.lgtmbootstrap"));

    JulCapture() {
      setLevel(Level.ALL);
      loggers.forEach(logger -> logger.addHandler(this));
    }

    String text() {
      return String.join("\n", lines);
    }

    @Override
    public void publish(LogRecord record) {
      lines.add(record.getMessage() + (record.getThrown() == null ? "" : " " + record.getThrown()));
    }

    @Override
    public void flush() {}

    @Override
    public void close() {
      loggers.forEach(logger -> logger.removeHandler(this));
    }
  }
}
