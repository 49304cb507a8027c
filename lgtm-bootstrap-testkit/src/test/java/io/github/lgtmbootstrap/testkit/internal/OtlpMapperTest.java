package io.github.lgtmbootstrap.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.github.lgtmbootstrap.testkit.model.LogEntry;
import io.github.lgtmbootstrap.testkit.model.Span;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Status;
import java.util.List;
import org.junit.jupiter.api.Test;

class OtlpMapperTest {

  private static KeyValue attribute(String key, AnyValue value) {
    return KeyValue.newBuilder().setKey(key).setValue(value).build();
  }

  @Test
  void spanMapsIdsToHexEnumsToTheApiAndEveryAttributeValueKind() {
    io.opentelemetry.proto.trace.v1.Span proto = io.opentelemetry.proto.trace.v1.Span.newBuilder()
        .setTraceId(ByteString.copyFrom(new byte[] {0x0a, (byte) 0xff}))
        .setSpanId(ByteString.copyFrom(new byte[] {0x01}))
        .setName("placeOrder")
        .setKind(io.opentelemetry.proto.trace.v1.Span.SpanKind.SPAN_KIND_CONSUMER)
        .setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR).setMessage("boom"))
        .addAttributes(attribute("bytes", AnyValue.newBuilder().setBytesValue(ByteString.copyFromUtf8("hi")).build()))
        .addAttributes(attribute("list", AnyValue.newBuilder().setArrayValue(ArrayValue.newBuilder()
            .addValues(AnyValue.newBuilder().setIntValue(1)).addValues(AnyValue.newBuilder().setBoolValue(true)))
            .build()))
        .addAttributes(attribute("map", AnyValue.newBuilder().setKvlistValue(KeyValueList.newBuilder()
            .addValues(attribute("k", AnyValue.newBuilder().setStringValue("v").build()))).build()))
        .addAttributes(attribute("empty", AnyValue.getDefaultInstance()))
        .build();

    List<Span> spans = OtlpMapper.spans(List.of(ResourceSpans.newBuilder()
        .addScopeSpans(ScopeSpans.newBuilder().addSpans(proto)).build()));

    assertThat(spans).singleElement().satisfies(span -> {
      assertThat(span.traceId()).isEqualTo("0aff");
      assertThat(span.spanId()).isEqualTo("01");
      assertThat(span.parentSpanId()).isEmpty();
      assertThat(span.kind()).isEqualTo(SpanKind.CONSUMER);
      assertThat(span.statusCode()).isEqualTo(StatusCode.ERROR);
      assertThat(span.statusMessage()).isEqualTo("boom");
      assertThat(span.attributes()).containsEntry("bytes", "aGk=").containsEntry("list", List.of(1L, true))
          .containsEntry("map", "{k=v}").doesNotContainKey("empty");
    });
  }

  @Test
  void logWithoutTimeTakesItsObservedTimeAndSeverityFromItsNumber() {
    LogRecord record = LogRecord.newBuilder()
        .setObservedTimeUnixNano(42)
        .setSeverityNumberValue(Severity.WARN.getSeverityNumber())
        .setBody(AnyValue.newBuilder().setStringValue("low stock"))
        .build();

    List<LogEntry> logs = OtlpMapper.logs(List.of(ResourceLogs.newBuilder()
        .addScopeLogs(ScopeLogs.newBuilder().addLogRecords(record)).build()));

    assertThat(logs).singleElement().satisfies(log -> {
      assertThat(log.epochNanos()).isEqualTo(42);
      assertThat(log.severity()).isEqualTo(Severity.WARN);
      assertThat(log.body()).isEqualTo("low stock");
    });
  }

  @Test
  void severityNumbersOutsideOtlpAreNotGuessed() {
    assertThat(OtlpMapper.severity(0)).contains(Severity.UNDEFINED_SEVERITY_NUMBER);
    assertThat(OtlpMapper.severity(17)).contains(Severity.ERROR);
    assertThat(OtlpMapper.severity(24)).contains(Severity.FATAL4);
    assertThat(OtlpMapper.severity(25)).isEmpty();
    assertThat(OtlpMapper.severity(-1)).isEmpty();
  }
}
