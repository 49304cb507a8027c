package io.github.lgtmbootstrap.testkit.embedded;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.github.lgtmbootstrap.testkit.internal.OtlpMapper;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * Answers OTLP/HTTP export requests as the OTLP specification prescribes: 200 with an empty export response in the
 * request's encoding, 400 with a {@code google.rpc.Status} for bodies that do not decode, 404, 405, 413 and 415
 * for wrong paths, methods, sizes and content types. A rejected request changes nothing in the store.
 */
final class OtlpHttpReceiver implements HttpHandler {

  /** The fix named in every gRPC rejection. */
  static final String GRPC_FIX = "otel.exporter.otlp.protocol=http/protobuf";

  static final String PROTOBUF = "application/x-protobuf";
  static final String JSON = "application/json";

  private static final Logger LOGGER = Logger.getLogger(OtlpHttpReceiver.class.getName());

  // google.rpc.Code values used in Status bodies.
  private static final int INVALID_ARGUMENT = 3;
  private static final int NOT_FOUND = 5;
  private static final int RESOURCE_EXHAUSTED = 8;
  private static final int UNIMPLEMENTED = 12;
  private static final int INTERNAL = 13;

  /** How much of an oversized body is read and discarded so the client sees the 413 instead of a broken pipe. */
  private static final long MAX_DRAIN_BYTES = 256L * 1024 * 1024;

  /** OTLP JSON carries ids as hex where protobuf's JSON mapping expects base64 bytes. */
  private static final Pattern HEX_ID =
      Pattern.compile("\"(traceId|spanId|parentSpanId)\"(\\s*:\\s*)\"([^\"\\\\]*)\"");

  private static final JsonFormat.Parser JSON_PARSER = JsonFormat.parser().ignoringUnknownFields();
  private static final JsonFormat.Printer JSON_PRINTER = JsonFormat.printer().omittingInsignificantWhitespace();

  private final TelemetryStore store;
  private final int maxRequestBytes;

  OtlpHttpReceiver(TelemetryStore store, int maxRequestBytes) {
    this.store = store;
    this.maxRequestBytes = maxRequestBytes;
  }

  /** The three signal paths of OTLP/HTTP. */
  enum Signal {
    TRACES("/v1/traces"),
    METRICS("/v1/metrics"),
    LOGS("/v1/logs");

    final String path;

    Signal(String path) {
      this.path = path;
    }

    static Signal forPath(String path) {
      for (Signal signal : values()) {
        if (signal.path.equals(path) || (signal.path + "/").equals(path)) {
          return signal;
        }
      }
      return null;
    }
  }

  private static final class Rejection extends Exception {
    private static final long serialVersionUID = 1L;
    final int httpStatus;
    final int rpcCode;
    final boolean grpc;

    Rejection(int httpStatus, int rpcCode, String message) {
      this(httpStatus, rpcCode, message, false);
    }

    Rejection(int httpStatus, int rpcCode, String message, boolean grpc) {
      super(message, null, false, false);
      this.httpStatus = httpStatus;
      this.rpcCode = rpcCode;
      this.grpc = grpc;
    }
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    String contentType = mediaType(exchange.getRequestHeaders().getFirst("Content-Type"));
    boolean json = JSON.equals(contentType);
    try (exchange) {
      try {
        byte[] response = export(exchange, contentType, json);
        respond(exchange, 200, json ? JSON : PROTOBUF, response);
      } catch (Rejection rejection) {
        drain(exchange);
        if (rejection.grpc) {
          // A misconfigured exporter only logs a generic export failure; name the fix where people look.
          LOGGER.warning(rejection.getMessage());
        } else {
          LOGGER.log(Level.INFO, "Rejected OTLP request {0} {1}: {2}", new Object[] {
              exchange.getRequestMethod(), exchange.getRequestURI().getPath(), rejection.getMessage()});
        }
        if (rejection.httpStatus == 405) {
          exchange.getResponseHeaders().set("Allow", "POST");
        }
        // Errors come as a google.rpc.Status in the request's encoding; JSON when it was neither, so that a
        // person reading the response of a mis-typed request can read it.
        boolean protobufStatus = PROTOBUF.equals(contentType);
        respond(exchange, rejection.httpStatus, protobufStatus ? PROTOBUF : JSON,
            status(rejection.rpcCode, rejection.getMessage(), protobufStatus));
      } catch (RuntimeException unexpected) {
        LOGGER.log(Level.WARNING, "OTLP request failed unexpectedly; the server keeps serving", unexpected);
        respond(exchange, 500, json ? JSON : PROTOBUF,
            status(INTERNAL, "internal error: " + unexpected, !json));
      }
    }
  }

