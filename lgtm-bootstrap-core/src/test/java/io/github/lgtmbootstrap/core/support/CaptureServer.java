package io.github.lgtmbootstrap.core.support;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Predicate;

/**
 * A minimal OTLP/HTTP endpoint on 127.0.0.1 that records each request's path and headers and answers 200 with
 * an empty body (a valid empty Export*ServiceResponse). For tests about what goes on the wire (headers, paths,
 * compression); the testkit's embedded backend is used where the content matters.
 */
public final class CaptureServer implements AutoCloseable {

  /** One received request. */
  public record Request(String path, Map<String, List<String>> headers, int bodyBytes) {
    public String header(String name) {
      for (Map.Entry<String, List<String>> e : headers.entrySet()) {
        if (e.getKey() != null && e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
          return e.getValue().get(0);
        }
      }
      return null;
    }
  }

  private final HttpServer server;
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final List<String> arrivedPaths = new CopyOnWriteArrayList<>();

  private final String scheme;

  private volatile int status = 200;
  private volatile long delayMillis;
  private volatile java.util.concurrent.CountDownLatch hold;

  public CaptureServer() throws IOException {
    this(null);
  }

  /** Answers every request with this HTTP status from now on (400: a non-retryable rejection). */
  public CaptureServer respondWith(int httpStatus) {
    this.status = httpStatus;
    return this;
  }

  /** Answers each request only after this delay (a slow backend or a first TLS handshake). */
  public CaptureServer respondAfter(Duration delay) {
    this.delayMillis = delay.toMillis();
    return this;
  }

  /** Answers no request before {@code release} is counted down (an exporter that blocks until told). */
  public CaptureServer holdUntil(java.util.concurrent.CountDownLatch release) {
    this.hold = release;
    return this;
  }

  /** With a TLS context: an https endpoint. */
  public CaptureServer(javax.net.ssl.SSLContext tls) throws IOException {
    InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    if (tls == null) {
      server = HttpServer.create(address, 0);
      scheme = "http";
    } else {
      com.sun.net.httpserver.HttpsServer https = com.sun.net.httpserver.HttpsServer.create(address, 0);
      https.setHttpsConfigurator(new com.sun.net.httpserver.HttpsConfigurator(tls));
      server = https;
      scheme = "https";
    }
    server.createContext(
        "/",
        exchange -> {
          int n;
          try (InputStream in = exchange.getRequestBody()) {
            n = in.readAllBytes().length;
          }
          arrivedPaths.add(exchange.getRequestURI().getPath());
          java.util.concurrent.CountDownLatch release = hold;
          if (release != null) {
            try {
              release.await(30, java.util.concurrent.TimeUnit.SECONDS); // bounded: a broken test cannot hang
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
          long delay = delayMillis;
          if (delay > 0) {
            try {
              Thread.sleep(delay); // simulates a slow backend; nothing here waits for telemetry
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
          requests.add(new Request(exchange.getRequestURI().getPath(), Map.copyOf(exchange.getRequestHeaders()), n));
          boolean json = String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type")).contains("json");
          byte[] body = json ? "{}".getBytes() : new byte[0];
          exchange.getResponseHeaders().add("Content-Type", json ? "application/json" : "application/x-protobuf");
          if (status != 200) {
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
            return;
          }
          exchange.sendResponseHeaders(200, body.length == 0 ? -1 : body.length);
          if (body.length > 0) {
            exchange.getResponseBody().write(body);
          }
          exchange.close();
        });
    server.setExecutor(Executors.newFixedThreadPool(4, r -> {
      Thread t = new Thread(r, "capture-server");
      t.setDaemon(true);
      return t;
    }));
    server.start();
  }

  public String endpoint() {
    return scheme + "://127.0.0.1:" + server.getAddress().getPort();
  }

  /** How many requests to {@code path} have arrived, answered or still held. */
  public long arrived(String path) {
    return arrivedPaths.stream().filter(path::equals).count();
  }

  public List<Request> requests() {
    return List.copyOf(requests);
  }

  /** Polls until a request matches or the timeout passes; returns the match or null. */
  public Request await(Predicate<Request> match, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      for (Request r : requests) {
        if (match.test(r)) {
          return r;
        }
      }
      Thread.sleep(20);
    }
    return null;
  }

  @Override
  public void close() {
    server.stop(0);
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
  }
}
