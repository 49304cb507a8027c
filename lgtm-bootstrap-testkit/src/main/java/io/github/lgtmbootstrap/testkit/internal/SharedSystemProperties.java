package io.github.lgtmbootstrap.testkit.internal;

import java.util.Map;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The exporter system properties every test class of a run shares, set while at least one class holds a lease and
 * restored when the last one returns it, so classes that JUnit runs concurrently neither undo each other's settings
 * nor leave them behind. System properties are JVM-global, so this guard is one per JVM (the only static state of
 * the testkit, on purpose: two JUnit runs in one JVM, such as a nested engine run, touch the same properties). Not
 * API.
 */
public final class SharedSystemProperties {

  private static final Logger LOGGER = Logger.getLogger(SharedSystemProperties.class.getName());
  private static final Object LOCK = new Object();
  private static int holders;
  private static Map<String, String> current;
  private static String originalResourceAttributes;
  private static SystemPropertiesScope scope;

  private SharedSystemProperties() {}

  /**
   * Sets the properties unless another class holds them already; then shares them when they are the same.
   *
   * @param build the properties for the app's own {@code otel.resource.attributes} (as before any class set them)
   * @return the lease to close when the class ends; its properties are what the class should report
   */
  public static Lease acquire(Function<String, Map<String, String>> build) {
    synchronized (LOCK) {
      if (holders == 0) {
        originalResourceAttributes = ExporterSettings.currentResourceAttributes();
        current = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(build.apply(originalResourceAttributes)));
        scope = SystemPropertiesScope.set(current);
        holders = 1;
        return new Lease(current, true);
      }
      Map<String, String> wanted = build.apply(originalResourceAttributes);
      if (wanted.equals(current)) {
        holders++;
        return new Lease(current, true);
      }
      LOGGER.log(Level.WARNING, "A test class running concurrently already set the otel.* exporter system "
          + "properties for another backend ({0}); this class does not change them. Run classes with different "
          + "backend settings one after another, or pass LgtmBackend.exporterProperties() to the SDK yourself.",
          current.get("otel.exporter.otlp.endpoint"));
      return new Lease(wanted, false);
    }
  }

  private static void release() {
    synchronized (LOCK) {
      holders--;
      if (holders == 0) {
        scope.close();
        scope = null;
        current = null;
      }
    }
  }

  /** One class's hold on the shared properties; closing it twice releases once. */
  public static final class Lease implements AutoCloseable {
    private final Map<String, String> properties;
    private boolean held;

    private Lease(Map<String, String> properties, boolean held) {
      this.properties = properties;
      this.held = held;
    }

    /**
     * The properties for this class.
     *
     * @return property name to value
     */
    public Map<String, String> properties() {
      return properties;
    }

    @Override
    public synchronized void close() {
      if (held) {
        held = false;
        release();
      }
    }
  }
}
