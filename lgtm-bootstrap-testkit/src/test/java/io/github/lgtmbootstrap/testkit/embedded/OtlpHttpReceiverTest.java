package io.github.lgtmbootstrap.testkit.embedded;

import static io.github.lgtmbootstrap.testkit.embedded.OtlpRequests.gzip;
import static io.github.lgtmbootstrap.testkit.embedded.OtlpRequests.post;
import static io.github.lgtmbootstrap.testkit.embedded.OtlpRequests.spans;
import static io.github.lgtmbootstrap.testkit.embedded.OtlpRequests.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.CodedInputStream;
import io.github.lgtmbootstrap.testkit.model.LogEntry;
import io.github.lgtmbootstrap.testkit.model.Metric;
import io.github.lgtmbootstrap.testkit.model.NumberPoint;
import io.github.lgtmbootstrap.testkit.model.Span;
import io.github.lgtmbootstrap.testkit.query.TelemetryQuery;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The receiver answers every request as OTLP/HTTP prescribes and never loses stored data to a bad one. */
class OtlpHttpReceiverTest {

  private static final String PROTOBUF = "application/x-protobuf";
  private static final String JSON = "application/json";

  private EmbeddedBackend backend;
  private String traces;

  @BeforeEach
  void start() {
    backend = EmbeddedBackend.builder().setMaxRequestBytes(64 * 1024).start();
    traces = backend.otlpEndpoint() + "/v1/traces";
    // Data that every bad request below must leave intact.
    assertThat(post(traces, PROTOBUF, spans("kept", 3).toByteArray(), null).statusCode()).isEqualTo(200);
  }

  @AfterEach
  void stop() {
    backend.close();
  }

