package io.github.lgtmbootstrap.testkit.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One metric stream with its points, as a backend stored it.
 *
 * <p>{@link #name()} is always the OpenTelemetry instrument name (such as {@code checkout.orders}); backends that
 * store a translated name (Prometheus: {@code checkout_orders_total}) map it back or keep the store's name in
 * {@link #storedName()}.
 *
 * @param name OpenTelemetry instrument name
 * @param storedName the name in the store, equal to {@code name} for OTLP-native stores
 * @param description description, empty when the store does not keep it
 * @param unit unit (UCUM, such as {@code ms}), empty when unknown
 * @param type data type
 * @param monotonic whether a sum only increases (counters); false for other types
 * @param points the data points
 * @param resource resource attributes, such as {@code service.name}
 * @param scope the meter that produced it
 */
public record Metric(
    String name,
    String storedName,
    String description,
    String unit,
    MetricType type,
    boolean monotonic,
    List<MetricPoint> points,
    Map<String, Object> resource,
    InstrumentationScope scope) {

  /**
   * Creates the record, validating its components and copying collections into immutable ones.
   *
   * @param name OpenTelemetry instrument name
   * @param storedName the name in the store, equal to {@code name} for OTLP-native stores
   * @param description description, empty when the store does not keep it
   * @param unit unit (UCUM, such as {@code ms}), empty when unknown
   * @param type data type
   * @param monotonic whether a sum only increases (counters); false for other types
   * @param points the data points
   * @param resource resource attributes, such as {@code service.name}
   * @param scope the meter that produced it
   */
  public Metric {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(storedName, "storedName");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(unit, "unit");
    Objects.requireNonNull(type, "type");
    points = List.copyOf(points);
    resource = AttributeValues.copyOf(resource);
    Objects.requireNonNull(scope, "scope");
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
