package io.github.lgtmbootstrap.testkit.embedded;

import static io.github.lgtmbootstrap.testkit.embedded.OtlpRequests.gzip;
import static io.github.lgtmbootstrap.testkit.embedded.OtlpRequests.spans;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lgtmbootstrap.testkit.model.Span;
import io.github.lgtmbootstrap.testkit.query.TelemetryQuery;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import okhttp3.Headers;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The gRPC receiver answers raw gRPC calls (OkHttp as an h2c client, not our code) with the status codes the gRPC
 * protocol and OTLP prescribe, and a rejected call leaves the store as it was.
 */
class OtlpGrpcReceiverTest {

  private static final String TRACES = "/opentelemetry.proto.collector.trace.v1.TraceService/Export";
  private static final int MAX_BYTES = 64 * 1024;
  private static final OkHttpClient CLIENT = new OkHttpClient.Builder()
      .protocols(List.of(Protocol.H2_PRIOR_KNOWLEDGE))
      .callTimeout(Duration.ofSeconds(30))
      .build();

  private EmbeddedBackend backend;

  @BeforeEach
  void start() {
    backend = EmbeddedBackend.builder().setMaxRequestBytes(MAX_BYTES).setGrpcPort(0).start();
    assertThat(call(TRACES, frame(0, spans("kept", 3).toByteArray()), null).status).isEqualTo("0");
  }

  @AfterEach
  void stop() {
    backend.close();
  }

  @AfterAll
  static void closeClient() {
    CLIENT.dispatcher().executorService().shutdown();
    CLIENT.connectionPool().evictAll();
  }

  @Test
  void acceptsAnExportAndAnswersWithAnEmptyResponseAndStatusOk() throws IOException {
    Answer answer = call(TRACES, frame(0, spans("more", 2).toByteArray()), null);

    assertThat(answer.status).isEqualTo("0");
    assertThat(answer.body).hasSize(5);
    assertThat(ExportTraceServiceResponse.parseFrom(Arrays.copyOfRange(answer.body, 5, answer.body.length))
        .hasPartialSuccess()).as("partial_success stays unset when all is accepted").isFalse();
    assertThat(spanNames()).containsExactly("kept-0", "kept-1", "kept-2", "more-0", "more-1");
    assertThat(backend.receivedSpans()).isEqualTo(5);
  }

  @Test
  void acceptsGzip() {
    Answer answer = call(TRACES, frame(1, gzip(spans("zipped", 2).toByteArray())), "gzip");

    assertThat(answer.status).isEqualTo("0");
    assertThat(spanNames()).contains("zipped-0", "zipped-1");
  }

  @Test
  void invalidProtobufIsInvalidArgument() {
    Answer answer = call(TRACES, frame(0, new byte[] {(byte) 0x0a, (byte) 0xff, 1}), null);

    assertThat(answer.status).isEqualTo("3");
    assertThat(answer.message).contains("not a valid OTLP traces export request");
    assertThat(spanNames()).hasSize(3);
  }

  @Test
  void invalidGzipIsInvalidArgument() {
    assertThat(call(TRACES, frame(1, new byte[] {1, 2, 3}), "gzip").status).isEqualTo("3");
  }

  @Test
  void oversizedMessageIsResourceExhausted() {
    Answer tooLarge = call(TRACES, frame(0, new byte[MAX_BYTES + 1]), null);
    Answer tooLargeAfterGunzip = call(TRACES, frame(1, gzip(new byte[MAX_BYTES * 4])), "gzip");

    assertThat(tooLarge.status).isEqualTo("8");
    assertThat(tooLarge.message).contains("exceeds the limit of " + MAX_BYTES + " bytes");
    assertThat(tooLargeAfterGunzip.status).isEqualTo("8");
    assertThat(tooLargeAfterGunzip.message).contains("after gunzip");
    assertThat(spanNames()).hasSize(3);
  }

  @Test
  void unknownServiceOrMethodIsUnimplemented() {
    Answer service = call("/grpc.health.v1.Health/Check", frame(0, new byte[0]), null);
    Answer method = call("/opentelemetry.proto.collector.trace.v1.TraceService/Other", frame(0, new byte[0]), null);

    assertThat(service.status).isEqualTo("12");
    assertThat(service.message).contains("unknown method /grpc.health.v1.Health/Check");
    assertThat(method.status).isEqualTo("12");
  }

  @Test
  void unknownCompressionIsUnimplemented() {
    assertThat(call(TRACES, frame(1, new byte[] {1}), "snappy").status).isEqualTo("12");
  }

  @Test
  void aCallWithoutItsMessageIsInvalidArgument() {
    assertThat(call(TRACES, new byte[0], null).status).isEqualTo("3");
    assertThat(call(TRACES, Arrays.copyOf(frame(0, spans("cut", 1).toByteArray()), 20), null).status)
        .isEqualTo("3");
  }

  @Test
  void servesTheEndpointItAnnouncesAndRefusesGrpcWithoutTheHttpPort() {
    assertThat(backend.otlpGrpcEndpoint()).hasValueSatisfying(endpoint -> assertThat(endpoint)
        .startsWith("http://127.0.0.1:").isNotEqualTo(backend.otlpEndpoint()));
    assertThat(backend.toString()).contains("grpc " + backend.otlpGrpcEndpoint().orElseThrow());
    try (EmbeddedBackend httpOnly = EmbeddedBackend.builder().start()) {
      assertThat(httpOnly.otlpGrpcEndpoint()).isEmpty();
    }
  }

  @Test
  void rejectsAnInvalidGrpcPortAndAPortInUse() {
    assertThatThrownBy(() -> EmbeddedBackend.builder().setGrpcPort(70_000).start())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("grpcPort 70000 is out of range");
    int taken = Integer.parseInt(backend.otlpGrpcEndpoint().orElseThrow().replaceAll(".*:", ""));
    assertThatThrownBy(() -> EmbeddedBackend.builder().setGrpcPort(taken).start())
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("Cannot listen for OTLP/gRPC on 127.0.0.1:" + taken);
  }

  @Test
  void percentEncodesGrpcMessages() {
    assertThat(OtlpGrpcReceiver.percentEncode("100% sure: ü\n")).isEqualTo("100%25 sure: %C3%BC%0A");
  }

  private List<String> spanNames() {
    return backend.spans(TelemetryQuery.since(Instant.EPOCH)).items().stream().map(Span::name).toList();
  }

  /** A gRPC length-prefixed message. */
  private static byte[] frame(int compressed, byte[] message) {
    return ByteBuffer.allocate(5 + message.length).put((byte) compressed).putInt(message.length).put(message)
        .array();
  }

  private record Answer(String status, String message, byte[] body) {}

  private Answer call(String path, byte[] body, String encoding) {
    Request.Builder request = new Request.Builder()
        .url(backend.otlpGrpcEndpoint().orElseThrow() + path)
        .header("te", "trailers")
        .post(RequestBody.create(body, MediaType.get("application/grpc")));
    if (encoding != null) {
      request.header("grpc-encoding", encoding);
    }
    try (Response response = CLIENT.newCall(request.build()).execute()) {
      assertThat(response.code()).isEqualTo(200);
      byte[] bytes = response.body().bytes();
      // A trailers-only answer carries the status in its headers; a full one in the trailers after the body.
      Headers trailers = response.header("grpc-status") != null ? response.headers() : response.trailers();
      return new Answer(trailers.get("grpc-status"), trailers.get("grpc-message"), bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
