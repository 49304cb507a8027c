package io.github.lgtmbootstrap.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.github.lgtmbootstrap.core.Lgtm;
import io.github.lgtmbootstrap.core.LgtmHandle;
import io.github.lgtmbootstrap.testkit.LgtmBackend;
import io.github.lgtmbootstrap.testkit.LgtmTest;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The HTTP tracing as a user runs it: {@code Lgtm.init()} registers the global SDK, {@code LgtmHttpServer.trace}
 * and {@code LgtmHttpClient.wrap} follow it, and everything travels as real OTLP over loopback to the testkit's
 * embedded backend, where the assertions find it.
 */
@LgtmTest
class HttpTracingEndToEndTest {

  private LgtmHandle handle;
  private HttpServer server;
  private HttpClient client;

  @BeforeEach
  void start(LgtmBackend lgtm) throws IOException {
    handle =
        Lgtm.builder()
            .setServiceName("orders")
            .setEndpoint(lgtm.otlpEndpoint())
            .setRuntimeMetrics(false)
            .init();
    lgtm.addFlushAction(() -> handle.forceFlush(Duration.ofSeconds(5)));

    server = LoopbackServers.create();
    LgtmHttpServer.trace(
        server.createContext(
            "/orders",
            exchange -> {
              GlobalOpenTelemetry.get()
                  .getLogsBridge()
                  .get("orders")
                  .logRecordBuilder()
                  .setSeverity(Severity.INFO)
                  .setBody("order received")
                  .emit();
              LgtmHttpServerTest.reply(exchange, 200, "ok");
            }));
    LgtmHttpServer.trace(server.createContext("/down", LgtmHttpServerTest.respond(503, "down")));
    LgtmHttpServer.trace(
        server.createContext(
            "/fail",
            exchange -> {
              throw new IllegalStateException("inventory unreachable");
            }));
    server.start();
    client = LgtmHttpClient.wrap(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build());
  }

  @AfterEach
  void stop() {
    LoopbackServers.stop(server);
    handle.close();
    GlobalOpenTelemetry.resetForTest();
  }

  @Test
  void oneTraceFromTheCallerThroughTheClientToTheServerWithTheHandlersLog(LgtmBackend lgtm)
      throws Exception {
    Span checkout = GlobalOpenTelemetry.getTracer("shop").spanBuilder("checkout").startSpan();
    try (Scope ignored = checkout.makeCurrent()) {
      HttpResponse<String> response = client.send(get("/orders/7"), HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(200);
    } finally {
      checkout.end();
    }

    lgtm.assertTraces().hasSpan("checkout").isRoot().withChild("GET");
    lgtm.assertTraces()
        .hasSpan("GET")
        .withKind(SpanKind.CLIENT)
        .withParent("checkout")
        .withChild("GET /orders")
        .withAttribute("http.request.method", "GET")
        .withAttribute("http.response.status_code", 200)
        .withAttribute("server.address", "127.0.0.1")
        .withAttribute("server.port", port());
    lgtm.assertTraces()
        .hasSpan("GET /orders")
        .withKind(SpanKind.SERVER)
        .withStatus(StatusCode.UNSET)
        .withParent("GET")
        .inSameTraceAs("checkout")
        .withAttribute("http.route", "/orders")
        .withAttribute("http.request.method", "GET")
        .withAttribute("http.response.status_code", 200)
        .withAttribute("url.path", "/orders/7")
        .withResourceAttribute("service.name", "orders");
    lgtm.assertLogs()
        .hasRecord("order received")
        .withSeverity(Severity.INFO)
        .inTraceOf("checkout")
        .inSpan("GET /orders");
  }

  @Test
  void theTestIdTravelsAsBaggageToTheServerAndIsStampedOnItsSpanAndLog(LgtmBackend lgtm)
      throws Exception {
    HttpResponse<String> response = client.send(get("/orders/8"), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);

    String testId = lgtm.testId().orElseThrow();
    lgtm.assertTraces().hasSpan("GET").withAttribute("lgtm.test.id", testId);
    // the server span starts on the server's thread, from the W3C baggage header the client sent
    lgtm.assertTraces().hasSpan("GET /orders").withAttribute("lgtm.test.id", testId);
    lgtm.assertLogs().hasRecord("order received").withAttribute("lgtm.test.id", testId);
  }

  @Test
  void requestDurationHistogramsArriveWithTheirAttributes(LgtmBackend lgtm) throws Exception {
    client.send(get("/orders/1"), HttpResponse.BodyHandlers.discarding());
    client.send(get("/orders/2"), HttpResponse.BodyHandlers.discarding());

    lgtm.assertMetrics()
        .hasHistogram("http.server.request.duration")
        .withUnit("s")
        .withCount(2)
        .withAttribute("http.request.method", "GET")
        .withAttribute("http.route", "/orders")
        .withAttribute("http.response.status_code", 200)
        .withAttribute("url.scheme", "http")
        .withAttribute("network.protocol.version", "1.1");
    lgtm.assertMetrics()
        .hasHistogram("http.client.request.duration")
        .withUnit("s")
        .withCount(2)
        .withAttribute("http.request.method", "GET")
        .withAttribute("http.response.status_code", 200)
        .withAttribute("server.address", "127.0.0.1")
        .withAttribute("server.port", port());
  }

  @Test
  void serverErrorsAndHandlerExceptionsMarkTheServerSpan(LgtmBackend lgtm) throws Exception {
    assertThat(client.send(get("/down"), HttpResponse.BodyHandlers.discarding()).statusCode())
        .isEqualTo(503);
    // The JDK server answers a handler exception by closing the connection; tracing rethrows, so that stays.
    assertThatThrownBy(() -> client.send(get("/fail"), HttpResponse.BodyHandlers.discarding()))
        .isInstanceOf(IOException.class);

    lgtm.assertTraces()
        .hasSpan("GET /down")
        .withStatus(StatusCode.ERROR)
        .withAttribute("http.response.status_code", 503)
        .withAttribute("error.type", "503");
    lgtm.assertTraces()
        .hasSpan("GET /fail")
        .withKind(SpanKind.SERVER)
        .withStatus(StatusCode.ERROR)
        .withException(IllegalStateException.class)
        .withAttribute("error.type", IllegalStateException.class.getName());
    lgtm.assertMetrics()
        .hasHistogram("http.server.request.duration")
        .withAttribute("http.route", "/fail")
        .withAttribute("error.type", IllegalStateException.class.getName());
  }

  private HttpRequest get(String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port() + path))
        .timeout(Duration.ofSeconds(10))
        .build();
  }

  private int port() {
    return server.getAddress().getPort();
  }
}
