package io.github.lgtmbootstrap.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lgtmbootstrap.core.support.CaptureServer;
import io.github.lgtmbootstrap.core.support.LgtmTestSupport;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** https with a private CA: trusted through otel.exporter.otlp.certificate, rejected without it. */
@ExtendWith(LgtmTestSupport.class)
class TlsTest {

  @TempDir static Path dir;
  static SSLContext serverTls;
  static Path caPem;

  @BeforeAll
  static void selfSignedCertificate() throws Exception {
    Path keystore = dir.resolve("server.p12");
    caPem = dir.resolve("ca.pem");
    String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    run(keytool, "-genkeypair", "-alias", "otlp", "-keyalg", "EC", "-dname", "CN=localhost",
        "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2", "-keystore", keystore.toString(),
        "-storetype", "PKCS12", "-storepass", "changeit", "-keypass", "changeit");
    run(keytool, "-exportcert", "-rfc", "-alias", "otlp", "-keystore", keystore.toString(),
        "-storepass", "changeit", "-file", caPem.toString());
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keystore)) {
      ks.load(in, "changeit".toCharArray());
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, "changeit".toCharArray());
    serverTls = SSLContext.getInstance("TLS");
    serverTls.init(kmf.getKeyManagers(), null, null);
  }

  private static void run(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("%s: %s", String.join(" ", command), out).isZero();
  }

  @Test
  void httpsEndpointWithPrivateCaIsTrustedThroughTheCertificateKey() throws Exception {
    try (CaptureServer server = new CaptureServer(serverTls);
        LgtmHandle h =
            Lgtm.builder()
                .setEndpoint(server.endpoint())
                .setCertificate(caPem)
                .setBasicAuth("alice", "pw")
                .setRuntimeMetrics(false)
                .setProperty("lgtm.addons.disabled", "failing,recording")
                .init()) {
      h.openTelemetry().getTracer("t").spanBuilder("over-tls").startSpan().end();
      assertThat(h.forceFlush(Duration.ofSeconds(10))).isTrue();
      CaptureServer.Request r = server.await(q -> q.path().equals("/v1/traces"), Duration.ofSeconds(10));
      assertThat(r).isNotNull();
      assertThat(r.header("Authorization")).startsWith("Basic ");
    }
  }

  @Test
  void httpsEndpointWithPrivateCaIsRejectedWithoutIt() throws Exception {
    try (CaptureServer server = new CaptureServer(serverTls);
        LgtmHandle h =
            Lgtm.builder()
                .setEndpoint(server.endpoint())
                .setRuntimeMetrics(false)
                .setShutdownTimeout(Duration.ofMillis(300))
                .setProperty("lgtm.addons.disabled", "failing,recording")
                .init()) {
      h.openTelemetry().getTracer("t").spanBuilder("untrusted").startSpan().end();
      assertThat(h.forceFlush(Duration.ofSeconds(3))).isFalse();
      assertThat(server.requests()).isEmpty();
    }
  }
}
