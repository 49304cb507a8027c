package io.github.lgtmbootstrap.core.http;

import static io.opentelemetry.sdk.testing.assertj.OpenTelemetryAssertions.assertThat;
import static io.opentelemetry.sdk.testing.assertj.OpenTelemetryAssertions.equalTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.semconv.ErrorAttributes;
import io.opentelemetry.semconv.HttpAttributes;
import io.opentelemetry.semconv.NetworkAttributes;
import io.opentelemetry.semconv.UrlAttributes;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LgtmHttpServerTest {

  private final InMemoryTelemetry telemetry = new InMemoryTelemetry();
  private final HttpClient plainClient =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private HttpServer server;

  @BeforeEach
  void startServer() throws IOException {
    server = LoopbackServers.create();
    server.start();
  }

  @AfterEach
  void stop() {
    LoopbackServers.stop(server);
    telemetry.close();
  }

  @Test
  void serverSpanIsNamedByMethodAndRouteWithStatusAndUrl() throws Exception {
    LgtmHttpServer.trace(server.createContext("/orders", respond(200, "ok")), telemetry.sdk);

    HttpResponse<String> response = get("/orders/42?expand=items");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("ok");
    SpanData span = telemetry.awaitSpan("GET /orders");
    assertThat(span)
        .hasKind(SpanKind.SERVER)
        .hasParentSpanId(SpanContext.getInvalid().getSpanId())
        .hasStatus(io.opentelemetry.sdk.trace.data.StatusData.unset())
        .hasAttributesSatisfying(
            equalTo(HttpAttributes.HTTP_ROUTE, "/orders"),
            equalTo(HttpAttributes.HTTP_REQUEST_METHOD, "GET"),
            equalTo(HttpAttributes.HTTP_RESPONSE_STATUS_CODE, 200L),
            equalTo(UrlAttributes.URL_PATH, "/orders/42"),
            equalTo(UrlAttributes.URL_QUERY, "expand=items"),
            equalTo(UrlAttributes.URL_SCHEME, "http"),
            equalTo(NetworkAttributes.NETWORK_PROTOCOL_VERSION, "1.1"));
  }

  @Test
  void clientErrorsLeaveTheServerSpanUnsetButServerErrorsMarkIt() throws Exception {
    LgtmHttpServer.trace(server.createContext("/missing", respond(404, "no")), telemetry.sdk);
    LgtmHttpServer.trace(server.createContext("/broken", respond(503, "down")), telemetry.sdk);

    assertThat(get("/missing").statusCode()).isEqualTo(404);
    assertThat(get("/broken").statusCode()).isEqualTo(503);

    assertThat(telemetry.awaitSpan("GET /missing"))
        .hasStatus(io.opentelemetry.sdk.trace.data.StatusData.unset())
        .hasAttributesSatisfying(equalTo(HttpAttributes.HTTP_RESPONSE_STATUS_CODE, 404L));
    SpanData broken = telemetry.awaitSpan("GET /broken");
    assertThat(broken.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(broken)
        .hasAttributesSatisfying(
            equalTo(HttpAttributes.HTTP_RESPONSE_STATUS_CODE, 503L),
            equalTo(ErrorAttributes.ERROR_TYPE, "503"));
  }

  @Test
  void handlerExceptionIsRecordedMarkedAsErrorAndRethrown() throws Exception {
    HttpContext context =
        server.createContext(
            "/fail",
            exchange -> {
              throw new IllegalStateException("stock service gone");
            });
    // A user filter in front of ours sees what the handler threw: proof that the tracing filter rethrows it.
    AtomicReference<Throwable> seenOutside = new AtomicReference<>();
    context.getFilters().add(LgtmHttpServer.filter(telemetry.sdk));
    context.getFilters().add(0, catchingFilter(seenOutside));

    assertThat(get("/fail").statusCode()).isEqualTo(500);

    SpanData span = telemetry.awaitSpan("GET /fail");
    assertThat(seenOutside.get())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("stock service gone");
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(span)
        .hasAttributesSatisfying(
            equalTo(ErrorAttributes.ERROR_TYPE, IllegalStateException.class.getName()));
    List<EventData> events = span.getEvents();
    assertThat(events).extracting(EventData::getName).containsExactly("exception");
    assertThat(events.get(0).getAttributes().asMap().toString())
        .contains("stock service gone")
        .contains(IllegalStateException.class.getName());
  }

  @Test
  void spanIsCurrentWhileTheHandlerRunsSoItsLogsAndChildSpansJoinTheTrace() throws Exception {
    AtomicReference<SpanContext> inHandler = new AtomicReference<>();
    LgtmHttpServer.trace(
        server.createContext(
            "/work",
            exchange -> {
              inHandler.set(Span.current().getSpanContext());
              telemetry.sdk.getLogsBridge().get("test").logRecordBuilder().setBody("handling").emit();
              telemetry.sdk.getTracer("test").spanBuilder("lookup").startSpan().end();
              reply(exchange, 200, "done");
            }),
        telemetry.sdk);

    get("/work");

    SpanData server = telemetry.awaitSpan("GET /work");
    SpanData child = telemetry.awaitSpan("lookup");
    assertThat(inHandler.get()).isEqualTo(server.getSpanContext());
    assertThat(child).hasTraceId(server.getTraceId()).hasParentSpanId(server.getSpanId());
    List<LogRecordData> logs = telemetry.logs.getFinishedLogRecordItems();
    assertThat(logs).hasSize(1);
    assertThat(logs.get(0).getSpanContext()).isEqualTo(server.getSpanContext());
  }

  @Test
  void incomingTraceparentBecomesTheParent() throws Exception {
    LgtmHttpServer.trace(server.createContext("/child", respond(200, "ok")), telemetry.sdk);
    String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
    String parentId = "00f067aa0ba902b7";

    plainClient.send(
        HttpRequest.newBuilder(uri("/child"))
            .header("traceparent", "00-" + traceId + "-" + parentId + "-01")
            .build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(telemetry.awaitSpan("GET /child")).hasTraceId(traceId).hasParentSpanId(parentId);
  }

  @Test
  void requestDurationHistogramCarriesTheDocumentedAttributes() throws Exception {
    LgtmHttpServer.trace(server.createContext("/orders", respond(201, "created")), telemetry.sdk);

    get("/orders/1");
    get("/orders/2");
    telemetry.awaitSpan("GET /orders");

    MetricData metric = telemetry.metric("http.server.request.duration");
    assertThat(metric).hasUnit("s");
    List<HistogramPointData> points = List.copyOf(metric.getHistogramData().getPoints());
    assertThat(points).hasSize(1);
    HistogramPointData point = points.get(0);
    assertThat(point.getCount()).isEqualTo(2);
    assertThat(point.getAttributes().asMap())
        .containsEntry(HttpAttributes.HTTP_REQUEST_METHOD, "GET")
        .containsEntry(HttpAttributes.HTTP_ROUTE, "/orders")
        .containsEntry(HttpAttributes.HTTP_RESPONSE_STATUS_CODE, 201L)
        .containsEntry(UrlAttributes.URL_SCHEME, "http")
        .containsEntry(NetworkAttributes.NETWORK_PROTOCOL_VERSION, "1.1")
        // high-cardinality values stay off metrics
        .doesNotContainKey(UrlAttributes.URL_PATH);
  }

  @Test
  void handlerCanRefineTheRouteForSpanNameAttributeAndMetric() throws Exception {
    LgtmHttpServer.trace(
        server.createContext(
            "/orders",
            exchange -> {
              LgtmHttpServer.updateRoute("/orders/{id}");
              reply(exchange, 200, "order");
            }),
        telemetry.sdk);

    get("/orders/42");

    SpanData span = telemetry.awaitSpan("GET /orders/{id}");
    assertThat(span).hasAttributesSatisfying(equalTo(HttpAttributes.HTTP_ROUTE, "/orders/{id}"));
    HistogramPointData point =
        List.copyOf(telemetry.metric("http.server.request.duration").getHistogramData().getPoints()).get(0);
    assertThat(point.getAttributes().asMap()).containsEntry(HttpAttributes.HTTP_ROUTE, "/orders/{id}");
  }

  @Test
  void updateRouteOutsideATracedRequestDoesNothing() {
    LgtmHttpServer.updateRoute("/nowhere");
    assertThat(Span.current().getSpanContext().isValid()).isFalse();
  }

  @Test
  void tracingTheSameContextTwiceAddsOneFilter() {
    HttpContext context = server.createContext("/twice", respond(200, "ok"));

    LgtmHttpServer.trace(context, telemetry.sdk);
    LgtmHttpServer.trace(context);

    assertThat(context.getFilters()).hasSize(1);
  }

  @Test
  void rejectsNullArgumentsByName() {
    assertThatThrownBy(() -> LgtmHttpServer.trace(null)).hasMessage("context");
    assertThatThrownBy(() -> LgtmHttpServer.filter(null)).hasMessage("openTelemetry");
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return plainClient.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  static HttpHandler respond(int status, String body) {
    return exchange -> reply(exchange, status, body);
  }

  static void reply(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static Filter catchingFilter(AtomicReference<Throwable> seen) {
    return new Filter() {
      @Override
      public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
        try {
          chain.doFilter(exchange);
        } catch (RuntimeException | IOException e) {
          seen.set(e);
          reply(exchange, 500, "failed");
        }
      }

      @Override
      public String description() {
        return "test: answers 500 for what the handler threw";
      }
    };
  }
}
