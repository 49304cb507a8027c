package io.github.lgtmbootstrap.testkit.embedded;

import static io.github.lgtmbootstrap.testkit.embedded.OtlpRequests.gzip;
import static io.github.lgtmbootstrap.testkit.embedded.OtlpRequests.spans;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.lgtmbootstrap.testkit.model.LogEntry;
import io.github.lgtmbootstrap.testkit.model.Metric;
import io.github.lgtmbootstrap.testkit.model.Span;
import io.github.lgtmbootstrap.testkit.query.TelemetryQuery;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Clients that are slow, idle, lying or malicious cannot freeze or kill the receiver: while each abuse goes on, a
 * normal export is still answered, and the stored data is intact afterwards. Waits are generous (a loaded 2-core
 * machine); how fast the normal export actually is under abuse is measured by the benchmark, not here.
 */
class ReceiverAbuseTest {

  private static final String PROTOBUF = "application/x-protobuf";
  /** How long a normal request may take while the machine is loaded and the receiver abused. */
  private static final Duration GENEROUS = Duration.ofSeconds(30);
  private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(GENEROUS).build();

  private final List<Socket> abusers = new ArrayList<>();
  private final AtomicBoolean failNextRequest = new AtomicBoolean();
  private EmbeddedBackend backend;

  @BeforeEach
  void start() {
    backend = EmbeddedBackend.builder()
        .setListener(new TelemetryListener() {
          @Override
          public void onSpans(List<Span> spans) {
            if (failNextRequest.getAndSet(false)) {
              throw new OutOfMemoryError("simulated: Java heap space");
            }
          }

          @Override
          public void onLogs(List<LogEntry> logs) {}

          @Override
          public void onMetrics(List<Metric> metrics) {}
        })
        .start();
    assertThat(normalPost("kept", 3)).isEqualTo(200);
  }

  @AfterEach
  void stop() throws IOException {
    for (Socket socket : abusers) {
      socket.close();
    }
    backend.close();
  }

  @Test
  void connectionsThatSendHeadersButNeverTheBodyDoNotHoldTheReceiver() throws IOException {
    for (int i = 0; i < 8; i++) {
      Socket socket = abuser();
      socket.getOutputStream().write(head("Content-Length: 100"));
      socket.getOutputStream().flush();
    }

    assertStillServingWithDataIntact();
  }

  @Test
  void twoHundredConnectionsTricklingHeadersDoNotHoldTheReceiver() throws IOException {
    byte[] head = head("Content-Length: 10");
    for (int i = 0; i < 200; i++) {
      abuser();
    }
    // A few bytes of the head each, as a client sending one byte a second would have sent so far.
    for (int b = 0; b < 3; b++) {
      for (Socket socket : abusers) {
        socket.getOutputStream().write(head[b]);
        socket.getOutputStream().flush();
      }
    }

    assertStillServingWithDataIntact();
  }

  @Test
  void declaredLengthOverTheLimitIsAnswered413AtOnceAndTheConnectionClosed() throws IOException {
    Socket socket = abuser();
    socket.setSoTimeout((int) GENEROUS.toMillis());
    OutputStream out = socket.getOutputStream();
    out.write(head("Content-Length: 1000000000000"));
    out.write("0123456789".getBytes(StandardCharsets.US_ASCII));
    out.flush();

    String response = readUntilClosed(socket.getInputStream());
    assertThat(response).startsWith("HTTP/1.1 413 ").contains("Connection: close")
        .contains("Request body of 1000000000000 bytes exceeds the limit of " + EmbeddedBackend.DEFAULT_MAX_REQUEST_BYTES);
    assertStillServingWithDataIntact();
  }

  @Test
  void aHeadThatDoesNotArriveInTimeIsAnswered408AndClosed() throws IOException {
    backend.close();
    backend = EmbeddedBackend.builder()
        .setHttpLimits(new HttpFront.Limits(300, 60_000, 30_000, 0, 0, 1024)).start();
    Socket socket = abuser();
    socket.setSoTimeout((int) GENEROUS.toMillis());
    socket.getOutputStream().write("POST /v1/traces HTTP/1.1\r\nHost: x".getBytes(StandardCharsets.US_ASCII));
    socket.getOutputStream().flush();

    assertThat(readUntilClosed(socket.getInputStream())).startsWith("HTTP/1.1 408 ").contains("within 300 ms");
  }

  @Test
  void requestDecodingIntoMillionsOfEmptySpansIsRefusedBeforeDecoding() {
    // 2 bytes per empty span: 16 MiB of them gzip to ~16 KiB and would decode into ~8 million spans.
    int emptySpans = 8_000_000;
    ByteArrayOutputStream scopeSpans = new ByteArrayOutputStream();
    for (int i = 0; i < emptySpans; i++) {
      scopeSpans.write(0x12);
      scopeSpans.write(0);
    }
    byte[] body = wrap(1, wrap(2, scopeSpans.toByteArray()));
    assertThat(body.length).isLessThanOrEqualTo(EmbeddedBackend.DEFAULT_MAX_REQUEST_BYTES);
    byte[] zipped = gzip(body);
    assertThat(zipped.length).isLessThan(20 * 1024);

    HttpResponse<String> response = post(zipped, "gzip");

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(response.body()).contains("more than " + EmbeddedBackend.DEFAULT_MAX_ITEMS_PER_REQUEST + " items")
        .contains("maxItemsPerRequest");
    assertStillServingWithDataIntact();
  }

