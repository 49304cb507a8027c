package io.github.lgtmbootstrap.testkit.query.internal;

import java.util.List;
import java.util.stream.Collectors;

/** Attribute keys and values as Loki and Prometheus labels show them. */
public final class LabelValues {

  private LabelValues() {}

  /**
   * The label name of an attribute key: every character outside {@code [a-zA-Z0-9_]} becomes {@code _}, a
   * leading digit gets a {@code key_} prefix.
   *
   * @param key an attribute key such as {@code service.name}
   * @return such as {@code service_name}
   */
  public static String labelName(String key) {
    StringBuilder name = new StringBuilder(key.length());
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      boolean valid = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
      name.append(valid ? c : '_');
    }
    if (name.length() > 0 && Character.isDigit(name.charAt(0))) {
      name.insert(0, "key_");
    }
    return name.toString();
  }

  /**
   * The text of an attribute value as a label shows it: numbers without a needless {@code .0}, lists as
   * JSON-like arrays.
   *
   * @param value an attribute value
   * @return its text
   */
  public static String text(Object value) {
    if (value instanceof Double number && number == Math.rint(number) && !number.isInfinite()) {
      return Long.toString(number.longValue());
    }
    if (value instanceof List<?> list) {
      return list.stream().map(element -> element instanceof String ? '"' + (String) element + '"' : text(element))
          .collect(Collectors.joining(",", "[", "]"));
    }
    return String.valueOf(value);
  }
}
