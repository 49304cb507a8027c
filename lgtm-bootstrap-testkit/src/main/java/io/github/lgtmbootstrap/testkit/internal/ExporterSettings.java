package io.github.lgtmbootstrap.testkit.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The OpenTelemetry SDK settings that point an app at a test backend and make it export quickly. Not API.
 */
public final class ExporterSettings {

  /** The resource attribute that tags a test run's telemetry. */
  public static final String RUN_ID_ATTRIBUTE = "lgtm.test.run.id";

  /** Batch span / log processor delay and metric interval used in tests, so nobody waits 5 or 60 seconds. */
  public static final String BATCH_DELAY = "100ms";

  /** Metric export interval used in tests. */
  public static final String METRIC_INTERVAL = "500ms";

  private ExporterSettings() {}

  /**
   * The {@code otel.*} properties for an app under test.
   *
   * @param otlpEndpoint the backend's OTLP/HTTP base URL
   * @param runId the run id to add to the resource attributes
   * @param existingResourceAttributes the app's own {@code otel.resource.attributes}, empty when none
   * @return property name to value, in a stable order
   */
  public static Map<String, String> properties(String otlpEndpoint, String runId, String existingResourceAttributes) {
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put("otel.exporter.otlp.endpoint", otlpEndpoint);
    properties.put("otel.exporter.otlp.protocol", "http/protobuf");
    properties.put("otel.bsp.schedule.delay", BATCH_DELAY);
    properties.put("otel.blrp.schedule.delay", BATCH_DELAY);
    properties.put("otel.metric.export.interval", METRIC_INTERVAL);
    String runAttribute = RUN_ID_ATTRIBUTE + "=" + runId;
    properties.put("otel.resource.attributes", existingResourceAttributes.isBlank()
        ? runAttribute : existingResourceAttributes.trim() + "," + runAttribute);
    return properties;
  }

  /**
   * The same settings as environment variables ({@code OTEL_EXPORTER_OTLP_ENDPOINT}, ...), for launching a
   * separate process.
   *
   * @param properties the output of {@link #properties}
   * @return variable name to value
   */
  public static Map<String, String> environment(Map<String, String> properties) {
    Map<String, String> environment = new LinkedHashMap<>();
    properties.forEach((key, value) -> environment.put(ConfigLookup.environmentName(key), value));
    return environment;
  }

  /**
   * The app's own resource attributes: the system property, else the environment variable, else empty.
   *
   * @return the current {@code otel.resource.attributes}
   */
  public static String currentResourceAttributes() {
    String property = System.getProperty("otel.resource.attributes");
    if (property != null) {
      return property;
    }
    String variable = System.getenv("OTEL_RESOURCE_ATTRIBUTES");
    return variable == null ? "" : variable;
  }
}
