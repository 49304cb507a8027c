package io.github.lgtmbootstrap.testkit.internal;

import com.google.protobuf.InvalidProtocolBufferException;
import io.github.lgtmbootstrap.testkit.model.AttributeValues;
import io.github.lgtmbootstrap.testkit.model.Exemplar;
import io.github.lgtmbootstrap.testkit.model.HistogramPoint;
import io.github.lgtmbootstrap.testkit.model.InstrumentationScope;
import io.github.lgtmbootstrap.testkit.model.LogEntry;
import io.github.lgtmbootstrap.testkit.model.Metric;
import io.github.lgtmbootstrap.testkit.model.MetricPoint;
import io.github.lgtmbootstrap.testkit.model.MetricType;
import io.github.lgtmbootstrap.testkit.model.NumberPoint;
import io.github.lgtmbootstrap.testkit.model.Span;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogsData;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.metrics.v1.SummaryDataPoint;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.TracesData;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Maps OTLP protobuf messages into the backend-neutral model: the one mapping behind every source that receives
 * or returns OTLP (the embedded receiver's export requests, Tempo's trace-by-id answers). Ids become lower-case
 * hex, enums the OpenTelemetry API's, attribute values {@code String}/{@code Boolean}/{@code Long}/{@code Double}
 * or lists of them; a key-value list becomes its {@code toString()} and bytes become base64 (as in OTLP/JSON).
 * Not API.
 */
public final class OtlpMapper {

  private static final Severity[] SEVERITIES_BY_NUMBER = severitiesByNumber();

  private OtlpMapper() {}

  /**
   * Maps spans.
   *
   * @param resourceSpansList such as {@code ExportTraceServiceRequest.getResourceSpansList()}
   * @return every span, in message order
   */
  public static List<Span> spans(List<ResourceSpans> resourceSpansList) {
    try {
      return OtlpProtobufDecoder.spans(
          TracesData.newBuilder().addAllResourceSpans(resourceSpansList).build().toByteArray());
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("protobuf did not read what it wrote", e);
    }
  }

  /**
   * Maps log records; a record without a time gets its observed time.
   *
   * @param resourceLogsList such as {@code ExportLogsServiceRequest.getResourceLogsList()}
   * @return every log record, in message order
   */
  public static List<LogEntry> logs(List<ResourceLogs> resourceLogsList) {
    try {
      return OtlpProtobufDecoder.logs(
          LogsData.newBuilder().addAllResourceLogs(resourceLogsList).build().toByteArray());
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("protobuf did not read what it wrote", e);
    }
  }

  /**
   * Maps metrics; a metric without data is left out, as it carries nothing a test could assert on.
   *
   * @param resourceMetricsList such as {@code ExportMetricsServiceRequest.getResourceMetricsList()}
   * @return every metric with data, in message order
   */
  public static List<Metric> metrics(List<ResourceMetrics> resourceMetricsList) {
    List<Metric> metrics = new ArrayList<>();
    for (ResourceMetrics resourceMetrics : resourceMetricsList) {
      // One map per resource, shared by its items (AttributeValues.copyOf keeps it as it is).
      Map<String, Object> resource =
          AttributeValues.copyOf(attributes(resourceMetrics.getResource().getAttributesList()));
      for (ScopeMetrics scopeMetrics : resourceMetrics.getScopeMetricsList()) {
        InstrumentationScope scope =
            new InstrumentationScope(scopeMetrics.getScope().getName(), scopeMetrics.getScope().getVersion());
        for (io.opentelemetry.proto.metrics.v1.Metric metric : scopeMetrics.getMetricsList()) {
          Metric decoded = metric(metric, resource, scope);
          if (decoded != null) {
            metrics.add(decoded);
          }
        }
      }
    }
    return metrics;
  }

  private static Metric metric(
      io.opentelemetry.proto.metrics.v1.Metric metric, Map<String, Object> resource, InstrumentationScope scope) {
    List<MetricPoint> points = new ArrayList<>();
    MetricType type;
    boolean monotonic = false;
    switch (metric.getDataCase()) {
      case GAUGE -> {
        type = MetricType.GAUGE;
        metric.getGauge().getDataPointsList().forEach(p -> points.add(number(p)));
      }
      case SUM -> {
        type = MetricType.SUM;
        monotonic = metric.getSum().getIsMonotonic();
        metric.getSum().getDataPointsList().forEach(p -> points.add(number(p)));
      }
      case HISTOGRAM -> {
        type = MetricType.HISTOGRAM;
        metric.getHistogram().getDataPointsList().forEach(p -> points.add(histogram(p)));
      }
      case EXPONENTIAL_HISTOGRAM -> {
        type = MetricType.EXPONENTIAL_HISTOGRAM;
        metric.getExponentialHistogram().getDataPointsList().forEach(p -> points.add(exponential(p)));
      }
      case SUMMARY -> {
        type = MetricType.SUMMARY;
        metric.getSummary().getDataPointsList().forEach(p -> points.add(summary(p)));
      }
      default -> {
        return null; // a metric without data carries nothing a test could assert on
      }
    }
    return new Metric(
        metric.getName(), metric.getName(), metric.getDescription(), metric.getUnit(), type, monotonic, points,
        resource, scope);
  }

