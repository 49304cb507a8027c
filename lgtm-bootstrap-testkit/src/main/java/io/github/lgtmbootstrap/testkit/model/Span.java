package io.github.lgtmbootstrap.testkit.model;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One finished span as a backend stored it.
 *
 * @param traceId 32 lowercase hex characters
 * @param spanId 16 lowercase hex characters
 * @param parentSpanId the parent's span id, empty for a root span
 * @param name span name
 * @param kind span kind
 * @param statusCode status code
 * @param statusMessage status description, empty when none
 * @param startEpochNanos start, nanoseconds since the epoch
 * @param endEpochNanos end, nanoseconds since the epoch
 * @param attributes span attributes (immutable, normalised)
 * @param events span events in recorded order
 * @param resource resource attributes, such as {@code service.name}
 * @param scope the tracer that created the span
 */
public record Span(
    String traceId,
    String spanId,
    String parentSpanId,
    String name,
    SpanKind kind,
    StatusCode statusCode,
    String statusMessage,
    long startEpochNanos,
    long endEpochNanos,
    Map<String, Object> attributes,
    List<SpanEvent> events,
    Map<String, Object> resource,
    InstrumentationScope scope) {

  /**
   * Creates the record, validating its components and copying collections into immutable ones.
   *
   * @param traceId 32 lowercase hex characters
   * @param spanId 16 lowercase hex characters
   * @param parentSpanId the parent's span id, empty for a root span
   * @param name span name
   * @param kind span kind
   * @param statusCode status code
   * @param statusMessage status description, empty when none
   * @param startEpochNanos start, nanoseconds since the epoch
   * @param endEpochNanos end, nanoseconds since the epoch
   * @param attributes span attributes (immutable, normalised)
   * @param events span events in recorded order
   * @param resource resource attributes, such as {@code service.name}
   * @param scope the tracer that created the span
   */
  public Span {
    Objects.requireNonNull(traceId, "traceId");
    Objects.requireNonNull(spanId, "spanId");
    Objects.requireNonNull(parentSpanId, "parentSpanId");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(statusCode, "statusCode");
    Objects.requireNonNull(statusMessage, "statusMessage");
    attributes = AttributeValues.copyOf(attributes);
    events = List.copyOf(events);
    resource = AttributeValues.copyOf(resource);
    Objects.requireNonNull(scope, "scope");
  }

  /**
   * Returns whether the span has no parent.
   *
   * @return true for a root span
   */
  public boolean isRoot() {
    return parentSpanId.isEmpty() || parentSpanId.chars().allMatch(c -> c == '0');
  }

  /**
   * Returns the span's duration.
   *
   * @return end minus start
   */
  public Duration duration() {
    return Duration.ofNanos(endEpochNanos - startEpochNanos);
  }

  /**
   * Looks up a span attribute.
   *
   * @param key attribute key
   * @return the value, if present
   */
  public Optional<Object> attribute(String key) {
    return Optional.ofNullable(attributes.get(Objects.requireNonNull(key, "key")));
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
