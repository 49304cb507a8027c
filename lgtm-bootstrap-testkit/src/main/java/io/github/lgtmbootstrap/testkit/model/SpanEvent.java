package io.github.lgtmbootstrap.testkit.model;

import java.util.Map;
import java.util.Objects;

/**
 * An event recorded on a span, such as an exception ({@code name = "exception"}).
 *
 * @param name event name
 * @param epochNanos when it happened, nanoseconds since the epoch
 * @param attributes event attributes (immutable, normalised)
 */
public record SpanEvent(String name, long epochNanos, Map<String, Object> attributes) {

  /**
   * Creates the record, validating its components and copying collections into immutable ones.
   *
   * @param name event name
   * @param epochNanos when it happened, nanoseconds since the epoch
   * @param attributes event attributes (immutable, normalised)
   */
  public SpanEvent {
    Objects.requireNonNull(name, "name");
    attributes = AttributeValues.copyOf(attributes);
  }
}
