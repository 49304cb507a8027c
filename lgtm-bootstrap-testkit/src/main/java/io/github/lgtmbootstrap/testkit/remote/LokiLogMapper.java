package io.github.lgtmbootstrap.testkit.remote;

import io.github.lgtmbootstrap.testkit.internal.OtlpMapper;
import io.github.lgtmbootstrap.testkit.model.InstrumentationScope;
import io.github.lgtmbootstrap.testkit.model.LogEntry;
import io.opentelemetry.api.logs.Severity;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a Loki line back into a {@link LogEntry}: index labels and well-known resource keys become the resource
 * (with their OpenTelemetry names), Loki's OTLP fields ({@code trace_id}, {@code span_id}, {@code severity_*},
 * {@code scope_*}) become the entry's fields, and the rest become attributes under Loki's label names (such as
 * {@code order_id}).
 */
final class LokiLogMapper {

  private LokiLogMapper() {}

  /**
   * Maps one line.
   *
   * @param line what Loki returned
   * @param resourceKeys resource attribute keys (besides the well-known ones) whose labels belong to the resource,
   *     such as the run id the query filtered on
   */
  static LogEntry toEntry(LokiClient.Line line, Collection<String> resourceKeys) {
    Map<String, String> fields = new LinkedHashMap<>();
    Map<String, Object> resource = new LinkedHashMap<>();
    Map<String, Object> attributes = new LinkedHashMap<>();
    boolean categorized = !line.metadata().isEmpty();
    line.indexLabels().forEach((label, value) -> {
      Optional<String> key = StoreLabels.resourceKey(label, resourceKeys);
      if (categorized || key.isPresent()) {
        resource.put(key.orElse(label), value);
      } else {
        sort(label, value, fields, attributes);
      }
    });
    line.metadata().forEach((label, value) -> {
      Optional<String> key = StoreLabels.resourceKey(label, resourceKeys);
      if (key.isPresent()) {
        resource.put(key.get(), value);
      } else {
        sort(label, value, fields, attributes);
      }
    });
    String severityText = fields.getOrDefault("severity_text", "");
    return new LogEntry(
        line.epochNanos(),
        severity(fields.get("severity_number"), severityText),
        severityText,
        line.line(),
        attributes,
        fields.getOrDefault("trace_id", ""),
        fields.getOrDefault("span_id", ""),
        resource,
        new InstrumentationScope(fields.getOrDefault("scope_name", ""), fields.getOrDefault("scope_version", "")));
  }

  private static void sort(String label, String value, Map<String, String> fields, Map<String, Object> attributes) {
    switch (label) {
      case "trace_id":
      case "span_id":
      case "severity_text":
      case "severity_number":
      case "scope_name":
      case "scope_version":
        fields.put(label, value);
        break;
      case "observed_timestamp":
      case "detected_level":
      case "flags":
        // Loki's bookkeeping, not part of the record as sent
        break;
      default:
        attributes.put(label, value);
    }
  }

  static Severity severity(String number, String text) {
    if (number != null) {
      try {
        Optional<Severity> severity = OtlpMapper.severity(Integer.parseInt(number.trim()));
        if (severity.isPresent()) {
          return severity.get();
        }
      } catch (NumberFormatException ignored) {
        // fall back to the text
      }
    }
    String upper = text.trim().toUpperCase(Locale.ROOT);
    switch (upper) {
      case "TRACE":
        return Severity.TRACE;
      case "DEBUG":
        return Severity.DEBUG;
      case "INFO":
        return Severity.INFO;
      case "WARN":
      case "WARNING":
        return Severity.WARN;
      case "ERROR":
        return Severity.ERROR;
      case "FATAL":
        return Severity.FATAL;
      default:
        return Severity.UNDEFINED_SEVERITY_NUMBER;
    }
  }
}
