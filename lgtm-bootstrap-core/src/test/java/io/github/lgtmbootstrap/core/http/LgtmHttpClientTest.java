package io.github.lgtmbootstrap.core.http;

import static io.opentelemetry.sdk.testing.assertj.OpenTelemetryAssertions.assertThat;
import static io.opentelemetry.sdk.testing.assertj.OpenTelemetryAssertions.equalTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.semconv.ErrorAttributes;
import io.opentelemetry.semconv.HttpAttributes;
import io.opentelemetry.semconv.ServerAttributes;
import io.opentelemetry.semconv.UrlAttributes;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LgtmHttpClientTest {

  private final InMemoryTelemetry telemetry = new InMemoryTelemetry();
  private final AtomicReference<String> traceparentSeen = new AtomicReference<>();
  private HttpServer server;
  private HttpClient client;

  @BeforeEach
  void start() throws IOException {
    server = LoopbackServers.create();
    // The back end: traced by the same SDK, so a request through the wrapped client is one trace.
    LgtmHttpServer.trace(
        server.createContext(
            "/stock",
            exchange -> {
              traceparentSeen.set(exchange.getRequestHeaders().getFirst("traceparent"));
              LgtmHttpServerTest.reply(exchange, 200, "7");
            }),
        telemetry.sdk);
    server.createContext("/gone", LgtmHttpServerTest.respond(503, "down"));
    server.start();
    client =
        LgtmHttpClient.wrap(
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(), telemetry.sdk);
  }

  @AfterEach
  void stop() {
    LoopbackServers.stop(server);
    telemetry.close();
  }

  @Test
  void clientAndServerSpansFormOneTraceUnderTheCallersSpan() throws Exception {
    Span parent = telemetry.sdk.getTracer("test").spanBuilder("checkout").startSpan();
    HttpResponse<String> response;
    try (Scope ignored = parent.makeCurrent()) {
      response = client.send(request("/stock?sku=42"), HttpResponse.BodyHandlers.ofString());
    } finally {
      parent.end();
    }

    assertThat(response.body()).isEqualTo("7");
    SpanData serverSpan = telemetry.awaitSpan("GET /stock");
    SpanData clientSpan =
        telemetry.awaitSpan("of kind CLIENT", s -> s.getKind() == SpanKind.CLIENT);
    String traceId = parent.getSpanContext().getTraceId();
    assertThat(clientSpan)
        .hasName("GET")
        .hasTraceId(traceId)
        .hasParentSpanId(parent.getSpanContext().getSpanId())
        .hasAttributesSatisfying(
            equalTo(HttpAttributes.HTTP_REQUEST_METHOD, "GET"),
            equalTo(HttpAttributes.HTTP_RESPONSE_STATUS_CODE, 200L),
            equalTo(UrlAttributes.URL_FULL, uri("/stock?sku=42").toString()),
            equalTo(ServerAttributes.SERVER_ADDRESS, "127.0.0.1"),
            equalTo(ServerAttributes.SERVER_PORT, (long) server.getAddress().getPort()));
    assertThat(serverSpan)
        .hasKind(SpanKind.SERVER)
        .hasTraceId(traceId)
        .hasParentSpanId(clientSpan.getSpanId());
    assertThat(traceparentSeen.get()).contains(clientSpan.getSpanId());
  }

  @Test
  void theCallersRequestIsNotChanged() throws Exception {
    HttpRequest original = request("/stock");

    client.send(original, HttpResponse.BodyHandlers.discarding());

    assertThat(traceparentSeen.get()).isNotNull();
    assertThat(original.headers().firstValue("traceparent")).isEmpty();
  }

  @Test
  void aTraceparentTheCallerSetIsReplacedNotDuplicated() throws Exception {
    HttpRequest stale =
        HttpRequest.newBuilder(uri("/stock"))
            .header("traceparent", "00-11111111111111111111111111111111-2222222222222222-01")
            .build();

    client.send(stale, HttpResponse.BodyHandlers.discarding());

    SpanData clientSpan =
        telemetry.awaitSpan("of kind CLIENT", s -> s.getKind() == SpanKind.CLIENT);
    // The flags byte is the SDK's business (sampled, and the W3C level-2 random flag in recent SDKs).
    assertThat(traceparentSeen.get())
        .startsWith("00-" + clientSpan.getTraceId() + "-" + clientSpan.getSpanId() + "-")
        .hasSize(55);
  }

  @Test
  void sendAsyncEndsTheSpanWhenTheResponseArrivesAndPropagates() throws Exception {
    AtomicReference<Boolean> endedBeforeCallback = new AtomicReference<>();
    HttpResponse<String> response =
        client
            .sendAsync(request("/stock"), HttpResponse.BodyHandlers.ofString())
            .whenComplete(
                (r, e) ->
                    endedBeforeCallback.set(
                        telemetry.spans.getFinishedSpanItems().stream()
                            .anyMatch(s -> s.getKind() == SpanKind.CLIENT)))
            .get(10, TimeUnit.SECONDS);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(endedBeforeCallback.get()).as("client span ended before the caller's callback ran").isTrue();
    SpanData clientSpan =
        telemetry.awaitSpan("of kind CLIENT", s -> s.getKind() == SpanKind.CLIENT);
    SpanData serverSpan = telemetry.awaitSpan("GET /stock");
    assertThat(serverSpan)
        .hasTraceId(clientSpan.getTraceId())
        .hasParentSpanId(clientSpan.getSpanId());
    assertThat(clientSpan).hasAttributesSatisfying(equalTo(HttpAttributes.HTTP_RESPONSE_STATUS_CODE, 200L));
  }

  @Test
  void cancellingSendAsyncEndsTheSpanWithTheCancellation() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    server.createContext(
        "/slow",
        exchange -> {
          try {
            release.await(10, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          LgtmHttpServerTest.reply(exchange, 200, "late");
        });
    try {
      CompletableFuture<HttpResponse<String>> future =
          client.sendAsync(request("/slow"), HttpResponse.BodyHandlers.ofString());

      assertThat(future.cancel(true)).isTrue();

      SpanData span = telemetry.awaitSpan("of kind CLIENT", s -> s.getKind() == SpanKind.CLIENT);
      assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
      assertThat(span)
          .hasAttributesSatisfying(
              equalTo(ErrorAttributes.ERROR_TYPE, CancellationException.class.getName()));
    } finally {
      release.countDown();
    }
  }

  @Test
  void serverErrorResponsesMarkTheClientSpan() throws Exception {
    assertThat(client.send(request("/gone"), HttpResponse.BodyHandlers.ofString()).statusCode())
        .isEqualTo(503);

    SpanData span = telemetry.awaitSpan("of kind CLIENT", s -> s.getKind() == SpanKind.CLIENT);
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(span).hasAttributesSatisfying(equalTo(ErrorAttributes.ERROR_TYPE, "503"));
  }

  @Test
  void connectionFailureIsRecordedAndRethrownUnchangedForSendAndSendAsync() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    HttpRequest refused = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + closedPort + "/")).build();

    assertThatThrownBy(() -> client.send(refused, HttpResponse.BodyHandlers.discarding()))
        .isInstanceOf(ConnectException.class);
    assertThatThrownBy(
            () -> client.sendAsync(refused, HttpResponse.BodyHandlers.discarding()).get(10, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(ConnectException.class);

    List<SpanData> spans = telemetry.spans.getFinishedSpanItems();
    assertThat(spans).hasSize(2);
    for (SpanData span : spans) {
      assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
      assertThat(span)
          .hasAttributesSatisfying(equalTo(ErrorAttributes.ERROR_TYPE, ConnectException.class.getName()));
      assertThat(span.getEvents()).extracting(e -> e.getName()).containsExactly("exception");
    }
  }

  @Test
  void requestDurationHistogramCarriesTheDocumentedAttributes() throws Exception {
    client.send(request("/stock"), HttpResponse.BodyHandlers.discarding());
    telemetry.awaitSpan("GET /stock");

    MetricData metric = telemetry.metric("http.client.request.duration");
    assertThat(metric).hasUnit("s");
    HistogramPointData point = List.copyOf(metric.getHistogramData().getPoints()).get(0);
    assertThat(point.getCount()).isEqualTo(1);
    assertThat(point.getAttributes().asMap())
        .containsEntry(HttpAttributes.HTTP_REQUEST_METHOD, "GET")
        .containsEntry(HttpAttributes.HTTP_RESPONSE_STATUS_CODE, 200L)
        .containsEntry(ServerAttributes.SERVER_ADDRESS, "127.0.0.1")
        .containsEntry(ServerAttributes.SERVER_PORT, (long) server.getAddress().getPort())
        .doesNotContainKey(UrlAttributes.URL_FULL);
  }

  @Test
  void wrapperBuiltBeforeTheGlobalIsSetTracesOnceItIs() throws Exception {
    HttpClient early = LgtmHttpClient.wrap(HttpClient.newHttpClient());
    try {
      early.send(request("/gone"), HttpResponse.BodyHandlers.discarding());
      assertThat(telemetry.spans.getFinishedSpanItems())
          .noneMatch(s -> s.getKind() == SpanKind.CLIENT);

      GlobalOpenTelemetry.set(telemetry.sdk);
      early.send(request("/gone"), HttpResponse.BodyHandlers.discarding());

      assertThat(telemetry.awaitSpan("of kind CLIENT", s -> s.getKind() == SpanKind.CLIENT))
          .hasAttributesSatisfying(equalTo(HttpAttributes.HTTP_RESPONSE_STATUS_CODE, 503L));
    } finally {
      GlobalOpenTelemetry.resetForTest();
    }
  }

  @Test
  void wrappingIsIdempotentAndKeepsTheDelegatesConfiguration() {
    HttpClient configured =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(3))
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();

    HttpClient wrapped = LgtmHttpClient.wrap(configured);

    assertThat(LgtmHttpClient.wrap(wrapped)).isSameAs(wrapped);
    assertThat(wrapped.connectTimeout()).contains(Duration.ofSeconds(3));
    assertThat(wrapped.followRedirects()).isEqualTo(HttpClient.Redirect.NORMAL);
    assertThatThrownBy(() -> LgtmHttpClient.wrap(null)).hasMessage("client");
  }

  private HttpRequest request(String path) {
    return HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10)).build();
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }
}
