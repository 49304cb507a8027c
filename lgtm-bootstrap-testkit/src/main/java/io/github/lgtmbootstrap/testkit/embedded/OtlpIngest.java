package io.github.lgtmbootstrap.testkit.embedded;

import com.google.protobuf.InvalidProtocolBufferException;
import io.github.lgtmbootstrap.testkit.internal.OtlpMapper;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;

/**
 * Decodes one OTLP protobuf export request and stores what it carries: the path from bytes to the store for the
 * gRPC receiver, and the one place where a check of the whole request (such as an item cap) belongs.
 *
 * <p>The store accepts every item (a full store evicts its oldest, counted as dropped), so the response is the
 * empty export response: OTLP's {@code partial_success} must stay unset when nothing was rejected.
 */
final class OtlpIngest {

  private OtlpIngest() {}

  /**
   * Decodes and stores a protobuf request of the given signal.
   *
   * @return the protobuf export response to send back
   * @throws InvalidProtocolBufferException when the bytes are not a request of that signal; nothing is stored
   */
  static byte[] protobuf(TelemetryStore store, OtlpHttpReceiver.Signal signal, byte[] body)
      throws InvalidProtocolBufferException {
    switch (signal) {
      case TRACES -> {
        ExportTraceServiceRequest request = ExportTraceServiceRequest.parseFrom(body);
        store.addSpans(OtlpMapper.spans(request.getResourceSpansList()));
        return ExportTraceServiceResponse.getDefaultInstance().toByteArray();
      }
      case METRICS -> {
        ExportMetricsServiceRequest request = ExportMetricsServiceRequest.parseFrom(body);
        store.addMetrics(OtlpMapper.metrics(request.getResourceMetricsList()));
        return ExportMetricsServiceResponse.getDefaultInstance().toByteArray();
      }
      default -> {
        ExportLogsServiceRequest request = ExportLogsServiceRequest.parseFrom(body);
        store.addLogs(OtlpMapper.logs(request.getResourceLogsList()));
        return ExportLogsServiceResponse.getDefaultInstance().toByteArray();
      }
    }
  }
}
