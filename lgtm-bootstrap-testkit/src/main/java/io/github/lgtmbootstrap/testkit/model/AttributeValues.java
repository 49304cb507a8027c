package io.github.lgtmbootstrap.testkit.model;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;

/** Helpers for the attribute maps of the model: normalising values and comparing them across backends. */
public final class AttributeValues {

  private AttributeValues() {}

  /**
   * Returns an immutable, insertion-ordered copy of {@code attributes} whose values are normalised: integral
   * numbers become {@link Long}, other numbers {@link Double}, lists are copied, anything else becomes its string.
   * A map this method returned is returned as it is, so items that share a resource share one map.
   *
   * @param attributes attribute map, may contain any values but no null keys
   * @return an immutable normalised copy
   */
  public static Map<String, Object> copyOf(Map<String, ?> attributes) {
    Objects.requireNonNull(attributes, "attributes");
    if (attributes instanceof Normalised normalised) {
      return normalised;
    }
    if (attributes.isEmpty()) {
      return Normalised.EMPTY;
    }
    Map<String, Object> copy = new LinkedHashMap<>();
    attributes.forEach((key, value) -> {
      if (value != null) {
        copy.put(Objects.requireNonNull(key, "attribute key"), normalise(value));
      }
    });
    return new Normalised(Collections.unmodifiableMap(copy));
  }

  /** An immutable map of normalised values, recognised by {@link #copyOf} so that it is shared, not copied. */
  private static final class Normalised extends AbstractMap<String, Object> {
    static final Normalised EMPTY = new Normalised(Map.of());

    private final Map<String, Object> map;

    Normalised(Map<String, Object> map) {
      this.map = map;
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
      return map.entrySet();
    }

    @Override
    public Object get(Object key) {
      return map.get(key);
    }

    @Override
    public boolean containsKey(Object key) {
      return map.containsKey(key);
    }

    @Override
    public int size() {
      return map.size();
    }

    @Override
    public void forEach(BiConsumer<? super String, ? super Object> action) {
      map.forEach(action);
    }
  }

  /**
   * Normalises one attribute value (see {@link #copyOf(Map)}).
   *
   * @param value a non-null value
   * @return the normalised value
   */
  public static Object normalise(Object value) {
    Objects.requireNonNull(value, "value");
    if (value instanceof Byte || value instanceof Short || value instanceof Integer || value instanceof Long) {
      return ((Number) value).longValue();
    }
    if (value instanceof Number) {
      return ((Number) value).doubleValue();
    }
    if (value instanceof String || value instanceof Boolean) {
      return value;
    }
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>(list.size());
      for (Object element : list) {
        if (element != null) {
          copy.add(normalise(element));
        }
      }
      return Collections.unmodifiableList(copy);
    }
    return value.toString();
  }

  /**
   * Compares an expected attribute value with one that arrived, tolerating the way stores flatten types: a
   * {@code long 3} matches {@code "3"} from Loki or a Prometheus label, {@code 2.0} matches {@code 2}, and
   * {@code true} matches {@code "true"}.
   *
   * @param expected the value a test expects
   * @param actual the value that arrived, may be null (never matches)
   * @return whether they denote the same value
   */
  public static boolean matches(Object expected, Object actual) {
    if (actual == null || expected == null) {
      return false;
    }
    Object e = normalise(expected);
    Object a = normalise(actual);
    if (e.equals(a)) {
      return true;
    }
    if (e instanceof Number en && a instanceof Number an) {
      return Double.compare(en.doubleValue(), an.doubleValue()) == 0;
    }
    if (e instanceof Number en && a instanceof String as) {
      return parsesTo(as, en.doubleValue());
    }
    if (a instanceof Number an && e instanceof String es) {
      return parsesTo(es, an.doubleValue());
    }
    return String.valueOf(e).equals(String.valueOf(a));
  }

  /**
   * Compares an expected attribute value with one that arrived, type and value: an integral expectation
   * ({@code Integer}, {@code Long}, ...) matches only an integer attribute, a {@code Double} only a double, a
   * {@code String} only a string, a {@code Boolean} only a boolean, a list only a list whose elements match
   * one by one. So {@code 200} does not match {@code "200"} and {@code 3} does not match {@code 3.0}. For stores
   * that keep attribute types (the embedded store, Tempo).
   *
   * @param expected the value a test expects
   * @param actual the value that arrived, may be null (never matches)
   * @return whether they have the same type and value
   */
  public static boolean matchesStrictly(Object expected, Object actual) {
    if (actual == null || expected == null) {
      return false;
    }
    Object e = normalise(expected);
    Object a = normalise(actual);
    if (e instanceof Double en && a instanceof Double an) {
      return Double.compare(en, an) == 0;
    }
    if (e instanceof List<?> el && a instanceof List<?> al) {
      if (el.size() != al.size()) {
        return false;
      }
      for (int i = 0; i < el.size(); i++) {
        if (!matchesStrictly(el.get(i), al.get(i))) {
          return false;
        }
      }
      return true;
    }
    return e.getClass() == a.getClass() && e.equals(a);
  }

  /**
   * Names the type of a (normalised) attribute value the way failure messages say it.
   *
   * @param value an attribute value
   * @return {@code integer}, {@code double}, {@code string}, {@code boolean} or {@code array}
   */
  public static String typeName(Object value) {
    Object v = normalise(Objects.requireNonNull(value, "value"));
    if (v instanceof Long) {
      return "integer";
    }
    if (v instanceof Double) {
      return "double";
    }
    if (v instanceof Boolean) {
      return "boolean";
    }
    if (v instanceof List<?>) {
      return "array";
    }
    return "string";
  }

  /**
   * Looks an attribute up by its OpenTelemetry key, also under the name stores that flatten keys give it: Loki
   * and Prometheus turn every character outside {@code [a-zA-Z0-9_]} into {@code _}, so {@code order.id} arrives
   * as {@code order_id}. An exact key wins.
   *
   * @param attributes an attribute map of the model
   * @param key the OpenTelemetry attribute key, such as {@code order.id}
   * @return the value, or null when neither the key nor its flattened form is present
   */
  public static Object lookup(Map<String, Object> attributes, String key) {
    Objects.requireNonNull(attributes, "attributes");
    Objects.requireNonNull(key, "key");
    Object exact = attributes.get(key);
    if (exact != null) {
      return exact;
    }
    String flattened = flatten(key);
    return flattened.equals(key) ? null : attributes.get(flattened);
  }

  private static String flatten(String key) {
    StringBuilder name = new StringBuilder(key.length());
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      boolean valid = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
      name.append(valid ? c : '_');
    }
    return name.toString();
  }

  private static boolean parsesTo(String text, double value) {
    try {
      return Double.compare(Double.parseDouble(text.trim()), value) == 0;
    } catch (NumberFormatException notANumber) {
      return false;
    }
  }
}
