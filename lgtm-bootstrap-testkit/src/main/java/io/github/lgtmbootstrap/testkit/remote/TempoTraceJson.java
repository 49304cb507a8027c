package io.github.lgtmbootstrap.testkit.remote;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.github.lgtmbootstrap.testkit.internal.OtlpMapper;
import io.github.lgtmbootstrap.testkit.model.Span;
import io.opentelemetry.proto.trace.v1.TracesData;
import java.util.List;

/**
 * Reads Tempo's trace-by-id JSON into the model. Tempo answers the protobuf JSON mapping of its own
 * {@code tempopb.Trace} ({@code {"batches":[ResourceSpans...]}}, ids in base64, enums as names) and, on
 * {@code /api/v2}, {@code {"trace":{"resourceSpans":[...]}}}. Both carry OTLP {@code ResourceSpans}, so the
 * parsing is done by protobuf's own JSON parser into OpenTelemetry's {@link TracesData}, and the mapping into the
 * model by the same {@link OtlpMapper} the embedded receiver uses.
 */
final class TempoTraceJson {

  private static final JsonFormat.Parser PARSER = JsonFormat.parser().ignoringUnknownFields();

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
    return OtlpMapper.spans(builder.build().getResourceSpansList());
  }
}