  private byte[] export(HttpExchange exchange, String contentType, boolean json) throws Rejection, IOException {
    String method = exchange.getRequestMethod();
    String path = exchange.getRequestURI().getPath();
    // An HTTP/2 prior-knowledge preface ("PRI *") never reaches a handler: the JDK server answers it with its own
    // 404. What does reach us is gRPC over HTTP/1.1 framing or a gRPC service path.
    if ("PRI".equals(method) || (contentType != null && contentType.startsWith("application/grpc"))
        || path.startsWith("/opentelemetry.proto.collector.")) {
      throw new Rejection(415, UNIMPLEMENTED,
          "This port of the embedded LGTM backend speaks OTLP over HTTP only and received a gRPC request on " + path
              + ". Configure the exporter with " + GRPC_FIX + " (or http/json) and the HTTP endpoint, or send gRPC"
              + " to the backend's gRPC endpoint (needs " + EmbeddedBackend.GRPC_DEPENDENCY + ").", true);
    }
    Signal signal = Signal.forPath(path);
    if (signal == null) {
      throw new Rejection(404, NOT_FOUND,
          "No OTLP endpoint at '" + path + "'; use /v1/traces, /v1/metrics or /v1/logs");
    }
    if (!"POST".equals(method)) {
      throw new Rejection(405, UNIMPLEMENTED, "Method " + method + " not allowed on " + path + "; OTLP uses POST");
    }
    if (!json && !PROTOBUF.equals(contentType)) {
      throw new Rejection(415, INVALID_ARGUMENT,
          "Unsupported Content-Type '" + exchange.getRequestHeaders().getFirst("Content-Type")
              + "'; send " + PROTOBUF + " or " + JSON);
    }
    String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
    boolean gzip = encoding != null && encoding.trim().equalsIgnoreCase("gzip");
    if (!gzip && encoding != null && !encoding.isBlank() && !encoding.trim().equalsIgnoreCase("identity")) {
      throw new Rejection(415, INVALID_ARGUMENT,
          "Unsupported Content-Encoding '" + encoding + "'; send gzip or no encoding");
    }
    byte[] body = readBody(exchange, gzip);
    switch (signal) {
      case TRACES -> {
        ExportTraceServiceRequest request = decode(body, json, ExportTraceServiceRequest.newBuilder());
        store.addSpans(OtlpMapper.spans(request.getResourceSpansList()));
        return encode(ExportTraceServiceResponse.getDefaultInstance(), json);
      }
      case METRICS -> {
        ExportMetricsServiceRequest request = decode(body, json, ExportMetricsServiceRequest.newBuilder());
        store.addMetrics(OtlpMapper.metrics(request.getResourceMetricsList()));
        return encode(ExportMetricsServiceResponse.getDefaultInstance(), json);
      }
      default -> {
        ExportLogsServiceRequest request = decode(body, json, ExportLogsServiceRequest.newBuilder());
        store.addLogs(OtlpMapper.logs(request.getResourceLogsList()));
        return encode(ExportLogsServiceResponse.getDefaultInstance(), json);
      }
    }
  }

