package io.github.lgtmbootstrap.testkit.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Sets system properties and, when closed, restores each to what it was before (or clears it). Kept in a JUnit
 * store so JUnit restores them at the end of the test class. Not API.
 */
public final class SystemPropertiesScope implements AutoCloseable {

  private final Map<String, String> previous = new LinkedHashMap<>();

  private SystemPropertiesScope() {}

  /**
   * Sets the properties.
   *
   * @param properties name to value
   * @return the scope that restores them
   */
  public static SystemPropertiesScope set(Map<String, String> properties) {
    SystemPropertiesScope scope = new SystemPropertiesScope();
    properties.forEach((key, value) -> {
      scope.previous.put(key, System.getProperty(key));
      System.setProperty(key, value);
    });
    return scope;
  }

  /** Restores every property this scope set. */
  @Override
  public void close() {
    previous.forEach((key, value) -> {
      if (value == null) {
        System.clearProperty(key);
      } else {
        System.setProperty(key, value);
      }
    });
  }
}
