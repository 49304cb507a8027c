package io.github.lgtmbootstrap.testkit.model;

import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;

/** Helpers for the attribute maps of the model: normalising values and comparing them across backends. */
public final class AttributeValues {

  private AttributeValues() {}

  /**
   * Returns an immutable, insertion-ordered copy of {@code attributes} whose values are normalised: integral
   * numbers become {@link Long}, other numbers {@link Double}, lists are copied, anything else becomes its string.
   * A map this method or a {@link Builder} returned is returned as it is, so items that share a resource share one
   * map.
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
    Builder copy = new Builder(attributes.size());
    attributes.forEach(copy::put);
    return copy.build();
  }

  /**
   * Starts an attribute map that is built in its final form, so that {@link #copyOf} and the model's records take
   * it as it is instead of copying it: a decoder of many items fills one builder per map.
   *
   * @param expectedSize how many attributes are expected (a hint, at least 0)
   * @return an empty builder
   */
  public static Builder builder(int expectedSize) {
    if (expectedSize < 0) {
      throw new IllegalArgumentException("expectedSize " + expectedSize + " must not be negative");
    }
    return new Builder(expectedSize);
  }

  /**
   * Collects attributes, normalising each value as {@link #copyOf} does, into an immutable insertion-ordered map.
   * A key put again keeps its position and takes the new value; a null value is left out. Not thread-safe;
   * {@link #build()} leaves the builder empty, ready for the next map.
   */
  public static final class Builder {
    /** Maps up to this size are searched key by key; larger ones get a hash index. */
    private static final int SCAN = 16;

    private String[] keys;
    private Object[] values;
    /** Per entry, where its ASCII value starts and ends in {@link #text}; -1 where the value is an object. */
    private int[] bounds;
    private byte[] text = new byte[0];
    private int textLength;
    private int size;
    private Map<String, Integer> index;
    /** The keys of the last map built, shared with the next one when it has the same keys in the same order. */
    private Keys lastKeys = Keys.NONE;

    private Builder(int expectedSize) {
      int capacity = Math.max(expectedSize, 4);
      keys = new String[capacity];
      values = new Object[capacity];
      bounds = new int[2 * capacity];
    }

    /**
     * Puts one attribute.
     *
     * @param key attribute key
     * @param value attribute value; null leaves the attribute out
     * @return this builder
     */
    public Builder put(String key, Object value) {
      Objects.requireNonNull(key, "attribute key");
      if (value == null) {
        return this;
      }
      int at = entry(key);
      values[at] = normalise(value);
      bounds[2 * at] = -1;
      return this;
    }

    /**
     * Puts one string attribute given as ASCII bytes, which the map keeps in one array with the other such values
     * of the map and turns into a {@code String} each time it is read: a map of many string values is then a few
     * objects rather than two per value (what a decoder storing many items wants).
     *
     * @param key attribute key
     * @param ascii holds the value, bytes 0 to 127 only; not kept, the bytes are copied
     * @param offset where the value starts in {@code ascii}
     * @param length the value's length in bytes
     * @return this builder
     * @throws IllegalArgumentException when a byte is not ASCII
     * @throws IndexOutOfBoundsException when the range is not within {@code ascii}
     */
    public Builder putAscii(String key, byte[] ascii, int offset, int length) {
      Objects.requireNonNull(key, "attribute key");
      Objects.checkFromIndexSize(offset, length, ascii.length);
      for (int i = offset; i < offset + length; i++) {
        if (ascii[i] < 0) {
          throw new IllegalArgumentException("attribute '" + key + "' has a byte outside ASCII at " + (i - offset));
        }
      }
      int at = entry(key);
      if (textLength + length > text.length) {
        text = Arrays.copyOf(text, Math.max(2 * text.length, Math.max(textLength + length, 256)));
      }
      System.arraycopy(ascii, offset, text, textLength, length);
      values[at] = null;
      bounds[2 * at] = textLength;
      bounds[2 * at + 1] = textLength + length;
      textLength += length;
      return this;
    }

    /** The entry of {@code key}, added at the end when new. */
    private int entry(String key) {
      int at = index != null ? index.getOrDefault(key, -1) : scan(keys, size, key);
      if (at >= 0) {
        return at;
      }
      if (size == keys.length) {
        keys = Arrays.copyOf(keys, 2 * size);
        values = Arrays.copyOf(values, 2 * size);
        bounds = Arrays.copyOf(bounds, 4 * size);
      }
      keys[size] = key;
      if (index != null) {
        index.put(key, size);
      } else if (size == SCAN) {
        index = hashIndex(keys, size + 1);
      }
      return size++;
    }

    /**
     * Returns the map of what was put and empties the builder.
     *
     * @return an immutable normalised map, which {@link #copyOf} returns as it is
     */
    public Map<String, Object> build() {
      Map<String, Object> map = Normalised.EMPTY;
      if (size > 0) {
        boolean anyObject = false;
        boolean anyText = false;
        for (int i = 0; i < size; i++) {
          anyObject |= bounds[2 * i] < 0;
          anyText |= bounds[2 * i] >= 0;
        }
        map = new Normalised(keys(), anyObject ? Arrays.copyOf(values, size) : null, anyText ? textValues() : null);
      }
      Arrays.fill(keys, 0, size, null);
      Arrays.fill(values, 0, size, null);
      size = 0;
      textLength = 0;
      index = null;
      return map;
    }

