package io.github.lgtmbootstrap.testkit.remote;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.github.lgtmbootstrap.testkit.model.InstrumentationScope;
import io.github.lgtmbootstrap.testkit.model.Span;
import io.github.lgtmbootstrap.testkit.model.SpanEvent;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Status;
import io.opentelemetry.proto.trace.v1.TracesData;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads Tempo's trace-by-id JSON into the model. Tempo answers the protobuf JSON mapping of its own
 * {@code tempopb.Trace} ({@code {"batches":[ResourceSpans...]}}, ids in base64, enums as names) and, on
 * {@code /api/v2}, {@code {"trace":{"resourceSpans":[...]}}}. Both carry OTLP {@code ResourceSpans}, so the
 * parsing is done by protobuf's own JSON parser into OpenTelemetry's {@link TracesData}.
 */
final class TempoTraceJson {

  private static final JsonFormat.Parser PARSER = JsonFormat.parser().ignoringUnknownFields();
  private static final HexFormat HEX = HexFormat.of();

  private TempoTraceJson() {}

  /**
   * Parses a trace-by-id answer.
   *
   * @param body the JSON body
   * @return every span of the trace, in the order Tempo returned them
   * @throws IllegalArgumentException when the body is not a trace
   */
  static List<Span> parse(String body) {
    JsonObject root = JsonParser.parseString(body).getAsJsonObject();
    JsonElement spans = root.has("batches") ? root.get("batches") : null;
    if (spans == null && root.has("trace") && root.get("trace").isJsonObject()) {
      spans = root.getAsJsonObject("trace").get("resourceSpans");
    }
    if (spans == null) {
      spans = root.get("resourceSpans");
    }
    if (spans == null) {
      return List.of();
    }
    JsonObject tracesData = new JsonObject();
    tracesData.add("resourceSpans", spans);
    TracesData.Builder builder = TracesData.newBuilder();
    try {
      PARSER.merge(tracesData.toString(), builder);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalArgumentException("not a Tempo trace: " + e.getMessage(), e);
    }
    return toSpans(builder.build());
  }

  static List<Span> toSpans(TracesData data) {
    List<Span> result = new ArrayList<>();
    for (ResourceSpans resourceSpans : data.getResourceSpansList()) {
      Map<String, Object> resource = attributes(resourceSpans.getResource().getAttributesList());
      for (ScopeSpans scopeSpans : resourceSpans.getScopeSpansList()) {
        InstrumentationScope scope =
            new InstrumentationScope(scopeSpans.getScope().getName(), scopeSpans.getScope().getVersion());
        for (io.opentelemetry.proto.trace.v1.Span span : scopeSpans.getSpansList()) {
          List<SpanEvent> events = new ArrayList<>();
          for (io.opentelemetry.proto.trace.v1.Span.Event event : span.getEventsList()) {
            events.add(new SpanEvent(event.getName(), event.getTimeUnixNano(), attributes(event.getAttributesList())));
          }
          result.add(new Span(
              hex(span.getTraceId()),
              hex(span.getSpanId()),
              hex(span.getParentSpanId()),
              span.getName(),
              kind(span.getKind()),
              status(span.getStatus().getCode()),
              span.getStatus().getMessage(),
              span.getStartTimeUnixNano(),
              span.getEndTimeUnixNano(),
              attributes(span.getAttributesList()),
              events,
              resource,
              scope));
        }
      }
    }
    return result;
  }

  static Map<String, Object> attributes(List<KeyValue> keyValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (KeyValue keyValue : keyValues) {
      Object value = value(keyValue.getValue());
      if (value != null) {
        map.put(keyValue.getKey(), value);
      }
    }
    return map;
  }

  private static Object value(AnyValue value) {
    switch (value.getValueCase()) {
      case STRING_VALUE:
        return value.getStringValue();
      case BOOL_VALUE:
        return value.getBoolValue();
      case INT_VALUE:
        return value.getIntValue();
      case DOUBLE_VALUE:
        return value.getDoubleValue();
      case ARRAY_VALUE:
        List<Object> list = new ArrayList<>();
        for (AnyValue element : value.getArrayValue().getValuesList()) {
          Object converted = value(element);
          if (converted != null) {
            list.add(converted);
          }
        }
        return list;
      case KVLIST_VALUE:
        return attributes(value.getKvlistValue().getValuesList()).toString();
      case BYTES_VALUE:
        return HEX.formatHex(value.getBytesValue().toByteArray());
      default:
        return null;
    }
  }

  private static String hex(ByteString bytes) {
    return bytes.isEmpty() ? "" : HEX.formatHex(bytes.toByteArray());
  }

  private static SpanKind kind(io.opentelemetry.proto.trace.v1.Span.SpanKind kind) {
    switch (kind) {
      case SPAN_KIND_SERVER:
        return SpanKind.SERVER;
      case SPAN_KIND_CLIENT:
        return SpanKind.CLIENT;
      case SPAN_KIND_PRODUCER:
        return SpanKind.PRODUCER;
      case SPAN_KIND_CONSUMER:
        return SpanKind.CONSUMER;
      default:
        return SpanKind.INTERNAL;
    }
  }

  private static StatusCode status(Status.StatusCode code) {
    switch (code) {
      case STATUS_CODE_OK:
        return StatusCode.OK;
      case STATUS_CODE_ERROR:
        return StatusCode.ERROR;
      default:
        return StatusCode.UNSET;
    }
  }
}
