package io.github.lgtmbootstrap.core;

import io.github.lgtmbootstrap.core.internal.ConfigKeys;
import io.github.lgtmbootstrap.core.internal.Durations;
import io.github.lgtmbootstrap.core.internal.LayeredConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Settings for {@link Lgtm#init()} that win over system properties, environment variables and defaults. Every
 * setter is a shortcut for a configuration key (named in its javadoc), so anything set here can also be set with
 * {@code -Dkey=value} or {@code KEY=value} in the environment. Values are validated by {@link #init()}, all at
 * once.
 *
 * <pre>{@code
 * LgtmHandle lgtm = Lgtm.builder()
 *     .setServiceName("checkout")
 *     .setEndpoint("https://otlp.example.com")
 *     .setBasicAuth("lgtm", System.getenv("LGTM_TOKEN"))
 *     .init();
 * }</pre>
 *
 * <p>{@code setX} replaces, {@code addX} accumulates, every method returns {@code this}. Not thread-safe;
 * {@link #toString()} never shows secrets.
 */
public final class LgtmBuilder {

  private final Map<String, String> properties = new LinkedHashMap<>();
  private final Map<String, String> headers = new LinkedHashMap<>();

  LgtmBuilder() {}

  private LgtmBuilder put(String key, String value) {
    properties.put(LayeredConfig.normalizeProperty(key), value);
    return this;
  }

  /**
   * Sets any configuration key ({@code otel.*}, {@code lgtm.*} or an add-on's key) at builder precedence.
   *
   * @param key the property-style key, such as {@code otel.bsp.max.queue.size}
   * @param value its value
   * @return this
   */
  public LgtmBuilder setProperty(String key, String value) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    return put(key, value);
  }

  /**
   * {@code lgtm.enabled}: {@code false} makes {@link #init()} return a no-op handle.
   *
   * @param enabled whether to record and export telemetry
   * @return this
   */
  public LgtmBuilder setEnabled(boolean enabled) {
    return put(ConfigKeys.ENABLED, Boolean.toString(enabled));
  }

  /**
   * {@code otel.service.name}. Default: the jar manifest's {@code Implementation-Title}, the jar name, or the
   * main class's simple name.
   *
   * @param serviceName the service name
   * @return this
   */
  public LgtmBuilder setServiceName(String serviceName) {
    return put(ConfigKeys.OTEL_SERVICE_NAME, Objects.requireNonNull(serviceName, "serviceName"));
  }

  /**
   * {@code lgtm.service.version}. Default: the jar manifest's {@code Implementation-Version}.
   *
   * @param version the version
   * @return this
   */
  public LgtmBuilder setServiceVersion(String version) {
    return put(ConfigKeys.SERVICE_VERSION, Objects.requireNonNull(version, "version"));
  }

  /**
   * {@code lgtm.deployment.environment}: the {@code deployment.environment.name} resource attribute.
   *
   * @param environment such as {@code staging} or {@code production}
   * @return this
   */
  public LgtmBuilder setDeploymentEnvironment(String environment) {
    return put(ConfigKeys.DEPLOYMENT_ENVIRONMENT, Objects.requireNonNull(environment, "environment"));
  }

  /**
   * {@code lgtm.profile}: {@code dev} (default; short export intervals) or {@code production}.
   *
   * @param profile the profile name
   * @return this
   */
  public LgtmBuilder setProfile(String profile) {
    return put(ConfigKeys.PROFILE, Objects.requireNonNull(profile, "profile"));
  }

  /**
   * {@code otel.exporter.otlp.endpoint}: the OTLP base URL; {@code /v1/traces} etc. are appended. Default
   * {@code http://localhost:4318}.
   *
   * @param endpoint such as {@code https://otlp.example.com}
   * @return this
   */
  public LgtmBuilder setEndpoint(String endpoint) {
    return put(ConfigKeys.OTLP_ENDPOINT, Objects.requireNonNull(endpoint, "endpoint"));
  }

  /**
   * {@code otel.exporter.otlp.traces.endpoint}: the full URL for spans, used as-is.
   *
   * @param url such as {@code http://tempo:4318/v1/traces}
   * @return this
   */
  public LgtmBuilder setTracesEndpoint(String url) {
    return put(ConfigKeys.perSignal("traces", "endpoint"), Objects.requireNonNull(url, "url"));
  }

  /**
   * {@code otel.exporter.otlp.metrics.endpoint}: the full URL for metrics, used as-is.
   *
   * @param url such as {@code http://mimir:4318/v1/metrics}
   * @return this
   */
  public LgtmBuilder setMetricsEndpoint(String url) {
    return put(ConfigKeys.perSignal("metrics", "endpoint"), Objects.requireNonNull(url, "url"));
  }

  /**
   * {@code otel.exporter.otlp.logs.endpoint}: the full URL for log records, used as-is.
   *
   * @param url such as {@code http://loki:4318/v1/logs}
   * @return this
   */
  public LgtmBuilder setLogsEndpoint(String url) {
    return put(ConfigKeys.perSignal("logs", "endpoint"), Objects.requireNonNull(url, "url"));
  }

  /**
   * {@code otel.exporter.otlp.protocol}: {@code http/protobuf} (default) or {@code http/json}.
   *
   * @param protocol the protocol
   * @return this
   */
  public LgtmBuilder setProtocol(String protocol) {
    return put(ConfigKeys.OTLP_PROTOCOL, Objects.requireNonNull(protocol, "protocol"));
  }

  /**
   * Adds a header to every OTLP request, on top of {@code otel.exporter.otlp.headers} from the other layers.
   * The value is a secret: it is never logged or shown.
   *
   * @param name header name
   * @param value header value, as sent (no URL-encoding needed)
   * @return this
   */
  public LgtmBuilder addHeader(String name, String value) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
    headers.put(name, value);
    return this;
  }

  /**
   * {@code lgtm.basic.auth.user} and {@code lgtm.basic.auth.token}: HTTP basic auth on every OTLP request, for
   * otel-lgtm behind a TLS reverse proxy. The token is never logged or shown.
   *
   * @param user the user
   * @param token the password or token
   * @return this
   */
  public LgtmBuilder setBasicAuth(String user, String token) {
    put(ConfigKeys.BASIC_AUTH_USER, Objects.requireNonNull(user, "user"));
    return put(ConfigKeys.BASIC_AUTH_TOKEN, Objects.requireNonNull(token, "token"));
  }

  /**
   * Sends to hosted Grafana in one call: sets the OTLP endpoint with the gateway's {@code /otlp} base path
   * ({@code /v1/<signal>} is appended per signal) and basic auth from instance id and token.
   *
   * <pre>{@code
   * Lgtm.builder().setGrafanaCloud("prod-eu-west-2", "123456", System.getenv("GRAFANA_CLOUD_TOKEN")).init();
   * }</pre>
   *
   * @param gatewayUrlOrZone the OTLP gateway URL from the portal (with or without {@code /otlp}) or just the
   *     zone, such as {@code prod-eu-west-2}
   * @param instanceId the numeric instance id
   * @param token an access-policy token with metrics/logs/traces write scope; never logged or shown
   * @return this
   */
  public LgtmBuilder setGrafanaCloud(String gatewayUrlOrZone, String instanceId, String token) {
    put(ConfigKeys.GRAFANA_CLOUD_ENDPOINT, Objects.requireNonNull(gatewayUrlOrZone, "gatewayUrlOrZone"));
    put(ConfigKeys.GRAFANA_CLOUD_INSTANCE_ID, Objects.requireNonNull(instanceId, "instanceId"));
    return put(ConfigKeys.GRAFANA_CLOUD_TOKEN, Objects.requireNonNull(token, "token"));
  }

  /**
   * {@code otel.exporter.otlp.certificate}: trust the OTLP server's certificate through this CA (PEM), for an
   * https endpoint with a self-signed or private CA.
   *
   * @param caCertificatePem path of the PEM file
   * @return this
   */
  public LgtmBuilder setCertificate(Path caCertificatePem) {
    Objects.requireNonNull(caCertificatePem, "caCertificatePem");
    return put(ConfigKeys.OTLP_CERTIFICATE, caCertificatePem.toAbsolutePath().toString());
  }

  /**
   * {@code otel.exporter.otlp.compression}: {@code gzip} or {@code none}.
   *
   * @param compression the compression
   * @return this
   */
  public LgtmBuilder setCompression(String compression) {
    return put(ConfigKeys.OTLP_COMPRESSION, Objects.requireNonNull(compression, "compression"));
  }

  /**
   * {@code lgtm.console}: print one line per span, log record and metric to standard output.
   *
   * @param console whether to print
   * @return this
   */
  public LgtmBuilder setConsole(boolean console) {
    return put(ConfigKeys.CONSOLE, Boolean.toString(console));
  }

  /**
   * {@code lgtm.otlp.enabled}: {@code false} exports nothing over OTLP (with {@link #setConsole(boolean)}: a
   * first run with no backend at all).
   *
   * @param otlp whether to export over OTLP
   * @return this
   */
  public LgtmBuilder setOtlpEnabled(boolean otlp) {
    return put(ConfigKeys.OTLP_ENABLED, Boolean.toString(otlp));
  }

  /**
   * {@code lgtm.runtime.metrics.enabled}: JVM memory, GC, thread, CPU and class metrics. Default on.
   *
   * @param enabled whether to record them
   * @return this
   */
  public LgtmBuilder setRuntimeMetrics(boolean enabled) {
    return put(ConfigKeys.RUNTIME_METRICS, Boolean.toString(enabled));
  }

  /**
   * {@code otel.metric.export.interval}. Default 5 s ({@code dev}) or 60 s ({@code production}).
   *
   * @param interval the interval
   * @return this
   */
  public LgtmBuilder setMetricExportInterval(Duration interval) {
    return put(ConfigKeys.METRIC_INTERVAL, Durations.toConfigValue(Objects.requireNonNull(interval, "interval")));
  }

  /**
   * {@code lgtm.shutdown.timeout}: the most {@link LgtmHandle#close()} and the shutdown hook wait. Default 1 s.
   *
   * @param timeout the bound
   * @return this
   */
  public LgtmBuilder setShutdownTimeout(Duration timeout) {
    return put(ConfigKeys.SHUTDOWN_TIMEOUT, Durations.toConfigValue(Objects.requireNonNull(timeout, "timeout")));
  }

  /**
   * {@code lgtm.shutdown.hook.enabled}: flush and shut down at JVM exit. Default on.
   *
   * @param enabled whether to register the hook
   * @return this
   */
  public LgtmBuilder setShutdownHook(boolean enabled) {
    return put(ConfigKeys.SHUTDOWN_HOOK, Boolean.toString(enabled));
  }

  /**
   * Validates everything, builds and registers the SDK; see {@link Lgtm#init()}.
   *
   * @return the handle (the running one, with a warning naming the differing keys, if a handle with other
   *     settings is still open)
   * @throws LgtmConfigException listing every configuration problem
   * @throws IllegalStateException if another OpenTelemetry SDK owns
   *     {@link io.opentelemetry.api.GlobalOpenTelemetry}
   */
  public LgtmHandle init() {
    return Lgtm.initialize(new LinkedHashMap<>(properties), new LinkedHashMap<>(headers));
  }

  /**
   * The keys set so far, secrets shown as {@code ***}.
   *
   * @return a one-line description
   */
  @Override
  public String toString() {
    String props =
        properties.entrySet().stream()
            .map(e -> e.getKey() + "=" + LayeredConfig.shown(e.getKey(), e.getValue()))
            .collect(Collectors.joining(", "));
    String hs = headers.keySet().stream().map(h -> h + "=***").collect(Collectors.joining(","));
    return "LgtmBuilder[" + props + (hs.isEmpty() ? "" : ", headers: " + hs) + "]";
  }
}
