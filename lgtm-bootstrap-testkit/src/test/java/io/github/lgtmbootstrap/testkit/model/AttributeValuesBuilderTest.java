package io.github.lgtmbootstrap.testkit.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The built attribute map behaves as the insertion-ordered, normalised, immutable map {@code copyOf} promises. */
class AttributeValuesBuilderTest {

  @Test
  void builtMapEqualsTheLinkedHashMapOfTheSamePutsAndPrintsLikeIt() {
    byte[] request = "..GET..".getBytes(StandardCharsets.US_ASCII);
    Map<String, Object> built = AttributeValues.builder(2)
        .put("count", 3)
        .putAscii("http.method", request, 2, 3)
        .put("ratio", 0.5f)
        .put("tags", List.of("a", "b"))
        .put("skipped", null)
        .put("count", 4)
        .build();

    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("count", 4L);
    expected.put("http.method", "GET");
    expected.put("ratio", 0.5d);
    expected.put("tags", List.of("a", "b"));
    assertThat(built).isEqualTo(expected).hasSameHashCodeAs(expected);
    assertThat(built).containsExactlyEntriesOf(expected);
    assertThat(built.toString()).isEqualTo(expected.toString());
    assertThat(built.get("http.method")).isEqualTo("GET");
    assertThat(built.containsKey("skipped")).isFalse();
    assertThat(AttributeValues.copyOf(built)).isSameAs(built);
  }

  @Test
  void aKeyPutAgainKeepsItsPlaceWhicheverKindOfValueEitherTime() {
    byte[] text = "xy".getBytes(StandardCharsets.US_ASCII);
    Map<String, Object> map = AttributeValues.builder(0)
        .putAscii("a", text, 0, 1)
        .put("b", true)
        .put("a", 7)
        .putAscii("b", text, 1, 1)
        .build();

    assertThat(map).containsExactly(Map.entry("a", 7L), Map.entry("b", "y"));
  }

  @Test
  void manyAttributesAreAllFoundAndRepeatedKeysReplaced() {
    AttributeValues.Builder builder = AttributeValues.builder(4);
    byte[] digits = "0123456789".getBytes(StandardCharsets.US_ASCII);
    for (int i = 0; i < 40; i++) {
      builder.putAscii("key." + i, digits, i % 10, 1);
    }
    builder.put("key.3", "replaced").put("key.33", 33);
    Map<String, Object> map = builder.build();

    assertThat(map).hasSize(40);
    assertThat(map.get("key.0")).isEqualTo("0");
    assertThat(map.get("key.39")).isEqualTo("9");
    assertThat(map.get("key.3")).isEqualTo("replaced");
    assertThat(map.get("key.33")).isEqualTo(33L);
    assertThat(map.get("key.40")).isNull();
    assertThat(map.keySet()).first().isEqualTo("key.0");
  }

  @Test
  void buildEmptiesTheBuilderForTheNextMap() {
    AttributeValues.Builder builder = AttributeValues.builder(1);
    byte[] text = "first".getBytes(StandardCharsets.US_ASCII);
    Map<String, Object> first = builder.putAscii("k", text, 0, text.length).build();
    Map<String, Object> second = builder.put("other", "v").build();

    assertThat(first).containsExactly(Map.entry("k", "first"));
    assertThat(second).containsExactly(Map.entry("other", "v"));
    assertThat(builder.build()).isEmpty();
  }

  @Test
  void builtMapCannotBeChanged() {
    Map<String, Object> map = AttributeValues.builder(1).put("k", "v").build();

    assertThatThrownBy(() -> map.put("k", "w")).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> map.entrySet().iterator().remove()).isInstanceOf(RuntimeException.class);
    assertThatThrownBy(() -> map.entrySet().clear()).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void putAsciiRefusesBytesOutsideAscii() {
    byte[] utf8 = "é".getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> AttributeValues.builder(1).putAscii("k", utf8, 0, utf8.length))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'k'");
  }
}