  @Test
  void acceptsProtobufAndAnswersWithAnExportResponse() throws IOException {
    HttpResponse<byte[]> response = post(traces, PROTOBUF, spans("more", 2).toByteArray(), null);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).contains(PROTOBUF);
    assertThat(ExportTraceServiceResponse.parseFrom(response.body()).hasPartialSuccess()).isFalse();
    assertThat(allSpans()).hasSize(5);
    Span span = allSpans().get(3);
    assertThat(span.name()).isEqualTo("more-0");
    assertThat(span.kind()).isEqualTo(SpanKind.SERVER);
    assertThat(span.traceId()).isEqualTo("7f000000000000000000000000000001");
    assertThat(span.spanId()).isEqualTo("7f00000000000001");
    assertThat(span.attributes()).isEqualTo(Map.of("i", 0L));
    assertThat(span.resource()).containsEntry("service.name", "raw-test");
  }

  @Test
  void acceptsGzippedProtobuf() {
    HttpResponse<byte[]> response = post(traces, PROTOBUF, gzip(spans("zipped", 4).toByteArray()), "gzip");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(allSpans()).extracting(Span::name).contains("zipped-0", "zipped-3");
  }

  @Test
  void decodesOtlpJsonWithHexIdsAndIntegerEnums() {
    String json = """
        {"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"json-app"}}]},
         "scopeSpans":[{"scope":{"name":"manual","version":"1.0"},"spans":[{
           "traceId":"5B8EFFF798038103D269B633813FC60C","spanId":"eee19b7ec3c1b174","parentSpanId":"eee19b7ec3c1b173",
           "name":"jsonSpan","kind":3,"startTimeUnixNano":"1544712660000000000","endTimeUnixNano":1544712661000000000,
           "attributes":[{"key":"http.status","value":{"intValue":"200"}},{"key":"ok","value":{"boolValue":true}},
                         {"key":"tags","value":{"arrayValue":{"values":[{"stringValue":"a"},{"doubleValue":1.5}]}}}],
           "events":[{"name":"exception","timeUnixNano":"1544712660500000000",
                      "attributes":[{"key":"exception.type","value":{"stringValue":"java.io.IOException"}}]}],
           "status":{"code":2,"message":"boom"},"unknownField":"ignored"}]}]}]}
        """;
    HttpResponse<byte[]> response = post(traces, JSON + "; charset=utf-8", json.getBytes(StandardCharsets.UTF_8), null);

    assertThat(response.statusCode()).as(text(response)).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).contains(JSON);
    assertThat(text(response)).isEqualTo("{}");
    Span span = backend.spans(TelemetryQuery.since(Instant.EPOCH).withName("jsonSpan")).items().get(0);
    assertThat(span.traceId()).isEqualTo("5b8efff798038103d269b633813fc60c");
    assertThat(span.spanId()).isEqualTo("eee19b7ec3c1b174");
    assertThat(span.parentSpanId()).isEqualTo("eee19b7ec3c1b173");
    assertThat(span.kind()).isEqualTo(SpanKind.CLIENT);
    assertThat(span.statusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(span.statusMessage()).isEqualTo("boom");
    assertThat(span.duration()).isEqualTo(Duration.ofSeconds(1));
    assertThat(span.attributes()).containsEntry("http.status", 200L).containsEntry("ok", true)
        .containsEntry("tags", List.of("a", 1.5));
    assertThat(span.events()).singleElement().satisfies(event ->
        assertThat(event.attributes()).containsEntry("exception.type", "java.io.IOException"));
    assertThat(span.scope().name()).isEqualTo("manual");
    assertThat(span.serviceName()).isEqualTo("json-app");
  }

  @Test
  void decodesJsonLogsAndMetrics() {
    String logs = """
        {"resourceLogs":[{"scopeLogs":[{"logRecords":[{"timeUnixNano":"1","severityNumber":13,"severityText":"WARN",
          "body":{"stringValue":"disk low"},"traceId":"5b8efff798038103d269b633813fc60c","spanId":"eee19b7ec3c1b174",
          "attributes":[{"key":"free","value":{"doubleValue":0.5}}]}]}]}]}
        """;
    String metrics = """
        {"resourceMetrics":[{"scopeMetrics":[{"metrics":[{"name":"queue.size","unit":"{item}",
          "sum":{"isMonotonic":false,"aggregationTemporality":2,"dataPoints":[{"asInt":"7",
          "attributes":[{"key":"queue","value":{"stringValue":"orders"}}],"timeUnixNano":"5"}]}}]}]}]}
        """;
    assertThat(post(backend.otlpEndpoint() + "/v1/logs", JSON, logs.getBytes(StandardCharsets.UTF_8), null)
        .statusCode()).isEqualTo(200);
    assertThat(post(backend.otlpEndpoint() + "/v1/metrics", JSON, metrics.getBytes(StandardCharsets.UTF_8), null)
        .statusCode()).isEqualTo(200);

    LogEntry log = backend.logs(TelemetryQuery.since(Instant.EPOCH)).items().get(0);
    assertThat(log.severity()).isEqualTo(Severity.WARN);
    assertThat(log.body()).isEqualTo("disk low");
    assertThat(log.traceId()).isEqualTo("5b8efff798038103d269b633813fc60c");
    assertThat(log.attributes()).containsEntry("free", 0.5);
    Metric metric = backend.metrics(TelemetryQuery.since(Instant.EPOCH)).items().get(0);
    assertThat(metric.name()).isEqualTo("queue.size");
    assertThat(metric.monotonic()).isFalse();
    assertThat(metric.points()).singleElement().isEqualTo(new NumberPoint(Map.of("queue", "orders"), 0, 5, 7));
  }

  @Test
  void malformedProtobufIs400WithAStatusMessage() throws IOException {
    byte[] truncatedField = {0x0a, 0x05, 0x01};
    HttpResponse<byte[]> response = post(traces, PROTOBUF, truncatedField, null);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.headers().firstValue("Content-Type")).contains(PROTOBUF);
    CodedInputStream status = CodedInputStream.newInstance(response.body());
    assertThat(status.readTag()).isEqualTo(8); // field 1, varint: code
    assertThat(status.readInt32()).isEqualTo(3); // INVALID_ARGUMENT
    assertThat(status.readTag()).isEqualTo(18); // field 2, length-delimited: message
    assertThat(status.readString()).contains("not a valid OTLP ExportTraceServiceRequest in protobuf");
    assertStillServingWithDataIntact();
  }

  @Test
  void jsonGarbageIs400WithAJsonStatus() {
    HttpResponse<byte[]> response = post(traces, JSON, "{not json".getBytes(StandardCharsets.UTF_8), null);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(text(response)).startsWith("{\"code\":3,\"message\":\"Body is not");
    assertStillServingWithDataIntact();
  }

  @Test
  void nonHexIdInJsonIs400NamingTheField() {
    String json = "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"traceId\":\"xyz\",\"name\":\"a\"}]}]}]}";
    HttpResponse<byte[]> response = post(traces, JSON, json.getBytes(StandardCharsets.UTF_8), null);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(text(response)).contains("traceId 'xyz' is not hex");
    assertStillServingWithDataIntact();
  }

  @Test
  void wrongContentTypeIs415() {
    HttpResponse<byte[]> response = post(traces, "text/plain", "hello".getBytes(StandardCharsets.UTF_8), null);

    assertThat(response.statusCode()).isEqualTo(415);
    assertThat(text(response)).contains("Unsupported Content-Type 'text/plain'")
        .contains("application/x-protobuf or application/json");
    assertThat(post(traces, null, new byte[0], null).statusCode()).isEqualTo(415);
    assertThat(post(traces, PROTOBUF, spans("x", 1).toByteArray(), "br").statusCode()).isEqualTo(415);
    assertStillServingWithDataIntact();
  }

  @Test
  void truncatedGzipIs400() {
    byte[] zipped = gzip(spans("cut", 50).toByteArray());
    byte[] truncated = Arrays.copyOf(zipped, zipped.length / 2);
    HttpResponse<byte[]> response = post(traces, PROTOBUF, truncated, "gzip");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(new String(response.body(), StandardCharsets.UTF_8)).contains("not valid gzip");
    assertStillServingWithDataIntact();
  }

  @Test
  void oversizedBodyIs413BeforeAndAfterGunzip() {
    byte[] big = spans("big", 2000).toByteArray();
    assertThat(big.length).isGreaterThan(64 * 1024);

    HttpResponse<byte[]> response = post(traces, PROTOBUF, big, null);
    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(new String(response.body(), StandardCharsets.UTF_8)).contains("exceeds the limit of 65536 bytes");

    byte[] bomb = gzip(new byte[1024 * 1024]);
    assertThat(bomb.length).isLessThan(64 * 1024);
    assertThat(post(traces, PROTOBUF, bomb, "gzip").statusCode()).isEqualTo(413);
    assertStillServingWithDataIntact();
  }

  @Test
  void wrongPathIs404AndWrongMethodIs405() {
    HttpResponse<byte[]> notFound = post(backend.otlpEndpoint() + "/v1/trace", PROTOBUF, new byte[0], null);
    assertThat(notFound.statusCode()).isEqualTo(404);
    assertThat(text(notFound)).contains("No OTLP endpoint at '/v1/trace'");

    HttpResponse<byte[]> get = OtlpRequests.send(HttpRequest.newBuilder(URI.create(traces)).GET().build());
    assertThat(get.statusCode()).isEqualTo(405);
    assertThat(get.headers().firstValue("Allow")).contains("POST");
    HttpResponse<byte[]> put = OtlpRequests.send(HttpRequest.newBuilder(URI.create(traces))
        .PUT(HttpRequest.BodyPublishers.ofString("x")).header("Content-Type", PROTOBUF).build());
    assertThat(put.statusCode()).isEqualTo(405);
    assertStillServingWithDataIntact();
  }

  @Test
  void grpcRequestIsRejectedWithTheFixInBodyAndLog() {
    List<String> warnings = new java.util.concurrent.CopyOnWriteArrayList<>();
    Logger logger = Logger.getLogger(OtlpHttpReceiver.class.getName());
    Handler capture = new Handler() {
      @Override
      public void publish(LogRecord record) {
        warnings.add(record.getLevel() + " " + record.getMessage());
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    logger.addHandler(capture);
    try {
      HttpResponse<byte[]> response = post(backend.otlpEndpoint()
          + "/opentelemetry.proto.collector.trace.v1.TraceService/Export", "application/grpc", new byte[5], null);

      assertThat(response.statusCode()).isEqualTo(415);
      assertThat(text(response)).contains("OTLP over HTTP only").contains("otel.exporter.otlp.protocol=http/protobuf");
      assertThat(warnings).anySatisfy(line -> assertThat(line).startsWith("WARNING")
          .contains("otel.exporter.otlp.protocol=http/protobuf"));
    } finally {
      logger.removeHandler(capture);
    }
    assertStillServingWithDataIntact();
  }

  @Test
  void queryLanguagesWaitForIssueSix() {
    TelemetryQuery scope = TelemetryQuery.since(Instant.EPOCH);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> backend.traceql("{ }", scope))
        .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("issue 6");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> backend.logql("{}", scope))
        .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("issue 6");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> backend.promql("up", scope))
        .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("issue 6");
  }

  private void assertStillServingWithDataIntact() {
    assertThat(post(traces, PROTOBUF, spans("after", 1).toByteArray(), null).statusCode()).isEqualTo(200);
    assertThat(allSpans()).extracting(Span::name).containsExactly("kept-0", "kept-1", "kept-2", "after-0");
  }

  private List<Span> allSpans() {
    return backend.spans(TelemetryQuery.since(Instant.EPOCH)).items();
  }
}
