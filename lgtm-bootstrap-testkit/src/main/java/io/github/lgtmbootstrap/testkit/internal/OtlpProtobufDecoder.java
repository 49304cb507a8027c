package io.github.lgtmbootstrap.testkit.internal;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.WireFormat;
import io.github.lgtmbootstrap.testkit.model.AttributeValues;
import io.github.lgtmbootstrap.testkit.model.InstrumentationScope;
import io.github.lgtmbootstrap.testkit.model.LogEntry;
import io.github.lgtmbootstrap.testkit.model.Span;
import io.github.lgtmbootstrap.testkit.model.SpanEvent;
import io.opentelemetry.api.logs.Severity;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes OTLP trace and log requests from protobuf bytes straight into the model, with protobuf's own
 * {@link CodedInputStream} and no generated message classes in between: no intermediate copy of every span, and
 * nothing of protobuf's descriptors loaded (which cost a cold JVM a tenth of a second). Same mapping as
 * {@link OtlpMapper}, which delegates here for spans and logs. Items of one resource share one resource map.
 * Not API.
 */
public final class OtlpProtobufDecoder {

  private static final HexFormat HEX = HexFormat.of();
  private static final int LEN = WireFormat.WIRETYPE_LENGTH_DELIMITED;
  private static final int I64 = WireFormat.WIRETYPE_FIXED64;
  private static final int VARINT = WireFormat.WIRETYPE_VARINT;
  /** As deep as protobuf's own parser goes. */
  private static final int MAX_DEPTH = 100;

  private OtlpProtobufDecoder() {}

  /**
   * Decodes the spans of an {@code ExportTraceServiceRequest} or {@code TracesData} (same layout).
   *
   * @param request protobuf bytes
   * @return every span, in message order
   * @throws InvalidProtocolBufferException when the bytes are not a valid message
   */
  public static List<Span> spans(byte[] request) throws InvalidProtocolBufferException {
    return decode(request, SPANS);
  }

  /**
   * Decodes the log records of an {@code ExportLogsServiceRequest} or {@code LogsData} (same layout); a record
   * without a time gets its observed time.
   *
   * @param request protobuf bytes
   * @return every log record, in message order
   * @throws InvalidProtocolBufferException when the bytes are not a valid message
   */
  public static List<LogEntry> logs(byte[] request) throws InvalidProtocolBufferException {
    return decode(request, LOG_RECORDS);
  }

  /**
   * Reads one span or log record. Classes rather than lambdas: this is on a cold JVM's first export, where the
   * first lambdas cost tens of milliseconds.
   */
  private abstract static class ItemReader<T> {
    abstract T read(CodedInputStream in, Map<String, Object> resource, InstrumentationScope scope)
        throws IOException;
  }

  private static final ItemReader<Span> SPANS = new ItemReader<>() {
    @Override
    Span read(CodedInputStream in, Map<String, Object> resource, InstrumentationScope scope) throws IOException {
      return span(in, resource, scope);
    }
  };

  private static final ItemReader<LogEntry> LOG_RECORDS = new ItemReader<>() {
    @Override
    LogEntry read(CodedInputStream in, Map<String, Object> resource, InstrumentationScope scope)
        throws IOException {
      return logRecord(in, resource, scope);
    }
  };

  /**
   * Decodes a request whose field 1 repeats resource messages ({@code ResourceSpans}, {@code ResourceLogs}), each
   * with a resource (field 1) and scope messages (field 2), each with a scope (field 1) and items (field 2).
   */
  private static <T> List<T> decode(byte[] request, ItemReader<T> items) throws InvalidProtocolBufferException {
    List<T> out = new ArrayList<>();
    try {
      CodedInputStream in = CodedInputStream.newInstance(request);
      int tag;
      while ((tag = in.readTag()) != 0) {
        if (tag == tag(1, LEN)) {
          int limit = in.pushLimit(in.readRawVarint32());
          resourceItems(request, in, items, out);
          in.popLimit(limit);
        } else {
          in.skipField(tag);
        }
      }
    } catch (InvalidProtocolBufferException e) {
      throw e;
    } catch (IOException e) {
      throw new InvalidProtocolBufferException(e);
    }
    return out;
  }

  private static int tag(int field, int wireType) {
    return (field << 3) | wireType;
  }

  /**
   * A resource's fields may come in any order; its scopes are decoded after the resource, so they can share it.
   */
  private static <T> void resourceItems(byte[] bytes, CodedInputStream in, ItemReader<T> items, List<T> out)
      throws IOException {
    Map<String, Object> resource = AttributeValues.copyOf(Map.of());
    List<int[]> scopes = new ArrayList<>(1);
    int tag;
    while ((tag = in.readTag()) != 0) {
      if (tag == tag(1, LEN)) {
        resource = resource(in);
      } else if (tag == tag(2, LEN)) {
        scopes.add(skipMessage(in, 0));
      } else {
        in.skipField(tag);
      }
    }
    for (int[] scope : scopes) {
      scopeItems(bytes, scope[0], sub(bytes, scope), resource, items, out);
    }
  }

