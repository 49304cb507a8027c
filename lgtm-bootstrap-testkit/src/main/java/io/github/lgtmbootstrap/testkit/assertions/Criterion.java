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

  /** How an attribute expectation compares with what arrived. */
  enum Match {
    /** Exact key, same type and value: for stores that keep types (embedded, Tempo). */
    STRICT,
    /** Flattened key, compared as text: the store turned keys and values into label text (Loki, Prometheus). */
    TEXT,
    /** The user's opt-in: flattened key, {@code 3} matches {@code 3L}, {@code 3.0} and {@code "3"}. */
    LOOSE
  }

  /**
   * Requires an attribute with a value; the one attribute check of spans, logs, metric points and resources.
   * {@link Match#STRICT} looks the key up exactly and compares as {@link AttributeValues#matchesStrictly} does;
   * the others look it up as {@link AttributeValues#lookup} does and compare as {@link AttributeValues#matches}.
   *
   * @param prefix words before {@code key=value} in messages, such as {@code "with resource attribute "}
   * @param attributes the item's attribute map to look in
   * @param match how to compare
   */
  static <T> Criterion<T> attribute(String prefix, Function<T, Map<String, Object>> attributes, String key,
      Object value, Match match) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    String expected = prefix + key + "=" + TelemetryFormat.value(value);
    return switch (match) {
      case STRICT -> new Criterion<>(expected + " (" + AttributeValues.typeName(value) + ")",
          (item, lookup) -> AttributeValues.matchesStrictly(value, attributes.apply(item).get(key)));
      case TEXT -> new Criterion<>(expected + " (compared as text: this backend keeps these attributes as "
          + "strings under keys with _ for ., so it cannot check the type)",
          (item, lookup) -> AttributeValues.matches(value, AttributeValues.lookup(attributes.apply(item), key)));
      case LOOSE -> new Criterion<>(expected + " (loosely: any type, key or its _ form)",
          (item, lookup) -> AttributeValues.matches(value, AttributeValues.lookup(attributes.apply(item), key)));
    };
  }

  /** Requires an attribute with any value: the exact key for {@link Match#STRICT}, else also its {@code _} form. */
  static <T> Criterion<T> attributePresent(Function<T, Map<String, Object>> attributes, String key, Match match) {
    Objects.requireNonNull(key, "key");
    return new Criterion<>("with attribute " + key, match == Match.STRICT
        ? (item, lookup) -> attributes.apply(item).containsKey(key)
        : (item, lookup) -> AttributeValues.lookup(attributes.apply(item), key) != null);
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
