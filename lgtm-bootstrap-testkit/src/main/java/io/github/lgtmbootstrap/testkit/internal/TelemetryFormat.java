package io.github.lgtmbootstrap.testkit.internal;

import io.github.lgtmbootstrap.testkit.model.HistogramPoint;
import io.github.lgtmbootstrap.testkit.model.LogEntry;
import io.github.lgtmbootstrap.testkit.model.Metric;
import io.github.lgtmbootstrap.testkit.model.MetricPoint;
import io.github.lgtmbootstrap.testkit.model.NumberPoint;
import io.github.lgtmbootstrap.testkit.model.Span;
import io.github.lgtmbootstrap.testkit.model.SpanEvent;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.trace.StatusCode;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Renders one span, log record or metric as one readable line; shared by assertion failure messages and the
 * standalone runner so both show telemetry the same way. Not API.
 */
public final class TelemetryFormat {

  private static final int MAX_BODY = 200;
  private static final int MAX_VALUE = 120;

  private TelemetryFormat() {}

  /**
   * One line for a span: name, kind, status, duration, ids, service, attributes and event names.
   *
   * @param span the span
   * @return the line, without a trailing newline
   */
  public static String span(Span span) {
    StringBuilder line = new StringBuilder(span.name()).append(" [").append(span.kind());
    if (span.statusCode() != StatusCode.UNSET) {
      line.append(", ").append(span.statusCode());
      if (!span.statusMessage().isEmpty()) {
        line.append(" \"").append(span.statusMessage()).append('"');
      }
    }
    line.append(", ").append(millis(span.endEpochNanos() - span.startEpochNanos())).append(']');
    line.append(" trace=").append(span.traceId()).append(" span=").append(span.spanId());
    line.append(" parent=").append(span.isRoot() ? "-" : span.parentSpanId());
    appendService(line, span.serviceName());
    appendAttributes(line, span.attributes());
    if (!span.events().isEmpty()) {
      line.append(" events=").append(span.events().stream().map(SpanEvent::name)
          .collect(Collectors.joining(", ", "[", "]")));
    }
    return line.toString();
  }

  /**
   * One line for a log record: severity, body, trace context, service and attributes.
   *
   * @param log the record
   * @return the line, without a trailing newline
   */
  public static String log(LogEntry log) {
    StringBuilder line = new StringBuilder(severity(log)).append(" \"").append(shorten(log.body())).append('"');
    if (log.hasTraceContext()) {
      line.append(" trace=").append(log.traceId()).append(" span=").append(log.spanId());
    }
    appendService(line, log.serviceName());
    appendAttributes(line, log.attributes());
    return line.toString();
  }

  /**
   * One line for a metric: name, type, unit, service and each point's attributes and value.
   *
   * @param metric the metric
   * @return the line, without a trailing newline
   */
  public static String metric(Metric metric) {
    StringBuilder line = new StringBuilder(metric.name()).append(" [").append(metric.type());
    if (metric.monotonic()) {
      line.append(" monotonic");
    }
    if (!metric.unit().isEmpty()) {
      line.append(", unit=").append(metric.unit());
    }
    line.append(']');
    appendService(line, metric.serviceName());
    line.append(metric.points().stream().map(TelemetryFormat::point).collect(Collectors.joining(", ", " ", "")));
    return line.toString();
  }

  /**
   * One metric point: its attributes and its value (or count and sum).
   *
   * @param point the point
   * @return the text
   */
  public static String point(MetricPoint point) {
    String attributes = attributes(point.attributes());
    if (point instanceof NumberPoint number) {
      return attributes + "=" + number(number.value());
    }
    HistogramPoint histogram = (HistogramPoint) point;
    return attributes + "=count " + histogram.count() + " sum " + number(histogram.sum())
        + (histogram.exemplars().isEmpty() ? "" : histogram.exemplars().stream()
            .map(exemplar -> exemplar.traceId().isEmpty() ? number(exemplar.value())
                : number(exemplar.value()) + "@trace=" + exemplar.traceId())
            .collect(Collectors.joining(", ", " exemplars [", "]")));
  }

  /**
   * Attributes in insertion order, strings quoted: <code>{order.items=3, payment="card"}</code>.
   *
   * @param attributes the map
   * @return the text
   */
  public static String attributes(Map<String, Object> attributes) {
    return attributes.entrySet().stream()
        .map(entry -> entry.getKey() + "=" + value(entry.getValue()))
        .collect(Collectors.joining(", ", "{", "}"));
  }

  /**
   * An attribute value as it appears in {@link #attributes(Map)}: strings quoted on one line and cut after 120
   * characters, integers plain, doubles always with a decimal point ({@code 3.0}).
   *
   * @param value the value, may be null
   * @return the text
   */
  public static String value(Object value) {
    if (value instanceof String text) {
      // Stack traces and payloads would drown a failure message; the start identifies them.
      String oneLine = text.replace("\r", "\\r").replace("\n", "\\n");
      return '"' + (oneLine.length() <= MAX_VALUE ? oneLine
          : oneLine.substring(0, MAX_VALUE) + "...(" + text.length() + " chars)") + '"';
    }
    if (value instanceof Double || value instanceof Float) {
      // 3.0, not 3: with typed attributes a double must not read like an integer
      return Double.toString(((Number) value).doubleValue());
    }
    return String.valueOf(value);
  }

  private static String severity(LogEntry log) {
    if (log.severity() != Severity.UNDEFINED_SEVERITY_NUMBER) {
      return log.severity().name();
    }
    return log.severityText().isEmpty() ? "UNSET" : log.severityText();
  }

  private static void appendAttributes(StringBuilder line, Map<String, Object> attributes) {
    if (!attributes.isEmpty()) {
      line.append(' ').append(attributes(attributes));
    }
  }

  private static void appendService(StringBuilder line, String service) {
    if (!service.isEmpty()) {
      line.append(" service=").append(service);
    }
  }

  /**
   * A metric value: integral values without a decimal point ({@code 3}), others as {@link Double#toString}.
   *
   * @param value the value
   * @return the text
   */
  public static String number(double value) {
    return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
  }

  private static String millis(long nanos) {
    return String.format(Locale.ROOT, "%.1fms", nanos / 1_000_000.0);
  }

  private static String shorten(String body) {
    String oneLine = body.replace("\r", "\\r").replace("\n", "\\n");
    return oneLine.length() <= MAX_BODY ? oneLine : oneLine.substring(0, MAX_BODY) + "...";
  }
}
