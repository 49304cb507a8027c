package io.github.lgtmbootstrap.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.InvalidProtocolBufferException;
import io.github.lgtmbootstrap.testkit.model.Span;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.TracesData;
import java.io.ByteArrayOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the byte-level decoder adds to {@link OtlpMapperTest}: field order, sharing, malformed and hostile input. */
class OtlpProtobufDecoderTest {

  @Test
  void resourceAndScopeSentAfterTheirItemsStillApplyToThemAndAreShared() throws Exception {
    ResourceSpans itemsFirst = ResourceSpans.newBuilder().addScopeSpans(ScopeSpans.newBuilder()
        .addSpans(io.opentelemetry.proto.trace.v1.Span.newBuilder().setName("a"))
        .addSpans(io.opentelemetry.proto.trace.v1.Span.newBuilder().setName("b"))).build();
    ResourceSpans resourceLater = ResourceSpans.newBuilder().setResource(Resource.newBuilder()
        .addAttributes(KeyValue.newBuilder().setKey("service.name")
            .setValue(AnyValue.newBuilder().setStringValue("late")))).build();
    // Concatenated messages merge: field 2 (scopes) arrives before field 1 (resource).
    ByteArrayOutputStream resourceSpans = new ByteArrayOutputStream();
    itemsFirst.writeTo(resourceSpans);
    resourceLater.writeTo(resourceSpans);
    byte[] request = TracesData.newBuilder()
        .addResourceSpans(ResourceSpans.parseFrom(resourceSpans.toByteArray())).build().toByteArray();
    ByteArrayOutputStream reordered = new ByteArrayOutputStream();
    reordered.write(0x0a);
    writeVarint(reordered, resourceSpans.size());
    resourceSpans.writeTo(reordered);
    assertThat(reordered.size()).isEqualTo(request.length);

    List<Span> spans = OtlpProtobufDecoder.spans(reordered.toByteArray());

    assertThat(spans).extracting(Span::name).containsExactly("a", "b");
    assertThat(spans.get(0).resource()).containsEntry("service.name", "late");
    assertThat(spans.get(1).resource()).isSameAs(spans.get(0).resource());
  }

  @Test
  void scopeNameAndVersionAreKept() throws Exception {
    byte[] request = TracesData.newBuilder().addResourceSpans(ResourceSpans.newBuilder().addScopeSpans(
        ScopeSpans.newBuilder().setScope(InstrumentationScope.newBuilder().setName("lib").setVersion("1.2"))
            .addSpans(io.opentelemetry.proto.trace.v1.Span.newBuilder().setName("s")))).build().toByteArray();

    assertThat(OtlpProtobufDecoder.spans(request).get(0).scope())
        .isEqualTo(new io.github.lgtmbootstrap.testkit.model.InstrumentationScope("lib", "1.2"));
  }

  @Test
  void truncatedOrGarbageBytesAreInvalid() {
    byte[] request = TracesData.newBuilder().addResourceSpans(ResourceSpans.newBuilder().addScopeSpans(
        ScopeSpans.newBuilder().addSpans(io.opentelemetry.proto.trace.v1.Span.newBuilder().setName("cut"))))
        .build().toByteArray();
    byte[] truncated = java.util.Arrays.copyOf(request, request.length - 2);

    assertThatThrownBy(() -> OtlpProtobufDecoder.spans(truncated)).isInstanceOf(InvalidProtocolBufferException.class);
    assertThatThrownBy(() -> OtlpProtobufDecoder.logs(new byte[] {0x0a, 0x7f, 0x01}))
        .isInstanceOf(InvalidProtocolBufferException.class);
  }

