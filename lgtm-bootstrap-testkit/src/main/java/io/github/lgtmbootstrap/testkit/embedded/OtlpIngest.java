package io.github.lgtmbootstrap.testkit.embedded;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import io.github.lgtmbootstrap.testkit.internal.OtlpMapper;
import io.github.lgtmbootstrap.testkit.internal.OtlpProtobufDecoder;
import io.github.lgtmbootstrap.testkit.model.LogEntry;
import io.github.lgtmbootstrap.testkit.model.Metric;
import io.github.lgtmbootstrap.testkit.model.Span;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * Decodes OTLP export requests into the model and puts them into the store, within the per-request limits: the
 * one way from either receiver (OTLP/HTTP and OTLP/gRPC share one instance) into a {@link TelemetryStore}.
 * Thread-safe.
 *
 * <p>The store accepts every item of an accepted request (a full store evicts its oldest, counted as dropped), so
 * an accepted request is answered with the empty export response: OTLP's {@code partial_success} stays unset when
 * nothing was rejected.
 */
final class OtlpIngest {

  private final TelemetryStore store;
  private final int maxItemsPerRequest;

  OtlpIngest(TelemetryStore store, int maxItemsPerRequest) {
    this.store = store;
    this.maxItemsPerRequest = maxItemsPerRequest;
  }

  /**
   * Decodes one export request and stores what it carries; the request is stored whole or not at all.
   *
   * @param signal which export service the body is a request of
   * @param body an {@code Export*ServiceRequest} in protobuf, or in OTLP/JSON when {@code json}
   * @param json whether the body is OTLP/JSON
   * @return how many spans, log records or metrics were stored
   * @throws OtlpRejection when the body does not decode (400) or decodes into more than the limits allow (413)
   */
  int export(OtlpSignal signal, byte[] body, boolean json) throws OtlpRejection {
    // Every item costs at least two bytes on the wire (protobuf: a tag and a length; JSON: braces), so a body of
    // at most twice the limit in bytes cannot hold too many and needs no counting pass.
    long items = body.length / 2 <= maxItemsPerRequest ? 0
        : json ? OtlpItemCount.json(body, maxItemsPerRequest)
        : OtlpItemCount.protobuf(signal, body, maxItemsPerRequest);
    if (items > maxItemsPerRequest) {
      throw new OtlpRejection(413, OtlpRejection.RESOURCE_EXHAUSTED, "Request decodes into more than "
          + maxItemsPerRequest + " items (spans, log records, metric points and their attributes, events, links and"
          + " values), the embedded backend's maxItemsPerRequest; send smaller batches or raise that limit");
    }
    // Protobuf traces and logs decode straight into the model; JSON and metrics go through protobuf's messages.
    byte[] protobuf = json ? toProtobuf(signal, body) : body;
    switch (signal) {
      case TRACES -> {
        List<Span> spans;
        try {
          spans = OtlpProtobufDecoder.spans(protobuf);
        } catch (InvalidProtocolBufferException e) {
          throw invalid(signal, json, e);
        }
        return store.addSpans(spans, bytes(spans.size(), protobuf.length));
      }
      case LOGS -> {
        List<LogEntry> logs;
        try {
          logs = OtlpProtobufDecoder.logs(protobuf);
        } catch (InvalidProtocolBufferException e) {
          throw invalid(signal, json, e);
        }
        return store.addLogs(logs, bytes(logs.size(), protobuf.length));
      }
      default -> {
        ExportMetricsServiceRequest request = json
            ? decode(protobuf, false, ExportMetricsServiceRequest.newBuilder())
            : decode(body, false, ExportMetricsServiceRequest.newBuilder());
        List<Metric> metrics = OtlpMapper.metrics(request.getResourceMetricsList());
        return store.addMetrics(metrics, bytes(metrics.size(), protobuf.length));
      }
    }
  }

