package io.github.lgtmbootstrap.core.internal;

import java.util.List;

/**
 * Every configuration key {@code Lgtm.init()} reads or defaults, with its default and meaning. The README's key
 * table is generated from (and tested against) {@link #TABLE}.
 */
public final class ConfigKeys {

  /** {@code false} turns {@code Lgtm.init()} into a no-op handle. */
  public static final String ENABLED = "lgtm.enabled";
  /** {@code dev} (short export intervals) or {@code production}. */
  public static final String PROFILE = "lgtm.profile";
  /** {@code true} prints one line per span, log record and metric to standard output. */
  public static final String CONSOLE = "lgtm.console";
  /** {@code false} switches OTLP export off (console-only mode). */
  public static final String OTLP_ENABLED = "lgtm.otlp.enabled";
  /** JVM runtime metrics on/off. */
  public static final String RUNTIME_METRICS = "lgtm.runtime.metrics.enabled";
  /** Upper bound for close() and the shutdown hook. */
  public static final String SHUTDOWN_TIMEOUT = "lgtm.shutdown.timeout";
  /** Shutdown hook on/off. */
  public static final String SHUTDOWN_HOOK = "lgtm.shutdown.hook.enabled";
  /** The flush MBean the testkit calls, on/off. */
  public static final String JMX_ENABLED = "lgtm.jmx.enabled";
  /** Comma-separated add-on names not to install. */
  public static final String ADDONS_DISABLED = "lgtm.addons.disabled";
  /** Value of the {@code deployment.environment.name} resource attribute. */
  public static final String DEPLOYMENT_ENVIRONMENT = "lgtm.deployment.environment";
  /** Value of the {@code service.version} resource attribute. */
  public static final String SERVICE_VERSION = "lgtm.service.version";
  /** User for HTTP basic auth on every OTLP request. */
  public static final String BASIC_AUTH_USER = "lgtm.basic.auth.user";
  /** Password/token for HTTP basic auth (secret). */
  public static final String BASIC_AUTH_TOKEN = "lgtm.basic.auth.token";
  /** Hosted Grafana OTLP gateway URL or zone. */
  public static final String GRAFANA_CLOUD_ENDPOINT = "lgtm.grafana.cloud.endpoint";
  /** Hosted Grafana instance id (the basic-auth user). */
  public static final String GRAFANA_CLOUD_INSTANCE_ID = "lgtm.grafana.cloud.instance.id";
  /** Hosted Grafana access-policy token (secret). */
  public static final String GRAFANA_CLOUD_TOKEN = "lgtm.grafana.cloud.token";

  // Standard OpenTelemetry keys we default, validate or set.
  /** OpenTelemetry's own kill switch. */
  public static final String OTEL_SDK_DISABLED = "otel.sdk.disabled";
  /** Service name. */
  public static final String OTEL_SERVICE_NAME = "otel.service.name";
  /** Resource attributes. */
  public static final String OTEL_RESOURCE_ATTRIBUTES = "otel.resource.attributes";
  /** OTLP protocol. */
  public static final String OTLP_PROTOCOL = "otel.exporter.otlp.protocol";
  /** OTLP base endpoint. */
  public static final String OTLP_ENDPOINT = "otel.exporter.otlp.endpoint";
  /** OTLP headers (secret). */
  public static final String OTLP_HEADERS = "otel.exporter.otlp.headers";
  /** OTLP compression. */
  public static final String OTLP_COMPRESSION = "otel.exporter.otlp.compression";
  /** OTLP request timeout. */
  public static final String OTLP_TIMEOUT = "otel.exporter.otlp.timeout";
  /** PEM file with the CA certificate(s) that sign the OTLP server's certificate. */
  public static final String OTLP_CERTIFICATE = "otel.exporter.otlp.certificate";
  /** Span exporters. */
  public static final String TRACES_EXPORTER = "otel.traces.exporter";
  /** Metric exporters. */
  public static final String METRICS_EXPORTER = "otel.metrics.exporter";
  /** Log record exporters. */
  public static final String LOGS_EXPORTER = "otel.logs.exporter";
  /** Metric export interval. */
  public static final String METRIC_INTERVAL = "otel.metric.export.interval";
  /** Batch span processor delay. */
  public static final String BSP_DELAY = "otel.bsp.schedule.delay";
  /** Batch log record processor delay. */
  public static final String BLRP_DELAY = "otel.blrp.schedule.delay";
  /** Batch span processor queue: spans beyond it are dropped (counted and warned about). */
  public static final String BSP_QUEUE = "otel.bsp.max.queue.size";
  /** Batch log record processor queue: records beyond it are dropped (counted and warned about). */
  public static final String BLRP_QUEUE = "otel.blrp.max.queue.size";

