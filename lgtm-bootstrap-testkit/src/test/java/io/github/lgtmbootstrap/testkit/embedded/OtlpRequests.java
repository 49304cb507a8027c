package io.github.lgtmbootstrap.testkit.embedded;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.zip.GZIPOutputStream;

/** Raw OTLP requests for receiver tests: protobuf bodies built with opentelemetry-proto, sent with the JDK client. */
final class OtlpRequests {

  private static final HttpClient CLIENT = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5))
      .build();

  private OtlpRequests() {}

  static ExportTraceServiceRequest spans(String prefix, int count) {
    ScopeSpans.Builder scope = ScopeSpans.newBuilder();
    for (int i = 0; i < count; i++) {
      scope.addSpans(Span.newBuilder()
          .setTraceId(ByteString.copyFrom(id(16, i + 1)))
          .setSpanId(ByteString.copyFrom(id(8, i + 1)))
          .setName(prefix + "-" + i)
          .setKind(Span.SpanKind.SPAN_KIND_SERVER)
          .setStartTimeUnixNano(1_000_000_000L)
          .setEndTimeUnixNano(2_000_000_000L)
          .addAttributes(KeyValue.newBuilder().setKey("i").setValue(AnyValue.newBuilder().setIntValue(i))));
    }
    return ExportTraceServiceRequest.newBuilder()
        .addResourceSpans(ResourceSpans.newBuilder()
            .setResource(Resource.newBuilder().addAttributes(KeyValue.newBuilder().setKey("service.name")
                .setValue(AnyValue.newBuilder().setStringValue("raw-test"))))
            .addScopeSpans(scope))
        .build();
  }

  private static byte[] id(int length, int value) {
    byte[] bytes = new byte[length];
    for (int i = 0; i < 4; i++) {
      bytes[length - 1 - i] = (byte) (value >>> (8 * i));
    }
    bytes[0] = 0x7f;
    return bytes;
  }

  static HttpResponse<byte[]> post(String url, String contentType, byte[] body, String contentEncoding) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
        .timeout(Duration.ofSeconds(10))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    if (contentEncoding != null) {
      request.header("Content-Encoding", contentEncoding);
    }
    return send(request.build());
  }

  static HttpResponse<byte[]> send(HttpRequest request) {
    try {
      return CLIENT.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static byte[] gzip(byte[] body) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
      out.write(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  static String text(HttpResponse<byte[]> response) {
    return new String(response.body(), java.nio.charset.StandardCharsets.UTF_8);
  }

}
