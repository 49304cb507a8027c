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