  private static NumberPoint number(NumberDataPoint point) {
    double value = point.getValueCase() == NumberDataPoint.ValueCase.AS_INT ? point.getAsInt() : point.getAsDouble();
    return new NumberPoint(
        attributes(point.getAttributesList()), point.getStartTimeUnixNano(), point.getTimeUnixNano(), value);
  }

  private static HistogramPoint histogram(HistogramDataPoint point) {
    return new HistogramPoint(
        attributes(point.getAttributesList()),
        point.getStartTimeUnixNano(),
        point.getTimeUnixNano(),
        point.getCount(),
        point.getSum(),
        point.getExplicitBoundsList(),
        point.getBucketCountsList(),
        exemplars(point.getExemplarsList()));
  }

  private static HistogramPoint exponential(ExponentialHistogramDataPoint point) {
    return new HistogramPoint(
        attributes(point.getAttributesList()), point.getStartTimeUnixNano(), point.getTimeUnixNano(),
        point.getCount(), point.getSum(), List.of(), List.of(), exemplars(point.getExemplarsList()));
  }

  private static List<Exemplar> exemplars(List<io.opentelemetry.proto.metrics.v1.Exemplar> exemplars) {
    List<Exemplar> mapped = new java.util.ArrayList<>(exemplars.size());
    for (io.opentelemetry.proto.metrics.v1.Exemplar exemplar : exemplars) {
      double value = exemplar.getValueCase() == io.opentelemetry.proto.metrics.v1.Exemplar.ValueCase.AS_INT
          ? exemplar.getAsInt() : exemplar.getAsDouble();
      mapped.add(new Exemplar(value, exemplar.getTimeUnixNano(), OtlpProtobufDecoder.hex(exemplar.getTraceId().toByteArray()),
          OtlpProtobufDecoder.hex(exemplar.getSpanId().toByteArray())));
    }
    return mapped;
  }

  private static HistogramPoint summary(SummaryDataPoint point) {
    return new HistogramPoint(
        attributes(point.getAttributesList()), point.getStartTimeUnixNano(), point.getTimeUnixNano(),
        point.getCount(), point.getSum(), List.of(), List.of());
  }

  private static Map<String, Object> attributes(List<KeyValue> keyValues) {
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
    return switch (value.getValueCase()) {
      case STRING_VALUE -> value.getStringValue();
      case BOOL_VALUE -> value.getBoolValue();
      case INT_VALUE -> value.getIntValue();
      case DOUBLE_VALUE -> value.getDoubleValue();
      case ARRAY_VALUE -> {
        List<Object> list = new ArrayList<>();
        for (AnyValue element : value.getArrayValue().getValuesList()) {
          Object converted = value(element);
          if (converted != null) {
            list.add(converted);
          }
        }
        yield list;
      }
      case KVLIST_VALUE -> attributes(value.getKvlistValue().getValuesList()).toString();
      case BYTES_VALUE -> Base64.getEncoder().encodeToString(value.getBytesValue().toByteArray());
      default -> null;
    };
  }

  static SpanKind kind(int protoKind) {
    return switch (protoKind) {
      case 2 -> SpanKind.SERVER;
      case 3 -> SpanKind.CLIENT;
      case 4 -> SpanKind.PRODUCER;
      case 5 -> SpanKind.CONSUMER;
      default -> SpanKind.INTERNAL; // 0 (unspecified) and 1 (internal)
    };
  }

  static StatusCode status(int protoCode) {
    return switch (protoCode) {
      case 1 -> StatusCode.OK;
      case 2 -> StatusCode.ERROR;
      default -> StatusCode.UNSET;
    };
  }

  /**
   * The severity an OTLP severity number stands for, as every source that carries the number reads it.
   *
   * @param number 0 (unspecified) to 24
   * @return the severity, {@link Severity#UNDEFINED_SEVERITY_NUMBER} for 0; empty for a number OTLP does not define
   */
  public static Optional<Severity> severity(int number) {
    return number >= 0 && number < SEVERITIES_BY_NUMBER.length
        ? Optional.ofNullable(SEVERITIES_BY_NUMBER[number])
        : Optional.empty();
  }

  private static Severity[] severitiesByNumber() {
    Severity[] byNumber = new Severity[25];
    for (Severity severity : Severity.values()) {
      int number = severity.getSeverityNumber();
      if (number >= 0 && number < byNumber.length) {
        byNumber[number] = severity;
      }
    }
    return byNumber;
  }
}
