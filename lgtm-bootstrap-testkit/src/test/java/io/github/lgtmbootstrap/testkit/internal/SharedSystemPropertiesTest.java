package io.github.lgtmbootstrap.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Test classes running concurrently share the exporter properties; the last one out restores them. */
class SharedSystemPropertiesTest {

  private static final String KEY = "lgtm.testkit.shared.test.endpoint";

  @Test
  void theLastClassOutRestoresAndAnEarlierOneDoesNotUndoTheOthers() {
    System.setProperty(KEY, "before");
    try {
      SharedSystemProperties.Lease first = SharedSystemProperties.acquire(attributes -> Map.of(KEY, "http://a"));
      SharedSystemProperties.Lease second = SharedSystemProperties.acquire(attributes -> Map.of(KEY, "http://a"));
      SharedSystemProperties.Lease other = SharedSystemProperties.acquire(attributes -> Map.of(KEY, "http://b"));

      assertThat(other.properties()).containsEntry(KEY, "http://b");
      assertThat(System.getProperty(KEY)).as("a conflicting class leaves the shared value").isEqualTo("http://a");
      other.close();
      first.close();
      assertThat(System.getProperty(KEY)).as("still held by the second class").isEqualTo("http://a");
      second.close();
      second.close();
      assertThat(System.getProperty(KEY)).isEqualTo("before");
    } finally {
      System.clearProperty(KEY);
    }
  }

  @Test
  void resourceAttributesAreBuiltFromTheAppsOwnValueNotFromOursAlreadySet() {
    SharedSystemProperties.Lease first = SharedSystemProperties.acquire(
        attributes -> Map.of(KEY, attributes + "|run"));
    String shared = System.getProperty(KEY);
    SharedSystemProperties.Lease second = SharedSystemProperties.acquire(
        attributes -> Map.of(KEY, attributes + "|run"));
    try {
      assertThat(second.properties()).containsEntry(KEY, shared);
    } finally {
      second.close();
      first.close();
    }
    assertThat(System.getProperty(KEY)).isNull();
  }
}