  /** The three signals, in the names OpenTelemetry uses inside per-signal keys. */
  public static final List<String> SIGNALS = List.of("traces", "metrics", "logs");

  /** Per-signal variant of an {@code otel.exporter.otlp.*} key, e.g. {@code otel.exporter.otlp.traces.endpoint}. */
  public static String perSignal(String signal, String suffix) {
    return "otel.exporter.otlp." + signal + "." + suffix;
  }

  /** One row of the documentation table. */
  public record KeyDoc(String key, String defaultValue, String meaning) {}

  /** Every key, its default and meaning, in README order. */
  public static final List<KeyDoc> TABLE =
      List.of(
          new KeyDoc(ENABLED, "true", "`false` makes `Lgtm.init()` return a no-op handle (nothing exported, no global registered). `otel.sdk.disabled=true` does the same."),
          new KeyDoc(PROFILE, "dev", "`dev`: short export intervals for a local otel-lgtm (metrics 5 s, spans/logs 500 ms). `production`: OpenTelemetry's intervals (metrics 60 s, spans 5 s, logs 1 s), gzip, 10 s export timeout, 5 s shutdown bound."),
          new KeyDoc(CONSOLE, "false", "`true` prints one compact line per span, log record and metric to standard output (beside OTLP, or alone with `lgtm.otlp.enabled=false`). JVM runtime metrics are not printed."),
          new KeyDoc(OTLP_ENABLED, "true", "`false` removes `otlp` from the three exporter lists (console-only / no-backend mode)."),
          new KeyDoc(RUNTIME_METRICS, "true", "JVM runtime metrics (memory, GC, threads, CPU, classes) via `opentelemetry-runtime-telemetry`."
              + " Registered on a daemon thread after `init()` returns (about 0.1 s of class loading off the caller's"
              + " thread); `forceFlush` and `close()` wait for that registration first, so no runtime metric is"
              + " missing from them."),
          new KeyDoc(SHUTDOWN_TIMEOUT, "1s (dev) / 5s (production)", "Upper bound for `close()`/`shutdown()` and the shutdown hook, whatever the backend does; what is still unsent then is dropped with a warning. The process exits within this bound plus JVM teardown: the SDK's threads are ended at the bound. Production waits longer because a short-lived app's last batch is often all its telemetry and goes to a remote endpoint (TLS, round trips, an authenticating proxy): measured 1.5-3 s there, so 1 s lost it. Format: `500ms`, `2s`, or ISO-8601 (`PT2S`)."),
          new KeyDoc(SHUTDOWN_HOOK, "true", "Register a JVM shutdown hook that flushes and shuts down within `lgtm.shutdown.timeout`."),
          new KeyDoc(JMX_ENABLED, "true under a test runner, else false", "Register a platform MBean `io.github.lgtmbootstrap:type=TelemetryFlush,id=...` whose `forceFlush(long timeoutMillis)` operation lets the testkit flush this SDK before it asserts; unregistered on close. Unset, it is registered only when the JVM runs tests (surefire/failsafe, an IDE's, Gradle's or JUnit's console launcher, or a test framework on the stack of the thread calling `init()`): in production it would cost start-up time and offer a flush to anyone with JMX access. The testkit's `exporterProperties()`/`exporterEnvironment()` set it to `true` for the apps a test starts. Registered before `init()` returns when an MBean server already exists, else on a daemon thread (creating the platform MBean server costs ~0.15 s)."),
          new KeyDoc(ADDONS_DISABLED, "(none)", "Comma-separated names of `LgtmAddon`s not to install (e.g. `logback`)."),
          new KeyDoc(DEPLOYMENT_ENVIRONMENT, "(unset)", "Sets the `deployment.environment.name` resource attribute (e.g. `staging`)."),
          new KeyDoc(SERVICE_VERSION, "(manifest `Implementation-Version`)", "Sets the `service.version` resource attribute."),
          new KeyDoc(BASIC_AUTH_USER, "(unset)", "HTTP basic-auth user sent with every OTLP request (e.g. otel-lgtm behind a TLS reverse proxy). Needs `lgtm.basic.auth.token`."),
          new KeyDoc(BASIC_AUTH_TOKEN, "(unset)", "HTTP basic-auth password/token. Secret: never logged."),
          new KeyDoc(GRAFANA_CLOUD_ENDPOINT, "(unset)", "Hosted Grafana: the OTLP gateway URL (`https://otlp-gateway-<zone>.grafana.net/otlp`) or just the zone (`prod-eu-west-2`). Sets the OTLP endpoint (base path `/otlp`), `http/protobuf` and basic auth."),
          new KeyDoc(GRAFANA_CLOUD_INSTANCE_ID, "(unset)", "Hosted Grafana instance id (numeric); the basic-auth user."),
          new KeyDoc(GRAFANA_CLOUD_TOKEN, "(unset)", "Hosted Grafana access-policy token. Secret: never logged."),
          new KeyDoc(OTEL_SDK_DISABLED, "false", "OpenTelemetry's switch; `true` = no-op handle, like `lgtm.enabled=false`."),
          new KeyDoc(OTEL_SERVICE_NAME, "manifest `Implementation-Title`, jar name, main class, build project", "`service.name`. Never `unknown_service:java` when any of the fallbacks is available. Launchers are skipped: under surefire/failsafe (whose `surefirebooter-<timestamp>.jar` would give a new name every run), Gradle or an IDE's test runner the name is the module's `pom.xml` `artifactId` (or the Gradle project's directory name)."),
          new KeyDoc(OTEL_RESOURCE_ATTRIBUTES, "(unset)", "Extra resource attributes `k=v,k2=v2`. Host, OS, process, runtime and container attributes are detected."),
          new KeyDoc(OTLP_PROTOCOL, "http/protobuf", "`http/protobuf` or `http/json` (`grpc` needs a gRPC sender, not bundled). Per signal: `otel.exporter.otlp.<signal>.protocol`."),
          new KeyDoc(OTLP_ENDPOINT, "http://localhost:4318", "Base URL; `/v1/traces`, `/v1/metrics`, `/v1/logs` are appended. Per signal (used as-is): `otel.exporter.otlp.<signal>.endpoint`."),
          new KeyDoc(OTLP_HEADERS, "(unset)", "Request headers `k=v,k2=v2` (values URL-encoded). Secret: only names are ever logged. Per signal: `otel.exporter.otlp.<signal>.headers`."),
          new KeyDoc(OTLP_COMPRESSION, "none (dev) / gzip (production)", "`gzip` or `none`."),
          new KeyDoc(OTLP_TIMEOUT, "5s (dev) / 10s (production)", "Timeout of one OTLP request. Also how long the metric reader waits for an export when that is longer than the export interval (the SDK alone waits only the interval, so short intervals made slow first exports \"time out\"). Per signal: `otel.exporter.otlp.<signal>.timeout`."),
          new KeyDoc(OTLP_CERTIFICATE, "(JDK trust store)", "PEM file of the CA that signed the OTLP server's certificate (self-signed https endpoints)."),
          new KeyDoc(TRACES_EXPORTER, "otlp", "Span exporters (`otlp`, `none`, ...)."),
          new KeyDoc(METRICS_EXPORTER, "otlp", "Metric exporters."),
          new KeyDoc(LOGS_EXPORTER, "otlp", "Log record exporters."),
          new KeyDoc(METRIC_INTERVAL, "5s (dev) / 60s (production)", "Metric export interval."),
          new KeyDoc(BSP_DELAY, "500ms (dev) / 5s (production)", "Delay between span batches."),
          new KeyDoc(BLRP_DELAY, "500ms (dev) / 1s (production)", "Delay between log record batches."),
          new KeyDoc(BSP_QUEUE, Defaults.DEV_BSP_QUEUE + " (dev) / 2048 (production)", "Spans waiting for export; when full, new spans are dropped, counted (`LgtmHandle.exportCounts()`, the flush MBean) and warned about. Dev holds a burst: ~0.8 KB of heap per waiting span, so ~40 MiB when full, nothing when the backend keeps up."),
          new KeyDoc(BLRP_QUEUE, Defaults.DEV_BLRP_QUEUE + " (dev) / 2048 (production)", "Log records waiting for export; when full, new records are dropped, counted and warned about. Dev holds 8 threads x 10,000 logback lines: ~0.6 KB of heap per waiting record, so ~60 MiB when full, nothing when the backend keeps up."));

  /** The README table: key, default, meaning. */
  public static String markdownTable() {
    StringBuilder sb = new StringBuilder("| key (env) | default | meaning |\n|---|---|---|\n");
    for (KeyDoc d : TABLE) {
      sb.append("| `")
          .append(d.key())
          .append("` (`")
          .append(LayeredConfig.envName(d.key()))
          .append("`) | ")
          .append(d.defaultValue())
          .append(" | ")
          .append(d.meaning())
          .append(" |\n");
    }
    return sb.toString();
  }

  private ConfigKeys() {}
}
