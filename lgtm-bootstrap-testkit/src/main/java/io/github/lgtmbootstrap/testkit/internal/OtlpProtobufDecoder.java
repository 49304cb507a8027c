package io.github.lgtmbootstrap.testkit.internal;

import com.google.protobuf.InvalidProtocolBufferException;
import io.github.lgtmbootstrap.testkit.model.AttributeValues;
import io.github.lgtmbootstrap.testkit.model.InstrumentationScope;
import io.github.lgtmbootstrap.testkit.model.LogEntry;
import io.github.lgtmbootstrap.testkit.model.Span;
import io.github.lgtmbootstrap.testkit.model.SpanEvent;
import io.opentelemetry.api.logs.Severity;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Decodes OTLP trace and log requests from protobuf bytes straight into the model, with a {@link ProtobufReader}
 * over the request's bytes and no generated message classes in between: no intermediate copy of every span, and
 * nothing of protobuf's descriptors loaded (which cost a cold JVM a tenth of a second). Attribute maps are built
 * once, in the model's final form; keys and names repeated within a request are decoded once and shared. Same
 * mapping as {@link OtlpMapper}, which delegates here for spans and logs. Items of one resource share one resource
 * map. Not API.
 */
public final class OtlpProtobufDecoder {

  private static final HexFormat HEX = HexFormat.of();
  private static final int LEN = ProtobufReader.LEN;
  private static final int I64 = ProtobufReader.I64;
  private static final int VARINT = ProtobufReader.VARINT;
  /** As deep as protobuf's own parser goes. */
  static final int MAX_DEPTH = 100;

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
    abstract T read(Items items, Map<String, Object> resource, InstrumentationScope scope) throws IOException;
  }

  /** What {@link #anyValue} answers for an ASCII string it leaves in the request's bytes. */
  private static final Object ASCII = new Object();

  private static final ItemReader<Span> SPANS = new ItemReader<>() {
    @Override
    Span read(Items items, Map<String, Object> resource, InstrumentationScope scope) throws IOException {
      return span(items, resource, scope);
    }
  };

  private static final ItemReader<LogEntry> LOG_RECORDS = new ItemReader<>() {
    @Override
    LogEntry read(Items items, Map<String, Object> resource, InstrumentationScope scope) throws IOException {
      return logRecord(items, resource, scope);
    }
  };

  /**
   * What decoding one request reads with: the reader over its bytes, the strings its items repeat, and one
   * attribute builder whose maps come out in their final form (nested maps of values are strings, so one is
   * enough).
   */
  private static final class Items {
    final ProtobufReader in;
    final ProtobufReader.Strings strings = new ProtobufReader.Strings();
    final AttributeValues.Builder attributes = AttributeValues.builder(16);
    /** Where the last string value {@link #anyValue} answered with {@link #ASCII} starts and ends. */
    int asciiFrom;
    int asciiTo;

    Items(byte[] request) {
      this.in = new ProtobufReader(request, 0, request.length);
    }
  }

  /**
   * Decodes a request whose field 1 repeats resource messages ({@code ResourceSpans}, {@code ResourceLogs}), each
   * with a resource (field 1) and scope messages (field 2), each with a scope (field 1) and items (field 2).
   */
  private static <T> List<T> decode(byte[] request, ItemReader<T> reader) throws InvalidProtocolBufferException {
    List<T> out = new ArrayList<>();
    Items items = new Items(request);
    try {
      ProtobufReader in = items.in;
      int tag;
      while ((tag = in.readTag()) != 0) {
        if (tag == tag(1, LEN)) {
          int outer = in.begin();
          resourceItems(items, reader, out);
          in.end(outer);
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
   * Offsets of the scope messages are kept in pairs (start, end) until then.
   */
  private static <T> void resourceItems(Items items, ItemReader<T> reader, List<T> out) throws IOException {
    ProtobufReader in = items.in;
    Map<String, Object> resource = AttributeValues.copyOf(Map.of());
    int[] scopes = new int[2];
    int scopeCount = 0;
    int tag;
    while ((tag = in.readTag()) != 0) {
      if (tag == tag(1, LEN)) {
        resource = resource(items);
      } else if (tag == tag(2, LEN)) {
        scopes = range(in, scopes, scopeCount++);
      } else {
        in.skipField(tag);
      }
    }
    for (int i = 0; i < scopeCount; i++) {
      scopeItems(items, scopes[2 * i], scopes[2 * i + 1], resource, reader, out);
    }
  }

  private static <T> void scopeItems(Items items, int from, int to, Map<String, Object> resource,
      ItemReader<T> reader, List<T> out) throws IOException {
    ProtobufReader in = items.in;
    int outer = in.seek(from, to);
    InstrumentationScope scope = InstrumentationScope.UNKNOWN;
    int[] ranges = new int[64];
    int count = 0;
    int tag;
    while ((tag = in.readTag()) != 0) {
      if (tag == tag(1, LEN)) {
        scope = scope(items);
      } else if (tag == tag(2, LEN)) {
        ranges = range(in, ranges, count++);
      } else {
        in.skipField(tag);
      }
    }
    for (int i = 0; i < count; i++) {
      in.seek(ranges[2 * i], ranges[2 * i + 1]);
      out.add(reader.read(items, resource, scope));
    }
    in.seek(to, outer);
  }

  /** Skips a length-delimited field, keeping its content's start and end as the {@code index}-th pair. */
  private static int[] range(ProtobufReader in, int[] ranges, int index) throws IOException {
    int start = in.skipLength();
    int[] kept = 2 * index + 1 < ranges.length ? ranges : Arrays.copyOf(ranges, 4 * index + 4);
    kept[2 * index] = start;
    kept[2 * index + 1] = in.position();
    return kept;
  }

  private static Span span(Items items, Map<String, Object> resource, InstrumentationScope scope)
      throws IOException {
    ProtobufReader in = items.in;
    AttributeValues.Builder attributes = items.attributes;
    String traceId = "";
    String spanId = "";
    String parentSpanId = "";
    String name = "";
    int kind = 0;
    long start = 0;
    long end = 0;
    List<SpanEvent> events = List.of();
    int statusCode = 0;
    String statusMessage = "";
    int tag;
    while ((tag = in.readTag()) != 0) {
      switch (tag) {
        case (1 << 3) | LEN -> traceId = in.readHex();
        case (2 << 3) | LEN -> spanId = in.readHex();
        case (4 << 3) | LEN -> parentSpanId = in.readHex();
        case (5 << 3) | LEN -> name = in.readString(items.strings);
        case (6 << 3) | VARINT -> kind = in.readVarint32();
        case (7 << 3) | I64 -> start = in.readFixed64();
        case (8 << 3) | I64 -> end = in.readFixed64();
        case (9 << 3) | LEN -> keyValue(items, attributes, 0);
        case (11 << 3) | LEN -> {
          if (events.isEmpty()) {
            events = new ArrayList<>(2);
          }
          int outer = in.begin();
          events.add(event(items));
          in.end(outer);
        }
        case (15 << 3) | LEN -> {
          int outer = in.begin();
          int statusTag;
          while ((statusTag = in.readTag()) != 0) {
            if (statusTag == tag(2, LEN)) {
              statusMessage = in.readString();
            } else if (statusTag == tag(3, VARINT)) {
              statusCode = in.readVarint32();
            } else {
              in.skipField(statusTag);
            }
          }
          in.end(outer);
        }
        default -> in.skipField(tag);
      }
    }
    return new Span(traceId, spanId, parentSpanId, name, OtlpMapper.kind(kind), OtlpMapper.status(statusCode),
        statusMessage, start, end, attributes.build(), events, resource, scope);
  }

  private static SpanEvent event(Items items) throws IOException {
    ProtobufReader in = items.in;
    // Its own builder: the request's holds the attributes of the span the event is on.
    AttributeValues.Builder attributes = AttributeValues.builder(4);
    String name = "";
    long time = 0;
    int tag;
    while ((tag = in.readTag()) != 0) {
      switch (tag) {
        case (1 << 3) | I64 -> time = in.readFixed64();
        case (2 << 3) | LEN -> name = in.readString(items.strings);
        case (3 << 3) | LEN -> keyValue(items, attributes, 0);
        default -> in.skipField(tag);
      }
    }
    return new SpanEvent(name, time, attributes.build());
  }

  private static LogEntry logRecord(Items items, Map<String, Object> resource, InstrumentationScope scope)
      throws IOException {
    ProtobufReader in = items.in;
    long time = 0;
    long observed = 0;
    int severity = 0;
    String severityText = "";
    String body = "";
    String traceId = "";
    String spanId = "";
    int tag;
    while ((tag = in.readTag()) != 0) {
      switch (tag) {
        case (1 << 3) | I64 -> time = in.readFixed64();
        case (11 << 3) | I64 -> observed = in.readFixed64();
        case (2 << 3) | VARINT -> severity = in.readVarint32();
        case (3 << 3) | LEN -> severityText = in.readString(items.strings);
        case (5 << 3) | LEN -> {
          int outer = in.begin();
          Object value = anyValue(items, 0, false);
          in.end(outer);
          body = value == null ? "" : value.toString();
        }
        case (6 << 3) | LEN -> keyValue(items, items.attributes, 0);
        case (9 << 3) | LEN -> traceId = in.readHex();
        case (10 << 3) | LEN -> spanId = in.readHex();
        default -> in.skipField(tag);
      }
    }
    return new LogEntry(time != 0 ? time : observed,
        OtlpMapper.severity(severity).orElse(Severity.UNDEFINED_SEVERITY_NUMBER), severityText, body,
        items.attributes.build(), traceId, spanId, resource, scope);
  }

  /** A {@code Resource} message (length first): its attributes, as one map its items share. */
  private static Map<String, Object> resource(Items items) throws IOException {
    ProtobufReader in = items.in;
    int outer = in.begin();
    AttributeValues.Builder attributes = AttributeValues.builder(16);
    int tag;
    while ((tag = in.readTag()) != 0) {
      if (tag == tag(1, LEN)) {
        keyValue(items, attributes, 0);
      } else {
        in.skipField(tag);
      }
    }
    in.end(outer);
    return attributes.build();
  }

  /** An {@code InstrumentationScope} message (length first): name and version. */
  private static InstrumentationScope scope(Items items) throws IOException {
    ProtobufReader in = items.in;
    int outer = in.begin();
    String name = "";
    String version = "";
    int tag;
    while ((tag = in.readTag()) != 0) {
      if (tag == tag(1, LEN)) {
        name = in.readString(items.strings);
      } else if (tag == tag(2, LEN)) {
        version = in.readString(items.strings);
      } else {
        in.skipField(tag);
      }
    }
    in.end(outer);
    return name.isEmpty() && version.isEmpty() ? InstrumentationScope.UNKNOWN : new InstrumentationScope(name, version);
  }

  /** A {@code KeyValue} message (length first) put into {@code into}; a value that is not set is left out. */
  private static void keyValue(Items items, AttributeValues.Builder into, int depth) throws IOException {
    ProtobufReader in = items.in;
    int outer = in.begin();
    String key = "";
    Object value = null;
    int tag;
    while ((tag = in.readTag()) != 0) {
      if (tag == tag(1, LEN)) {
        key = in.readString(items.strings);
      } else if (tag == tag(2, LEN)) {
        int valueOuter = in.begin();
        value = anyValue(items, depth + 1, true);
        in.end(valueOuter);
      } else {
        in.skipField(tag);
      }
    }
    in.end(outer);
    if (value == ASCII) {
      into.putAscii(key, in.bytes(), items.asciiFrom, items.asciiTo - items.asciiFrom);
    } else {
      into.put(key, value);
    }
  }

  /**
   * The content of an {@code AnyValue} (within the current limit), as {@link OtlpMapper} maps it; null if unset.
   * With {@code asciiInPlace}, an ASCII string value is answered as {@link #ASCII} and its bounds left in
   * {@code items}, for {@link AttributeValues.Builder#putAscii}.
   */
  private static Object anyValue(Items items, int depth, boolean asciiInPlace) throws IOException {
    if (depth > MAX_DEPTH) {
      throw new InvalidProtocolBufferException("attribute values nested deeper than " + MAX_DEPTH);
    }
    ProtobufReader in = items.in;
    Object value = null;
    int tag;
    while ((tag = in.readTag()) != 0) {
      switch (tag) {
        case (1 << 3) | LEN -> {
          if (asciiInPlace) {
            int from = in.skipLength();
            if (ProtobufReader.isAscii(in.bytes(), from, in.position())) {
              items.asciiFrom = from;
              items.asciiTo = in.position();
              value = ASCII;
            } else {
              value = ProtobufReader.decode(in.bytes(), from, in.position() - from);
            }
          } else {
            value = in.readString();
          }
        }
        case (2 << 3) | VARINT -> value = in.readVarint64() != 0;
        case (3 << 3) | VARINT -> value = in.readVarint64();
        case (4 << 3) | I64 -> value = Double.longBitsToDouble(in.readFixed64());
        case (5 << 3) | LEN -> {
          int outer = in.begin();
          List<Object> list = new ArrayList<>();
          int elementTag;
          while ((elementTag = in.readTag()) != 0) {
            if (elementTag == tag(1, LEN)) {
              int elementOuter = in.begin();
              Object element = anyValue(items, depth + 1, false);
              in.end(elementOuter);
              if (element != null) {
                list.add(element);
              }
            } else {
              in.skipField(elementTag);
            }
          }
          in.end(outer);
          value = list;
        }
        case (6 << 3) | LEN -> {
          int outer = in.begin();
          // A map value is kept as its string, in its own builder: the caller's may hold a span's attributes.
          AttributeValues.Builder map = AttributeValues.builder(4);
          int entryTag;
          while ((entryTag = in.readTag()) != 0) {
            if (entryTag == tag(1, LEN)) {
              keyValue(items, map, depth + 1);
            } else {
              in.skipField(entryTag);
            }
          }
          in.end(outer);
          value = map.build().toString();
        }
        case (7 << 3) | LEN -> value = Base64.getEncoder().encodeToString(in.readBytes());
        default -> in.skipField(tag);
      }
    }
    return value;
  }

  static String hex(byte[] bytes) {
    return bytes.length == 0 ? "" : HEX.formatHex(bytes);
  }
}