  @Test
  void valuesNestedDeeperThanProtobufAllowsAreInvalidNotAStackOverflow() {
    AnyValue value = AnyValue.newBuilder().setStringValue("bottom").build();
    for (int i = 0; i < 200; i++) {
      value = AnyValue.newBuilder().setArrayValue(ArrayValue.newBuilder().addValues(value)).build();
    }
    byte[] nested = value.toByteArray();
    // Span attribute "deep" = value, inside the usual envelope, written by hand (protobuf refuses to parse it).
    ByteArrayOutputStream keyValue = new ByteArrayOutputStream();
    keyValue.write(0x0a);
    keyValue.write(4);
    keyValue.writeBytes("deep".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    field(keyValue, 2, nested);
    ByteArrayOutputStream span = new ByteArrayOutputStream();
    field(span, 9, keyValue.toByteArray());
    ByteArrayOutputStream scopeSpans = new ByteArrayOutputStream();
    field(scopeSpans, 2, span.toByteArray());
    ByteArrayOutputStream resourceSpans = new ByteArrayOutputStream();
    field(resourceSpans, 2, scopeSpans.toByteArray());
    ByteArrayOutputStream request = new ByteArrayOutputStream();
    field(request, 1, resourceSpans.toByteArray());

    assertThatThrownBy(() -> OtlpProtobufDecoder.spans(request.toByteArray()))
        .isInstanceOf(InvalidProtocolBufferException.class).hasMessageContaining("nested deeper than 100");
  }

  @Test
  void attributeValuesKeepTheirTextAndTypesAndARepeatedKeyTakesItsLastValue() throws Exception {
    io.opentelemetry.proto.trace.v1.Span.Builder span = io.opentelemetry.proto.trace.v1.Span.newBuilder()
        .setName("s")
        .addAttributes(stringAttribute("ascii", "plain"))
        .addAttributes(stringAttribute("unicode", "caf\u00e9 \u2603"))
        .addAttributes(KeyValue.newBuilder().setKey("n").setValue(AnyValue.newBuilder().setIntValue(42)))
        .addAttributes(stringAttribute("ascii", "again"))
        .addEvents(io.opentelemetry.proto.trace.v1.Span.Event.newBuilder().setName("e")
            .addAttributes(stringAttribute("in.event", "yes")))
        .addAttributes(stringAttribute("after.event", "kept"));
    byte[] request = TracesData.newBuilder().addResourceSpans(ResourceSpans.newBuilder()
        .addScopeSpans(ScopeSpans.newBuilder().addSpans(span))).build().toByteArray();

    Span decoded = OtlpProtobufDecoder.spans(request).get(0);

    assertThat(decoded.attributes()).containsExactly(java.util.Map.entry("ascii", "again"),
        java.util.Map.entry("unicode", "caf\u00e9 \u2603"), java.util.Map.entry("n", 42L),
        java.util.Map.entry("after.event", "kept"));
    assertThat(decoded.events()).singleElement()
        .satisfies(event -> assertThat(event.attributes()).containsExactly(java.util.Map.entry("in.event", "yes")));
  }

  @Test
  void invalidUtf8InAStringIsInvalidNotReplaced() {
    ByteArrayOutputStream keyValue = new ByteArrayOutputStream();
    keyValue.write(0x0a);
    keyValue.write(1);
    keyValue.write('k');
    field(keyValue, 2, new byte[] {0x0a, 2, (byte) 0xc3, (byte) 0x28});
    ByteArrayOutputStream span = new ByteArrayOutputStream();
    field(span, 9, keyValue.toByteArray());

    assertThatThrownBy(() -> OtlpProtobufDecoder.spans(envelope(span.toByteArray())))
        .isInstanceOf(InvalidProtocolBufferException.class).hasMessageContaining("UTF-8");
  }

  @Test
  void unknownFieldsOfEveryWireTypeAreSkipped() throws Exception {
    ByteArrayOutputStream span = new ByteArrayOutputStream();
    field(span, 5, "named".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    writeVarint(span, 20 << 3); // varint
    writeVarint(span, 300);
    writeVarint(span, 21 << 3 | 1); // fixed64
    span.writeBytes(new byte[8]);
    writeVarint(span, 22 << 3 | 5); // fixed32
    span.writeBytes(new byte[4]);
    writeVarint(span, 23 << 3 | 3); // a group holding a varint
    span.write(1 << 3);
    span.write(1);
    writeVarint(span, 23 << 3 | 4);
    field(span, 14, new byte[] {1, 2, 3});

    assertThat(OtlpProtobufDecoder.spans(envelope(span.toByteArray()))).extracting(Span::name)
        .containsExactly("named");
  }

  private static KeyValue stringAttribute(String key, String value) {
    return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
  }

  /** One span's bytes inside a scope, a resource and a request. */
  private static byte[] envelope(byte[] span) {
    ByteArrayOutputStream scopeSpans = new ByteArrayOutputStream();
    field(scopeSpans, 2, span);
    ByteArrayOutputStream resourceSpans = new ByteArrayOutputStream();
    field(resourceSpans, 2, scopeSpans.toByteArray());
    ByteArrayOutputStream request = new ByteArrayOutputStream();
    field(request, 1, resourceSpans.toByteArray());
    return request.toByteArray();
  }

  private static void field(ByteArrayOutputStream out, int number, byte[] content) {
    out.write(number << 3 | 2);
    writeVarint(out, content.length);
    out.writeBytes(content);
  }

  private static void writeVarint(ByteArrayOutputStream out, int value) {
    while ((value & ~0x7f) != 0) {
      out.write((value & 0x7f) | 0x80);
      value >>>= 7;
    }
    out.write(value);
  }
}
