package io.github.lgtmbootstrap.testkit.embedded;

import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Answers OTLP/HTTP export requests as the OTLP specification prescribes: 200 with an empty export response in the
 * request's encoding, 400 with a {@code google.rpc.Status} for bodies that do not decode, 404, 405, 413 and 415
 * for wrong paths, methods, sizes and content types. A rejected request changes nothing in the store. Reading
 * requests (and their deadlines) is {@link HttpFront}'s job; decoding and storing is {@link OtlpIngest}'s.
 */
final class OtlpHttpReceiver implements HttpFront.Handler {

  /** The fix named in every gRPC rejection. */
  static final String GRPC_FIX = "otel.exporter.otlp.protocol=http/protobuf";

  static final String PROTOBUF = "application/x-protobuf";
  static final String JSON = "application/json";


  /** An empty export response in protobuf: the same zero bytes for every signal. */
  private static final byte[] EMPTY = new byte[0];

  private final OtlpIngest ingest;
  private final int maxRequestBytes;

  OtlpHttpReceiver(OtlpIngest ingest, int maxRequestBytes) {
    this.ingest = ingest;
    this.maxRequestBytes = maxRequestBytes;
  }

  /** A rejection that is logged as a warning rather than at INFO. */
  private static final class GrpcRejection extends Exception {
    private static final long serialVersionUID = 1L;
    final OtlpRejection rejection;

    GrpcRejection(OtlpRejection rejection) {
      super(rejection.getMessage(), null, false, false);
      this.rejection = rejection;
    }
  }

  @Override
  public HttpFront.Response handle(HttpFront.Request request) {
    String contentType = mediaType(request.header("content-type"));
    boolean json = JSON.equals(contentType);
    try {
      export(request, contentType, json);
      return new HttpFront.Response(200, json ? JSON : PROTOBUF, json ? "{}".getBytes(StandardCharsets.UTF_8) : EMPTY);
    } catch (GrpcRejection grpc) {
      // A misconfigured exporter only logs a generic export failure; name the fix where people look.
      logger().warning(grpc.getMessage());
      return reject(request, contentType, grpc.rejection);
    } catch (OtlpRejection rejection) {
      logger().log(Level.INFO, "Rejected OTLP request {0} {1}: {2}", new Object[] {
          request.method(), request.path(), rejection.getMessage()});
      return reject(request, contentType, rejection);
    }
  }

  @Override
  public HttpFront.Response tooLarge(HttpFront.Request head, String seen) {
    OtlpRejection rejection = tooLarge(seen);
    logger().log(Level.INFO, "Rejected OTLP request {0} {1}: {2}", new Object[] {
        head.method(), head.path(), rejection.getMessage()});
    return reject(head, mediaType(head.header("content-type")), rejection);
  }

  private static HttpFront.Response reject(HttpFront.Request request, String contentType, OtlpRejection rejection) {
    Map<String, String> headers = rejection.httpStatus() == 405 ? Map.of("Allow", "POST") : Map.of();
    // Errors come as a google.rpc.Status in the request's encoding; JSON when it was neither, so that a
    // person reading the response of a mis-typed request can read it.
    boolean protobufStatus = PROTOBUF.equals(contentType);
    return new HttpFront.Response(rejection.httpStatus(), protobufStatus ? PROTOBUF : JSON,
        status(rejection.rpcCode(), rejection.getMessage(), protobufStatus), headers,
        rejection.httpStatus() == 413);
  }

  private void export(HttpFront.Request request, String contentType, boolean json)
      throws OtlpRejection, GrpcRejection {
    String method = request.method();
    String path = request.path();
    // An HTTP/2 prior-knowledge preface arrives as "PRI *"; gRPC over HTTP/1.1 framing or a gRPC service path
    // as an ordinary request.
    if ("PRI".equals(method) || (contentType != null && contentType.startsWith("application/grpc"))
        || path.startsWith("/opentelemetry.proto.collector.")) {
      throw new GrpcRejection(new OtlpRejection(415, OtlpRejection.UNIMPLEMENTED,
          "This port of the embedded LGTM backend speaks OTLP over HTTP only and received a gRPC request on " + path
              + ". Configure the exporter with " + GRPC_FIX + " (or http/json) and the HTTP endpoint, or send gRPC"
              + " to the backend's gRPC endpoint (needs " + EmbeddedBackend.GRPC_DEPENDENCY + ")."));
    }
    OtlpSignal signal = OtlpSignal.forPath(path);
    if (signal == null) {
      throw new OtlpRejection(404, OtlpRejection.NOT_FOUND,
          "No OTLP endpoint at '" + path + "'; use /v1/traces, /v1/metrics or /v1/logs");
    }
    if (!"POST".equals(method)) {
      throw new OtlpRejection(405, OtlpRejection.UNIMPLEMENTED,
          "Method " + method + " not allowed on " + path + "; OTLP uses POST");
    }
    if (!json && !PROTOBUF.equals(contentType)) {
      throw new OtlpRejection(415, OtlpRejection.INVALID_ARGUMENT,
          "Unsupported Content-Type '" + request.header("content-type") + "'; send " + PROTOBUF + " or " + JSON);
    }
    String encoding = request.header("content-encoding");
    boolean gzip = encoding != null && encoding.trim().equalsIgnoreCase("gzip");
    if (!gzip && encoding != null && !encoding.isBlank() && !encoding.trim().equalsIgnoreCase("identity")) {
      throw new OtlpRejection(415, OtlpRejection.INVALID_ARGUMENT,
          "Unsupported Content-Encoding '" + encoding + "'; send gzip or no encoding");
    }
    ingest.export(signal, gzip ? OtlpIngest.gunzip(request.body(), maxRequestBytes) : request.body(), json);
  }

  private OtlpRejection tooLarge(String seen) {
    return OtlpIngest.tooLarge(seen, maxRequestBytes);
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

  /** Looked up when something is to be logged, so that a backend that logs nothing does not start JUL. */
  private static Logger logger() {
    return Logger.getLogger(OtlpHttpReceiver.class.getName());
  }
}