  private static <T> void scopeItems(byte[] bytes, int base, CodedInputStream in, Map<String, Object> resource,
      ItemReader<T> items, List<T> out) throws IOException {
    InstrumentationScope scope = InstrumentationScope.UNKNOWN;
    List<int[]> ranges = new ArrayList<>();
    int tag;
    while ((tag = in.readTag()) != 0) {
      if (tag == tag(1, LEN)) {
        scope = scope(in);
      } else if (tag == tag(2, LEN)) {
        ranges.add(skipMessage(in, base));
      } else {
        in.skipField(tag);
      }
    }
    for (int[] range : ranges) {
      out.add(items.read(sub(bytes, range), resource, scope));
    }
  }

  private static Span span(CodedInputStream in, Map<String, Object> resource, InstrumentationScope scope)
      throws IOException {
    String traceId = "";
    String spanId = "";
    String parentSpanId = "";
    String name = "";
    int kind = 0;
    long start = 0;
    long end = 0;
    Map<String, Object> attributes = new LinkedHashMap<>();
    List<SpanEvent> events = new ArrayList<>(0);
    int statusCode = 0;
    String statusMessage = "";
    int tag;
    while ((tag = in.readTag()) != 0) {
      switch (tag) {
        case (1 << 3) | LEN -> traceId = hex(in.readByteArray());
        case (2 << 3) | LEN -> spanId = hex(in.readByteArray());
        case (4 << 3) | LEN -> parentSpanId = hex(in.readByteArray());
        case (5 << 3) | LEN -> name = in.readStringRequireUtf8();
        case (6 << 3) | VARINT -> kind = in.readEnum();
        case (7 << 3) | I64 -> start = in.readFixed64();
        case (8 << 3) | I64 -> end = in.readFixed64();
        case (9 << 3) | LEN -> keyValue(in, attributes, 0);
        case (11 << 3) | LEN -> {
          int limit = in.pushLimit(in.readRawVarint32());
          events.add(event(in));
          in.popLimit(limit);
        }
        case (15 << 3) | LEN -> {
          int limit = in.pushLimit(in.readRawVarint32());
          int statusTag;
          while ((statusTag = in.readTag()) != 0) {
            if (statusTag == tag(2, LEN)) {
              statusMessage = in.readStringRequireUtf8();
            } else if (statusTag == tag(3, VARINT)) {
              statusCode = in.readEnum();
            } else {
              in.skipField(statusTag);
            }
          }
          in.popLimit(limit);
        }
        default -> in.skipField(tag);
      }
    }
    return new Span(traceId, spanId, parentSpanId, name, OtlpMapper.kind(kind), OtlpMapper.status(statusCode),
        statusMessage, start, end, attributes, events, resource, scope);
  }

  private static SpanEvent event(CodedInputStream in) throws IOException {
    String name = "";
    long time = 0;
    Map<String, Object> attributes = new LinkedHashMap<>();
    int tag;
    while ((tag = in.readTag()) != 0) {
      switch (tag) {
        case (1 << 3) | I64 -> time = in.readFixed64();
        case (2 << 3) | LEN -> name = in.readStringRequireUtf8();
        case (3 << 3) | LEN -> keyValue(in, attributes, 0);
        default -> in.skipField(tag);
      }
    }
    return new SpanEvent(name, time, attributes);
  }

  private static LogEntry logRecord(CodedInputStream in, Map<String, Object> resource, InstrumentationScope scope)
      throws IOException {
    long time = 0;
    long observed = 0;
    int severity = 0;
    String severityText = "";
    String body = "";
    Map<String, Object> attributes = new LinkedHashMap<>();
    String traceId = "";
    String spanId = "";
    int tag;
    while ((tag = in.readTag()) != 0) {
      switch (tag) {
        case (1 << 3) | I64 -> time = in.readFixed64();
        case (11 << 3) | I64 -> observed = in.readFixed64();
        case (2 << 3) | VARINT -> severity = in.readEnum();
        case (3 << 3) | LEN -> severityText = in.readStringRequireUtf8();
        case (5 << 3) | LEN -> {
          int limit = in.pushLimit(in.readRawVarint32());
          Object value = anyValue(in, 0);
          in.popLimit(limit);
          body = value == null ? "" : value.toString();
        }
        case (6 << 3) | LEN -> keyValue(in, attributes, 0);
        case (9 << 3) | LEN -> traceId = hex(in.readByteArray());
        case (10 << 3) | LEN -> spanId = hex(in.readByteArray());
        default -> in.skipField(tag);
      }
    }
    return new LogEntry(time != 0 ? time : observed,
        OtlpMapper.severity(severity).orElse(Severity.UNDEFINED_SEVERITY_NUMBER), severityText, body, attributes,
        traceId, spanId, resource, scope);
  }

