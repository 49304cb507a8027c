package io.github.lgtmbootstrap.testkit.assertions;

import io.github.lgtmbootstrap.testkit.internal.TelemetryFormat;
import io.github.lgtmbootstrap.testkit.model.AttributeValues;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiPredicate;
import java.util.function.Function;

/**
 * One check an item must pass, with the words failure messages use for it (such as
 * {@code with attribute order.items=3}).
 */
record Criterion<T>(String description, BiPredicate<T, Lookup> test) {

  /**
   * Requires an attribute with a value, looked up as {@link AttributeValues#lookup} does and compared as
   * {@link AttributeValues#matches} does; the one attribute check of spans, logs, metric points and resources.
   *
   * @param prefix words before {@code key=value} in messages, such as {@code "with resource attribute "}
   * @param attributes the item's attribute map to look in
   */
  static <T> Criterion<T> attribute(String prefix, Function<T, Map<String, Object>> attributes, String key,
      Object value) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    return new Criterion<>(prefix + key + "=" + TelemetryFormat.value(value),
        (item, lookup) -> AttributeValues.matches(value, AttributeValues.lookup(attributes.apply(item), key)));
  }

  /** Requires an attribute with any value (see {@link #attribute}). */
  static <T> Criterion<T> attributePresent(Function<T, Map<String, Object>> attributes, String key) {
    Objects.requireNonNull(key, "key");
    return new Criterion<>("with attribute " + key,
        (item, lookup) -> AttributeValues.lookup(attributes.apply(item), key) != null);
  }

  /**
   * Whether a recorded {@code exception.type} attribute names {@code type}: its full name, or its simple name as
   * some loggers record it. The one exception-type rule of spans and log records.
   *
   * @param attributes the span event's or log record's attributes
   * @param type the expected exception class
   */
  static boolean recordsException(Map<String, Object> attributes, Class<? extends Throwable> type) {
    Object recorded = AttributeValues.lookup(attributes, "exception.type");
    return recorded != null
        && (recorded.toString().equals(type.getName()) || type.getName().endsWith("." + recorded));
  }
}