  /**
   * Gunzips a request body of either transport, refusing one that inflates beyond {@code maxBytes} (a gzip bomb)
   * without inflating more than that.
   *
   * @throws OtlpRejection 413 / RESOURCE_EXHAUSTED when too large, 400 / INVALID_ARGUMENT when not gzip
   */
  static byte[] gunzip(byte[] gzipped, int maxBytes) throws OtlpRejection {
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped))) {
      byte[] inflated = in.readNBytes(maxBytes + 1);
      if (inflated.length > maxBytes) {
        throw tooLarge("more than " + maxBytes + " bytes after gunzip", maxBytes);
      }
      return inflated;
    } catch (IOException e) {
      throw new OtlpRejection(400, OtlpRejection.INVALID_ARGUMENT, "Body is not valid gzip (" + e.getMessage()
          + "); send a complete gzip stream, or no compression");
    }
  }

  /** The rejection of a body over {@code maxBytes}; {@code seen} says how large it was found to be. */
  static OtlpRejection tooLarge(String seen, int maxBytes) {
    return new OtlpRejection(413, OtlpRejection.RESOURCE_EXHAUSTED, "Request body of " + seen
        + " exceeds the limit of " + maxBytes
        + " bytes; send smaller batches or raise the embedded backend's maxRequestBytes");
  }

  private static OtlpRejection invalid(OtlpSignal signal, boolean json, InvalidProtocolBufferException e) {
    return new OtlpRejection(400, OtlpRejection.INVALID_ARGUMENT, "Body is not a valid OTLP "
        + requestName(signal) + " in " + (json ? "JSON" : "protobuf") + ": " + e.getMessage());
  }

  private static String requestName(OtlpSignal signal) {
    return switch (signal) {
      case TRACES -> "ExportTraceServiceRequest";
      case METRICS -> "ExportMetricsServiceRequest";
      case LOGS -> "ExportLogsServiceRequest";
    };
  }

  /** OTLP/JSON through protobuf's JSON mapping, re-encoded: one decoder behind both encodings. */
  private static byte[] toProtobuf(OtlpSignal signal, byte[] json) throws OtlpRejection {
    Message.Builder builder = switch (signal) {
      case TRACES -> ExportTraceServiceRequest.newBuilder();
      case METRICS -> ExportMetricsServiceRequest.newBuilder();
      case LOGS -> ExportLogsServiceRequest.newBuilder();
    };
    Message message = decode(json, true, builder);
    return message.toByteArray();
  }

  /** The batch's estimated size; one batch bigger than what the store may hold is refused rather than stored. */
  private long bytes(int items, long encodedBytes) throws OtlpRejection {
    long bytes = TelemetryStore.estimateBytes(items, encodedBytes);
    if (bytes > store.maxBytesPerSignal()) {
      throw new OtlpRejection(413, OtlpRejection.RESOURCE_EXHAUSTED, "Request decodes into about " + bytes
          + " bytes, more than the " + store.maxBytesPerSignal() + " bytes the embedded backend keeps per signal"
          + " (maxStoredBytes); send smaller batches or raise that limit");
    }
    return bytes;
  }

  @SuppressWarnings("unchecked")
  private static <T extends Message> T decode(byte[] body, boolean json, Message.Builder builder)
      throws OtlpRejection {
    try {
      if (json) {
        Json.PARSER.merge(hexIdsToBase64(new String(body, StandardCharsets.UTF_8)), builder);
      } else {
        builder.mergeFrom(body);
      }
      return (T) builder.build();
    } catch (InvalidProtocolBufferException e) {
      throw new OtlpRejection(400, OtlpRejection.INVALID_ARGUMENT, "Body is not a valid OTLP "
          + builder.getDescriptorForType().getName() + " in " + (json ? "JSON" : "protobuf") + ": " + e.getMessage());
    } catch (RuntimeException e) {
      // JsonFormat reports some malformed input (such as a non-object root) as runtime exceptions.
      throw new OtlpRejection(400, OtlpRejection.INVALID_ARGUMENT, "Body is not valid OTLP JSON for "
          + builder.getDescriptorForType().getName() + ": " + e);
    }
  }

  /** Rewrites the hex trace and span ids of OTLP JSON into the base64 that protobuf's JSON mapping reads. */
  static String hexIdsToBase64(String json) throws OtlpRejection {
    Matcher matcher = Json.HEX_ID.matcher(json);
    StringBuilder out = new StringBuilder(json.length());
    while (matcher.find()) {
      String hex = matcher.group(3);
      byte[] bytes;
      try {
        bytes = HexFormat.of().parseHex(hex);
      } catch (IllegalArgumentException e) {
        throw new OtlpRejection(400, OtlpRejection.INVALID_ARGUMENT,
            matcher.group(1) + " '" + hex + "' is not hex; OTLP JSON carries ids as lowercase hex strings");
      }
      matcher.appendReplacement(out, Matcher.quoteReplacement(
          '"' + matcher.group(1) + '"' + matcher.group(2) + '"' + Base64.getEncoder().encodeToString(bytes) + '"'));
    }
    matcher.appendTail(out);
    return out.toString();
  }

  /** Protobuf's JSON support, loaded with the first JSON request: most runs only ever see protobuf. */
  static final class Json {
    /** OTLP JSON carries ids as hex where protobuf's JSON mapping expects base64 bytes. */
    static final Pattern HEX_ID =
        Pattern.compile("\"(traceId|spanId|parentSpanId)\"(\\s*:\\s*)\"([^\"\\\\]*)\"");
    static final JsonFormat.Parser PARSER = JsonFormat.parser().ignoringUnknownFields();
    static final JsonFormat.Printer PRINTER = JsonFormat.printer().omittingInsignificantWhitespace();

    private Json() {}
  }
}