    private Keys keys() {
      boolean same = lastKeys.names.length == size;
      for (int i = 0; i < size && same; i++) {
        same = lastKeys.names[i].equals(keys[i]);
      }
      if (!same) {
        lastKeys = new Keys(Arrays.copyOf(keys, size), size > SCAN ? index : null);
      }
      return lastKeys;
    }

    /**
     * The text values, in entry order after one int per entry saying where its text ends (an object's entry ends
     * where the one before it does).
     */
    private byte[] textValues() {
      int length = 0;
      for (int i = 0; i < size; i++) {
        length += bounds[2 * i] < 0 ? 0 : bounds[2 * i + 1] - bounds[2 * i];
      }
      byte[] packed = new byte[4 * size + length];
      int end = 4 * size;
      for (int i = 0; i < size; i++) {
        int from = bounds[2 * i];
        if (from >= 0) {
          System.arraycopy(text, from, packed, end, bounds[2 * i + 1] - from);
          end += bounds[2 * i + 1] - from;
        }
        packed[4 * i] = (byte) (end >>> 24);
        packed[4 * i + 1] = (byte) (end >>> 16);
        packed[4 * i + 2] = (byte) (end >>> 8);
        packed[4 * i + 3] = (byte) end;
      }
      return packed;
    }
  }

  private static int scan(String[] keys, int size, Object key) {
    int hash = key.hashCode();
    for (int i = 0; i < size; i++) {
      String candidate = keys[i];
      if (candidate == key || (candidate.hashCode() == hash && candidate.equals(key))) {
        return i;
      }
    }
    return -1;
  }

  private static Map<String, Integer> hashIndex(String[] keys, int size) {
    Map<String, Integer> index = new HashMap<>(2 * size);
    for (int i = 0; i < size; i++) {
      index.put(keys[i], i);
    }
    return index;
  }

  /**
   * The keys of a {@link Normalised} map in order, with a hash index beyond {@link Builder#SCAN} of them. Shared
   * by the maps a builder makes one after another with the same keys, as the spans of one request mostly have.
   */
  private static final class Keys {
    static final Keys NONE = new Keys(new String[0], null);

    final String[] names;
    final Map<String, Integer> index;

    Keys(String[] names, Map<String, Integer> index) {
      this.names = names;
      this.index = index;
    }

    int indexOf(Object key) {
      if (key == null) {
        return -1;
      }
      return index != null ? index.getOrDefault(key, -1) : scan(names, names.length, key);
    }
  }

  /**
   * An immutable map of normalised values, recognised by {@link #copyOf} so that it is shared, not copied. Its
   * keys may be shared with other maps; ASCII string values wait as bytes in one array and become strings when
   * read. So a map is two or three objects rather than a node per entry and two per string value: a store keeps
   * hundreds of thousands of these, and each young collection copies what it keeps.
   */
  private static final class Normalised extends AbstractMap<String, Object> {
    static final Normalised EMPTY = new Normalised(Keys.NONE, new Object[0], null);

    private final Keys keys;
    /** Object values by entry; null for entries whose value is text, and null altogether when all are. */
    private final Object[] objects;
    /** See {@link Builder#textValues()}. */
    private final byte[] text;

    Normalised(Keys keys, Object[] objects, byte[] text) {
      this.keys = keys;
      this.objects = objects;
      this.text = text;
    }

    private Object value(int at) {
      if (objects != null && objects[at] != null) {
        return objects[at];
      }
      int from = at == 0 ? 4 * keys.names.length : end(at - 1);
      return new String(text, from, end(at) - from, StandardCharsets.ISO_8859_1);
    }

    private int end(int at) {
      return (text[4 * at] & 0xff) << 24 | (text[4 * at + 1] & 0xff) << 16 | (text[4 * at + 2] & 0xff) << 8
          | (text[4 * at + 3] & 0xff);
    }

    @Override
    public Object get(Object key) {
      int at = keys.indexOf(key);
      return at < 0 ? null : value(at);
    }

    @Override
    public boolean containsKey(Object key) {
      return keys.indexOf(key) >= 0;
    }

    @Override
    public int size() {
      return keys.names.length;
    }

    @Override
    public boolean isEmpty() {
      return keys.names.length == 0;
    }

    @Override
    public void forEach(BiConsumer<? super String, ? super Object> action) {
      for (int i = 0; i < keys.names.length; i++) {
        action.accept(keys.names[i], value(i));
      }
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
      return new AbstractSet<>() {
        @Override
        public Iterator<Entry<String, Object>> iterator() {
          return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
              return next < keys.names.length;
            }

            @Override
            public Entry<String, Object> next() {
              if (!hasNext()) {
                throw new NoSuchElementException();
              }
              Entry<String, Object> entry = new SimpleImmutableEntry<>(keys.names[next], value(next));
              next++;
              return entry;
            }
          };
        }

        @Override
        public int size() {
          return keys.names.length;
        }
      };
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