  @Test
  void jsonRequestWithTooManyObjectsIsRefusedBeforeDecoding() {
    StringBuilder json = new StringBuilder("{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{}");
    json.append(",{}".repeat(EmbeddedBackend.DEFAULT_MAX_ITEMS_PER_REQUEST + 1)).append("]}]}]}");
    HttpResponse<String> response = send(HttpRequest.newBuilder(traces())
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json.toString())));

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(response.body()).contains("maxItemsPerRequest");
    assertStillServingWithDataIntact();
  }

  @Test
  void itemsOfOneRequestShareTheirResourceAttributes() {
    Resource.Builder resource = Resource.newBuilder();
    for (int i = 0; i < 2_000; i++) {
      resource.addAttributes(KeyValue.newBuilder().setKey("resource.attribute." + i)
          .setValue(AnyValue.newBuilder().setStringValue("value-" + i)));
    }
    ScopeSpans.Builder scope = ScopeSpans.newBuilder();
    for (int i = 0; i < 50_000; i++) {
      scope.addSpans(io.opentelemetry.proto.trace.v1.Span.newBuilder().setName("shared"));
    }
    byte[] zipped = gzip(ExportTraceServiceRequest.newBuilder().addResourceSpans(
        ResourceSpans.newBuilder().setResource(resource).addScopeSpans(scope)).build().toByteArray());

    assertThat(post(zipped, "gzip").statusCode()).isEqualTo(200);

    List<Span> shared = backend.spans(TelemetryQuery.since(Instant.EPOCH).withName("shared")).items();
    assertThat(shared).hasSize(50_000);
    assertThat(shared.get(0).resource()).hasSize(2_000);
    assertThat(shared).allSatisfy(span -> assertThat(span.resource()).isSameAs(shared.get(0).resource()));
  }

  @Test
  void storeKeepsToItsByteLimitAndRefusesABatchLargerThanIt() {
    backend.close();
    backend = EmbeddedBackend.builder().setMaxStoredBytes(1024 * 1024).start();

    HttpResponse<String> tooBig = post(spans("big", 5_000).toByteArray(), null);
    assertThat(tooBig.statusCode()).isEqualTo(413);
    assertThat(tooBig.body()).contains("maxStoredBytes");

    for (int i = 0; i < 20; i++) {
      assertThat(post(spans("batch" + i, 500).toByteArray(), null).statusCode()).isEqualTo(200);
    }
    assertThat(backend.droppedSpans()).isPositive();
    List<Span> kept = backend.spans(TelemetryQuery.since(Instant.EPOCH)).items();
    assertThat(kept).isNotEmpty().hasSizeLessThan(10_000);
    assertThat(kept.get(kept.size() - 1).name()).isEqualTo("batch19-499");
  }

  @Test
  void anErrorWhileAnsweringIsA500AndTheReceiverKeepsServing() {
    failNextRequest.set(true);

    HttpResponse<String> failed = post(spans("fails", 1).toByteArray(), null);

    assertThat(failed.statusCode()).isEqualTo(500);
    assertThat(failed.body()).contains("simulated: Java heap space");
    assertThat(normalPost("after", 1)).isEqualTo(200);
    assertThat(backend.spans(TelemetryQuery.since(Instant.EPOCH)).items()).extracting(Span::name)
        .startsWith("kept-0", "kept-1", "kept-2").endsWith("after-0");
  }

  private void assertStillServingWithDataIntact() {
    assertThat(normalPost("after", 1)).isEqualTo(200);
    assertThat(backend.spans(TelemetryQuery.since(Instant.EPOCH)).items()).extracting(Span::name)
        .containsExactly("kept-0", "kept-1", "kept-2", "after-0");
  }

  private int normalPost(String prefix, int count) {
    return post(spans(prefix, count).toByteArray(), null).statusCode();
  }

  private HttpResponse<String> post(byte[] body, String encoding) {
    HttpRequest.Builder request = HttpRequest.newBuilder(traces()).header("Content-Type", PROTOBUF)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (encoding != null) {
      request.header("Content-Encoding", encoding);
    }
    return send(request);
  }

  private HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return CLIENT.send(request.timeout(GENEROUS).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new AssertionError("the receiver did not answer a normal request: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private URI traces() {
    return URI.create(backend.otlpEndpoint() + "/v1/traces");
  }

  private Socket abuser() throws IOException {
    Socket socket = new Socket(InetAddress.getLoopbackAddress(), backend.port());
    abusers.add(socket);
    return socket;
  }

  private static byte[] head(String lengthHeader) {
    return ("POST /v1/traces HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: " + PROTOBUF + "\r\n" + lengthHeader
        + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
  }

  private static String readUntilClosed(InputStream in) throws IOException {
    return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
  }

  /** A length-delimited protobuf field. */
  private static byte[] wrap(int field, byte[] content) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 8);
    out.write(field << 3 | 2);
    long length = content.length;
    while (length >= 0x80) {
      out.write((int) (length & 0x7f) | 0x80);
      length >>>= 7;
    }
    out.write((int) length);
    out.write(content, 0, content.length);
    return out.toByteArray();
  }
}
