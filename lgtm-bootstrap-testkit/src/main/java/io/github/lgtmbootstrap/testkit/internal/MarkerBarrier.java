package io.github.lgtmbootstrap.testkit.internal;

import com.google.protobuf.ByteString;
import com.google.protobuf.MessageLite;
import io.github.lgtmbootstrap.testkit.assertions.IngestBarrier;
import io.github.lgtmbootstrap.testkit.query.Signal;
import io.github.lgtmbootstrap.testkit.query.TelemetryQuery;
import io.github.lgtmbootstrap.testkit.query.TelemetrySource;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * The extension's {@link IngestBarrier}: posts one marker span or log record to the backend's OTLP/HTTP endpoint
 * (the same endpoint and store the app's data goes to, with the app's {@code otel.exporter.otlp.headers}) and
 * checks whether the store returns it. The marker has its own resource ({@code service.name=lgtm-testkit-barrier},
 * this run's id, a unique {@value #MARKER_ATTRIBUTE}) and a {@code lgtm.test.id} no test has, so no test's
 * assertions ever see it. The marker is looked up the way the absence and count assertions look (a span by
 * TraceQL search, never by its trace id), so on a Tempo that keeps new traces out of search for a while
 * ({@code query_end_cutoff}) the barrier passes only once the test's own spans are searchable too; the span
 * assertions' polling, which the barrier waits with, includes that delay. Thread-safe. Not API.
 */
public final class MarkerBarrier implements IngestBarrier {

  /** The resource attribute that identifies one marker. */
  public static final String MARKER_ATTRIBUTE = "lgtm.testkit.barrier";

  private static final String SERVICE = "lgtm-testkit-barrier";
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final String otlpEndpoint;
  private final String runId;
  private final TelemetrySource source;
  private final Map<String, String> headers;
  private final HttpClient client;
  private final Clock clock;

  /**
   * Creates the barrier.
   *
   * @param otlpEndpoint the backend's OTLP/HTTP base URL
   * @param runId this run's id, added to the marker's resource
   * @param source where to look for the marker
   */
  public MarkerBarrier(String otlpEndpoint, String runId, TelemetrySource source) {
    this.otlpEndpoint = otlpEndpoint;
    this.runId = runId;
    this.source = source;
    this.headers = exportHeaders();
    this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(REQUEST_TIMEOUT).followRedirects(HttpClient.Redirect.NEVER).build();
    this.clock = Clock.systemUTC();
  }

  @Override
  public BooleanSupplier send(Signal signal) {
    String marker = hex(16);
    Instant sent = clock.instant();
    long nanos = sent.getEpochSecond() * 1_000_000_000L + sent.getNano();
    Resource resource = Resource.newBuilder()
        .addAttributes(attribute("service.name", SERVICE))
        .addAttributes(attribute(ExporterSettings.RUN_ID_ATTRIBUTE, runId))
        .addAttributes(attribute(MARKER_ATTRIBUTE, marker))
        .build();
    KeyValue notATest = attribute(TelemetryQuery.TEST_ID_ATTRIBUTE, marker);
    // the window starts a minute early: stores that time items by their own timestamp and clocks slightly apart
    TelemetryQuery query = TelemetryQuery.since(sent.minus(Duration.ofMinutes(1)))
        .withResourceAttribute("service.name", SERVICE)
        .withResourceAttribute(MARKER_ATTRIBUTE, marker);
    switch (signal) {
      case TRACES -> {
        post("/v1/traces", ExportTraceServiceRequest.newBuilder().addResourceSpans(ResourceSpans.newBuilder()
            .setResource(resource)
            .addScopeSpans(ScopeSpans.newBuilder().addSpans(Span.newBuilder()
                .setTraceId(ByteString.fromHex(hex(16))).setSpanId(ByteString.fromHex(hex(8)))
                .setName(MARKER_ATTRIBUTE).setKind(Span.SpanKind.SPAN_KIND_INTERNAL)
                .setStartTimeUnixNano(nanos).setEndTimeUnixNano(nanos).addAttributes(notATest))))
            .build());
        return () -> !source.spans(query).items().isEmpty();
      }
      case LOGS -> {
        post("/v1/logs", ExportLogsServiceRequest.newBuilder().addResourceLogs(ResourceLogs.newBuilder()
            .setResource(resource)
            .addScopeLogs(ScopeLogs.newBuilder().addLogRecords(LogRecord.newBuilder()
                .setTimeUnixNano(nanos).setObservedTimeUnixNano(nanos)
                .setBody(AnyValue.newBuilder().setStringValue(MARKER_ATTRIBUTE + " " + marker))
                .addAttributes(notATest))))
            .build());
        return () -> !source.logs(query).items().isEmpty();
      }
      default -> throw new IllegalArgumentException("no marker for " + signal + "; metrics have no barrier");
    }
  }

  private void post(String path, MessageLite request) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(otlpEndpoint + path))
        .timeout(REQUEST_TIMEOUT)
        .header("Content-Type", "application/x-protobuf")
        .POST(HttpRequest.BodyPublishers.ofByteArray(request.toByteArray()));
    headers.forEach(builder::header);
    HttpResponse<Void> response;
    try {
      response = client.send(builder.build(), HttpResponse.BodyHandlers.discarding());
    } catch (IOException e) {
      throw new IllegalStateException("POST " + otlpEndpoint + path + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while sending the marker to " + otlpEndpoint + path, e);
    }
    if (response.statusCode() / 100 != 2) {
      throw new IllegalStateException("POST " + otlpEndpoint + path + " answered HTTP " + response.statusCode()
          + "; check the endpoint and otel.exporter.otlp.headers");
    }
  }

  private static KeyValue attribute(String key, String value) {
    return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
  }

  private static String hex(int bytes) {
    byte[] random = new byte[bytes];
    RANDOM.nextBytes(random);
    return HexFormat.of().formatHex(random);
  }

  /** The app's export headers ({@code otel.exporter.otlp.headers}, {@code k=v,k2=v2}, percent-encoded). */
  private static Map<String, String> exportHeaders() {
    Map<String, String> headers = new LinkedHashMap<>();
    ConfigLookup.lookup("otel.exporter.otlp.headers").ifPresent(setting -> {
      for (String pair : setting.value().split(",")) {
        int equals = pair.indexOf('=');
        if (equals > 0) {
          try {
            headers.put(pair.substring(0, equals).trim(),
                URLDecoder.decode(pair.substring(equals + 1).trim().replace("+", "%2B"), StandardCharsets.UTF_8));
          } catch (IllegalArgumentException badEncoding) {
            // the app's exporter reports it; the marker goes without that header
          }
        }
      }
    });
    return headers;
  }

  @Override
  public String toString() {
    return "MarkerBarrier[" + otlpEndpoint + ", headers=" + headers.size() + " (values hidden)]";
  }
}
