package io.github.lgtmbootstrap.testkit.model;

import io.opentelemetry.api.logs.Severity;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One log record as a backend stored it.
 *
 * @param epochNanos the record's timestamp (or its observed timestamp when it had none), nanoseconds since the epoch
 * @param severity severity, {@link Severity#UNDEFINED_SEVERITY_NUMBER} when unknown
 * @param severityText severity text as sent (such as {@code INFO}), empty when none
 * @param body the body rendered as a string
 * @param attributes record attributes (immutable, normalised)
 * @param traceId trace id of the span it was logged in (32 hex characters), empty when none
 * @param spanId span id it was logged in (16 hex characters), empty when none
 * @param resource resource attributes, such as {@code service.name}
 * @param scope the logger that emitted it
 */
public record LogEntry(
    long epochNanos,
    Severity severity,
    String severityText,
    String body,
    Map<String, Object> attributes,
    String traceId,
    String spanId,
    Map<String, Object> resource,
    InstrumentationScope scope) {

  /**
   * Creates the record, validating its components and copying collections into immutable ones.
   *
   * @param epochNanos the record's timestamp (or its observed timestamp when it had none), nanoseconds since the epoch
   * @param severity severity, {@link Severity#UNDEFINED_SEVERITY_NUMBER} when unknown
   * @param severityText severity text as sent (such as {@code INFO}), empty when none
   * @param body the body rendered as a string
   * @param attributes record attributes (immutable, normalised)
   * @param traceId trace id of the span it was logged in (32 hex characters), empty when none
   * @param spanId span id it was logged in (16 hex characters), empty when none
   * @param resource resource attributes, such as {@code service.name}
   * @param scope the logger that emitted it
   */
  public LogEntry {
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(severityText, "severityText");
    Objects.requireNonNull(body, "body");
    attributes = AttributeValues.copyOf(attributes);
    Objects.requireNonNull(traceId, "traceId");
    Objects.requireNonNull(spanId, "spanId");
    resource = AttributeValues.copyOf(resource);
    Objects.requireNonNull(scope, "scope");
  }

  /**
   * Looks up a record attribute.
   *
   * @param key attribute key
   * @return the value, if present
   */
  public Optional<Object> attribute(String key) {
    return Optional.ofNullable(attributes.get(Objects.requireNonNull(key, "key")));
  }

  /**
   * Returns whether the record was logged inside a span.
   *
   * @return true when it carries a trace id
   */
  public boolean hasTraceContext() {
    return !traceId.isEmpty() && !traceId.chars().allMatch(c -> c == '0');
  }

  /**
   * Returns the {@code service.name} resource attribute.
   *
   * @return the service name, empty when the resource has none
   */
  public String serviceName() {
    Object name = resource.get("service.name");
    return name == null ? "" : name.toString();
  }
}