  private byte[] readBody(HttpExchange exchange, boolean gzip) throws Rejection, IOException {
    String length = exchange.getRequestHeaders().getFirst("Content-Length");
    if (length != null) {
      try {
        if (Long.parseLong(length.trim()) > maxRequestBytes) {
          throw tooLarge(length.trim() + " bytes");
        }
      } catch (NumberFormatException e) {
        throw new Rejection(400, INVALID_ARGUMENT, "Content-Length '" + length + "' is not a number");
      }
    }
    byte[] raw = exchange.getRequestBody().readNBytes(maxRequestBytes + 1);
    if (raw.length > maxRequestBytes) {
      throw tooLarge("more than " + maxRequestBytes + " bytes");
    }
    if (!gzip) {
      return raw;
    }
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(raw))) {
      byte[] inflated = in.readNBytes(maxRequestBytes + 1);
      if (inflated.length > maxRequestBytes) {
        throw tooLarge("more than " + maxRequestBytes + " bytes after gunzip");
      }
      return inflated;
    } catch (IOException e) {
      throw new Rejection(400, INVALID_ARGUMENT, "Body is not valid gzip (" + e.getMessage()
          + "); send a complete gzip stream or drop Content-Encoding: gzip");
    }
  }

  private Rejection tooLarge(String seen) {
    return new Rejection(413, RESOURCE_EXHAUSTED, "Request body of " + seen + " exceeds the limit of "
        + maxRequestBytes + " bytes; send smaller batches or raise the embedded backend's maxRequestBytes");
  }

  @SuppressWarnings("unchecked")
  private static <T extends Message> T decode(byte[] body, boolean json, Message.Builder builder)
      throws Rejection {
    try {
      if (json) {
        JSON_PARSER.merge(hexIdsToBase64(new String(body, StandardCharsets.UTF_8)), builder);
      } else {
        builder.mergeFrom(body);
      }
      return (T) builder.build();
    } catch (InvalidProtocolBufferException e) {
      throw new Rejection(400, INVALID_ARGUMENT, "Body is not a valid OTLP "
          + builder.getDescriptorForType().getName() + " in " + (json ? "JSON" : "protobuf") + ": " + e.getMessage());
    } catch (RuntimeException e) {
      // JsonFormat reports some malformed input (such as a non-object root) as runtime exceptions.
      throw new Rejection(400, INVALID_ARGUMENT, "Body is not valid OTLP JSON for "
          + builder.getDescriptorForType().getName() + ": " + e);
    }
  }

  /** Rewrites the hex trace and span ids of OTLP JSON into the base64 that protobuf's JSON mapping reads. */
  static String hexIdsToBase64(String json) throws Rejection {
    Matcher matcher = HEX_ID.matcher(json);
    StringBuilder out = new StringBuilder(json.length());
    while (matcher.find()) {
      String hex = matcher.group(3);
      byte[] bytes;
      try {
        bytes = HexFormat.of().parseHex(hex);
      } catch (IllegalArgumentException e) {
        throw new Rejection(400, INVALID_ARGUMENT,
            matcher.group(1) + " '" + hex + "' is not hex; OTLP JSON carries ids as lowercase hex strings");
      }
      matcher.appendReplacement(out, Matcher.quoteReplacement(
          '"' + matcher.group(1) + '"' + matcher.group(2) + '"' + Base64.getEncoder().encodeToString(bytes) + '"'));
    }
    matcher.appendTail(out);
    return out.toString();
  }

  private static byte[] encode(Message response, boolean json) {
    if (!json) {
      return response.toByteArray();
    }
    try {
      return JSON_PRINTER.print(response).getBytes(StandardCharsets.UTF_8);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("cannot print " + response.getClass().getSimpleName(), e);
    }
  }

  /** A {@code google.rpc.Status} with a code and a message (no details), as protobuf or JSON. */
  static byte[] status(int code, String message, boolean protobuf) {
    if (!protobuf) {
      return ("{\"code\":" + code + ",\"message\":\"" + jsonEscape(message) + "\"}").getBytes(StandardCharsets.UTF_8);
    }
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      CodedOutputStream out = CodedOutputStream.newInstance(bytes);
      out.writeInt32(1, code);
      out.writeString(2, message);
      out.flush();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode a status message", e);
    }
  }

  private static String jsonEscape(String text) {
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (char c : text.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }

  private static String mediaType(String contentType) {
    if (contentType == null) {
      return null;
    }
    int semicolon = contentType.indexOf(';');
    return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
  }

  private static void drain(HttpExchange exchange) {
    try (InputStream in = exchange.getRequestBody()) {
      long total = 0;
      byte[] buffer = new byte[64 * 1024];
      int read;
      while (total < MAX_DRAIN_BYTES && (read = in.read(buffer)) > 0) {
        total += read;
      }
    } catch (IOException ignored) {
      // The client went away; nothing left to answer.
    }
  }

  private static void respond(HttpExchange exchange, int status, String contentType, byte[] body)
      throws IOException {
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }
}
