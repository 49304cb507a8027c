package io.github.lgtmbootstrap.examples.vps;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * What Caddy does on the VPS, in miniature, on 127.0.0.1: terminates TLS with a certificate from a private CA,
 * demands basic auth, and forwards OTLP/HTTP requests to the backend. Used only to test the app side.
 */
final class TlsBasicAuthProxy implements AutoCloseable {

  private static final String STORE_PASSWORD = "test-only";

  private final HttpsServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(2);
  private final HttpClient upstreamClient =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final URI upstream;
  private final byte[] expectedAuthorization;
  private final AtomicInteger rejected = new AtomicInteger();
  private final AtomicInteger forwarded = new AtomicInteger();
  private final Path caCertificatePem;

  private TlsBasicAuthProxy(URI upstream, String user, String password, Path workDir)
      throws Exception {
    this.upstream = upstream;
    this.expectedAuthorization =
        ("Basic "
                + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)))
            .getBytes(StandardCharsets.UTF_8);
    Path keyStore = workDir.resolve("proxy.p12");
    caCertificatePem = workDir.resolve("proxy-ca.pem");
    // A self-signed certificate valid for 127.0.0.1: the app must be given it as its CA, exactly like a
    // VPS using a private CA (Caddy's `tls internal`).
    keytool(
        "-genkeypair", "-alias", "proxy", "-keyalg", "EC", "-groupname", "secp256r1",
        "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2",
        "-keystore", keyStore.toString(), "-storetype", "PKCS12",
        "-storepass", STORE_PASSWORD, "-keypass", STORE_PASSWORD);
    keytool(
        "-exportcert", "-rfc", "-alias", "proxy", "-keystore", keyStore.toString(),
        "-storepass", STORE_PASSWORD, "-file", caCertificatePem.toString());

    server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(sslContext(keyStore)));
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  /** Starts the proxy in front of {@code upstream} (an OTLP/HTTP base URL), requiring {@code user:password}. */
  static TlsBasicAuthProxy start(URI upstream, String user, String password, Path workDir)
      throws Exception {
    return new TlsBasicAuthProxy(upstream, user, password, workDir);
  }

  /** The base URL the app is pointed at, like {@code https://lgtm.example.com}. */
  String endpoint() {
    return "https://127.0.0.1:" + server.getAddress().getPort();
  }

  /** The certificate to trust, in PEM. */
  Path caCertificatePem() {
    return caCertificatePem;
  }

  void resetCounts() {
    rejected.set(0);
    forwarded.set(0);
  }

  int rejectedRequests() {
    return rejected.get();
  }

  int forwardedRequests() {
    return forwarded.get();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readAllBytes();
      }
      String authorization = exchange.getRequestHeaders().getFirst("Authorization");
      if (authorization == null
          || !MessageDigest.isEqual(
              expectedAuthorization, authorization.getBytes(StandardCharsets.UTF_8))) {
        rejected.incrementAndGet();
        exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"lgtm\"");
        exchange.sendResponseHeaders(401, -1);
        return;
      }
      HttpRequest.Builder forward =
          HttpRequest.newBuilder(upstream.resolve(exchange.getRequestURI().getRawPath()))
              .timeout(Duration.ofSeconds(10))
              .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
      for (String header : List.of("Content-Type", "Content-Encoding")) {
        String value = exchange.getRequestHeaders().getFirst(header);
        if (value != null) {
          forward.header(header, value);
        }
      }
      HttpResponse<byte[]> response;
      try {
        response = upstreamClient.send(forward.build(), HttpResponse.BodyHandlers.ofByteArray());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        exchange.sendResponseHeaders(502, -1);
        return;
      }
      forwarded.incrementAndGet();
      response
          .headers()
          .firstValue("Content-Type")
          .ifPresent(type -> exchange.getResponseHeaders().set("Content-Type", type));
      byte[] answer = response.body();
      exchange.sendResponseHeaders(response.statusCode(), answer.length == 0 ? -1 : answer.length);
      if (answer.length > 0) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(answer);
        }
      }
    }
  }

  private static SSLContext sslContext(Path keyStoreFile) throws Exception {
    KeyStore keyStore = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keyStoreFile)) {
      keyStore.load(in, STORE_PASSWORD.toCharArray());
    }
    KeyManagerFactory keyManagers =
        KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keyManagers.init(keyStore, STORE_PASSWORD.toCharArray());
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keyManagers.getKeyManagers(), null, null);
    return context;
  }

  private static void keytool(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      process.destroyForcibly();
      throw new IOException("keytool " + String.join(" ", args) + " failed: " + output);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
