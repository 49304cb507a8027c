package io.github.lgtmbootstrap.testkit.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The OpenTelemetry SDK settings that point an app at a test backend and make it export quickly. Not API.
 */
public final class ExporterSettings {

  /** The resource attribute that tags a test run's telemetry. */
  public static final String RUN_ID_ATTRIBUTE = "lgtm.test.run.id";

  /** Batch span / log processor delay used in tests, so nobody waits 5 seconds. */
  public static final String BATCH_DELAY = "100ms";

  /**
   * Metric export interval used in tests: 2 s, not less. Why: OpenTelemetry Java's {@code PeriodicMetricReader}
   * waits at most its interval for an export when no exporter timeout is set, and autoconfigure (the agent, Spring,
   * plain autoconfigure; only {@code Lgtm.init()} works around it) sets none. The first export of a JVM loads the
   * marshalers and opens the connection: measured on a 2-core machine into the embedded backend, 0.3 to 0.5 s in a
   * lone JVM and 0.8 to 1.9 s with three JVMs starting at once, so 500 ms logged "Exporter timed out" warnings (the
   * data still arrived). In-process SDKs are flushed before every assertion anyway (flush MBeans, handed-over
   * SDKs), so the interval only delays apps nobody can flush (a separate process, an agent without a flush MBean):
   * by at most 2 s, well inside the default 10 s timeout.
   */
  public static final String METRIC_INTERVAL = "2s";

  /**
   * lgtm-bootstrap's switch for its flush MBean ({@code Lgtm.init()} registers it by itself only under a test
   * runner): set for every app the testkit points at a backend, so that an app in a process the test starts (its
   * environment gets {@code LGTM_JMX_ENABLED=true}), or initialised before a test runner is visible, can be
   * flushed too. The testkit does not depend on core, hence the literal.
   */
  public static final String JMX_ENABLED = "lgtm.jmx.enabled";

  private ExporterSettings() {}

  /**
   * The {@code otel.*} properties (and {@value #JMX_ENABLED}) for an app under test.
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
    properties.put(JMX_ENABLED, "true");
    String runAttribute = RUN_ID_ATTRIBUTE + "=" + runId;
    properties.put("otel.resource.attributes", existingResourceAttributes.isBlank()
        ? runAttribute : existingResourceAttributes.trim() + "," + runAttribute);
    return properties;
  }

  /**
   * The same settings for another OTLP protocol and endpoint.
   *
   * @param properties the output of {@link #properties}
   * @param endpoint the base URL serving that protocol
   * @param protocol {@code grpc}, {@code http/protobuf} or {@code http/json}
   * @return a copy with {@code otel.exporter.otlp.endpoint} and {@code otel.exporter.otlp.protocol} replaced
   */
  public static Map<String, String> withProtocol(Map<String, String> properties, String endpoint, String protocol) {
    Map<String, String> copy = new LinkedHashMap<>(properties);
    copy.put("otel.exporter.otlp.endpoint", endpoint);
    copy.put("otel.exporter.otlp.protocol", protocol);
    return copy;
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