  /** A {@code Resource} message (length first): its attributes, as one map its items share. */
  private static Map<String, Object> resource(CodedInputStream in) throws IOException {
    int limit = in.pushLimit(in.readRawVarint32());
    Map<String, Object> attributes = new LinkedHashMap<>();
    int tag;
    while ((tag = in.readTag()) != 0) {
      if (tag == tag(1, LEN)) {
        keyValue(in, attributes, 0);
      } else {
        in.skipField(tag);
      }
    }
    in.popLimit(limit);
    return AttributeValues.copyOf(attributes);
  }

  /** An {@code InstrumentationScope} message (length first): name and version. */
  private static InstrumentationScope scope(CodedInputStream in) throws IOException {
    int limit = in.pushLimit(in.readRawVarint32());
    String name = "";
    String version = "";
    int tag;
    while ((tag = in.readTag()) != 0) {
      if (tag == tag(1, LEN)) {
        name = in.readStringRequireUtf8();
      } else if (tag == tag(2, LEN)) {
        version = in.readStringRequireUtf8();
      } else {
        in.skipField(tag);
      }
    }
    in.popLimit(limit);
    return name.isEmpty() && version.isEmpty() ? InstrumentationScope.UNKNOWN : new InstrumentationScope(name, version);
  }

  /** A {@code KeyValue} message (length first) put into {@code into}; a value that is not set is left out. */
  private static void keyValue(CodedInputStream in, Map<String, Object> into, int depth) throws IOException {
    int limit = in.pushLimit(in.readRawVarint32());
    String key = "";
    Object value = null;
    int tag;
    while ((tag = in.readTag()) != 0) {
      if (tag == tag(1, LEN)) {
        key = in.readStringRequireUtf8();
      } else if (tag == tag(2, LEN)) {
        int valueLimit = in.pushLimit(in.readRawVarint32());
        value = anyValue(in, depth + 1);
        in.popLimit(valueLimit);
      } else {
        in.skipField(tag);
      }
    }
    in.popLimit(limit);
    if (value != null) {
      into.put(key, value);
    }
  }

  /** The content of an {@code AnyValue} (within the current limit), as {@link OtlpMapper} maps it; null if unset. */
  private static Object anyValue(CodedInputStream in, int depth) throws IOException {
    if (depth > MAX_DEPTH) {
      throw new InvalidProtocolBufferException("attribute values nested deeper than " + MAX_DEPTH);
    }
    Object value = null;
    int tag;
    while ((tag = in.readTag()) != 0) {
      switch (tag) {
        case (1 << 3) | LEN -> value = in.readStringRequireUtf8();
        case (2 << 3) | VARINT -> value = in.readBool();
        case (3 << 3) | VARINT -> value = in.readInt64();
        case (4 << 3) | I64 -> value = in.readDouble();
        case (5 << 3) | LEN -> {
          int limit = in.pushLimit(in.readRawVarint32());
          List<Object> list = new ArrayList<>();
          int elementTag;
          while ((elementTag = in.readTag()) != 0) {
            if (elementTag == tag(1, LEN)) {
              int elementLimit = in.pushLimit(in.readRawVarint32());
              Object element = anyValue(in, depth + 1);
              in.popLimit(elementLimit);
              if (element != null) {
                list.add(element);
              }
            } else {
              in.skipField(elementTag);
            }
          }
          in.popLimit(limit);
          value = list;
        }
        case (6 << 3) | LEN -> {
          int limit = in.pushLimit(in.readRawVarint32());
          Map<String, Object> map = new LinkedHashMap<>();
          int entryTag;
          while ((entryTag = in.readTag()) != 0) {
            if (entryTag == tag(1, LEN)) {
              keyValue(in, map, depth + 1);
            } else {
              in.skipField(entryTag);
            }
          }
          in.popLimit(limit);
          value = map.toString();
        }
        case (7 << 3) | LEN -> value = Base64.getEncoder().encodeToString(in.readByteArray());
        default -> in.skipField(tag);
      }
    }
    return value;
  }

  /**
   * Skips a length-delimited message, returning its offset and length in the request's bytes; {@code base} is
   * where the stream {@code in} starts in them.
   */
  private static int[] skipMessage(CodedInputStream in, int base) throws IOException {
    int length = in.readRawVarint32();
    int offset = base + in.getTotalBytesRead();
    in.skipRawBytes(length);
    return new int[] {offset, length};
  }

  private static CodedInputStream sub(byte[] bytes, int[] range) {
    return CodedInputStream.newInstance(bytes, range[0], range[1]);
  }

  static String hex(byte[] bytes) {
    return bytes.length == 0 ? "" : HEX.formatHex(bytes);
  }
}
