package io.github.lgtmbootstrap.testkit.remote;

import io.github.lgtmbootstrap.testkit.internal.BackendHandle;
import io.github.lgtmbootstrap.testkit.internal.ConfigLookup;
import io.github.lgtmbootstrap.testkit.query.TelemetrySource;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * The {@code external} backend: an LGTM stack that is already running (a local {@code docker run} of
 * grafana/otel-lgtm, a stack on a server, a hosted Grafana), reached through the URLs of its OTLP endpoint and its
 * Tempo, Loki and Prometheus (or Mimir) query APIs. The extension starts it for
 * {@code lgtm.testkit.backend=external}; tests do not call this class.
 *
 * <p>Keys (system property, else environment variable such as {@code LGTM_TESTKIT_EXTERNAL_TEMPO_URL}; a property
 * may also be spelled with dashes, such as {@code lgtm.testkit.external.tempo-url}):
 * <ul>
 *   <li>{@value #OTLP_ENDPOINT_KEY} (required): the OTLP/HTTP base URL apps export to, such as
 *       {@code http://localhost:4318};
 *   <li>{@value #TEMPO_URL_KEY}, {@value #LOKI_URL_KEY}, {@value #PROMETHEUS_URL_KEY} (required): the query APIs,
 *       such as {@code http://localhost:3200}, {@code http://localhost:3100}, {@code http://localhost:9090};
 *   <li>{@value #GRAFANA_URL_KEY} (optional): Grafana, for Explore links in failure messages;
 *   <li>{@value #HEADERS_KEY} (optional): headers sent with every query, such as
 *       {@code Authorization=Basic dXNlcjp0b2tlbg==}, comma-separated {@code name=value} pairs with
 *       percent-encoded values as in {@code OTEL_EXPORTER_OTLP_HEADERS}; values never appear in logs or messages.
 *       Authentication of the app's OTLP export is the standard {@code otel.exporter.otlp.headers};
 *   <li>{@value #REQUEST_TIMEOUT_KEY} (optional): the timeout of one query request, default 10 s;
 *   <li>{@value #DATASOURCE_UIDS_KEY} (optional): the uids of Grafana's data sources for Explore links, such as
 *       {@code tempo=grafanacloud-traces,loki=grafanacloud-logs,prometheus=grafanacloud-prom}; default
 *       {@code tempo}, {@code loki}, {@code prometheus} as grafana/otel-lgtm provisions them.
 * </ul>
 *
 * <p>The stack is shared with other runs, so every test's queries match the run's {@code lgtm.test.run.id}
 * resource attribute, which the extension adds to {@code otel.resource.attributes}.
 *
 * <p>A Tempo 3 keeps new traces out of search for its {@code query_frontend.query_end_cutoff} (30 s unless
 * configured, as in grafana/otel-lgtm 0.31.0). The stack is not the testkit's to reconfigure, so span assertions
 * (and log assertions that name a span) wait that much longer; see {@link RemoteTelemetrySource#traceSearchDelay()}.
 */
public final class ExternalBackend implements BackendHandle {

  /** Configuration key of the OTLP/HTTP endpoint apps export to. */
  public static final String OTLP_ENDPOINT_KEY = "lgtm.testkit.external.otlp.endpoint";
  /** Configuration key of Tempo's base URL. */
  public static final String TEMPO_URL_KEY = "lgtm.testkit.external.tempo.url";
  /** Configuration key of Loki's base URL. */
  public static final String LOKI_URL_KEY = "lgtm.testkit.external.loki.url";
  /** Configuration key of Prometheus' (or Mimir's Prometheus API) base URL. */
  public static final String PROMETHEUS_URL_KEY = "lgtm.testkit.external.prometheus.url";
  /** Configuration key of Grafana's base URL. */
  public static final String GRAFANA_URL_KEY = "lgtm.testkit.external.grafana.url";
  /** Configuration key of the headers sent with every query. */
  public static final String HEADERS_KEY = "lgtm.testkit.external.headers";
  /** Configuration key of the per-request query timeout. */
  public static final String REQUEST_TIMEOUT_KEY = "lgtm.testkit.external.request.timeout";
  /** Configuration key of Grafana's data source uids for Explore links. */
  public static final String DATASOURCE_UIDS_KEY = "lgtm.testkit.external.datasource.uids";

  /** How long the stores may take to answer their readiness checks when the run starts. */
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(10);

  private final String otlpEndpoint;
  private final RemoteTelemetrySource source;

  private ExternalBackend(String otlpEndpoint, RemoteTelemetrySource source) {
    this.otlpEndpoint = otlpEndpoint;
    this.source = source;
  }

  /**
   * Reads the {@code lgtm.testkit.external.*} keys, checks that Tempo, Loki and Prometheus answer their readiness
   * endpoints, and returns the backend.
   *
   * @return the backend
   * @throws ExtensionConfigurationException listing every missing or invalid key, or the stores that are not ready
   */
  public static ExternalBackend start() {
    ExternalBackend backend = fromConfig(ConfigLookup::lookup);
    try {
      backend.source.awaitReady(READY_TIMEOUT);
    } catch (IllegalStateException e) {
      throw new ExtensionConfigurationException("The external LGTM stack is not usable: " + e.getMessage()
          + "; check " + TEMPO_URL_KEY + ", " + LOKI_URL_KEY + ", " + PROMETHEUS_URL_KEY + " and " + HEADERS_KEY);
    }
    return backend;
  }

  /**
   * Reads the configuration without contacting the stores.
   *
   * @param lookup key to configured value and origin
   * @throws ExtensionConfigurationException listing every missing or invalid key
   */
  static ExternalBackend fromConfig(Function<String, Optional<ConfigLookup.Setting>> lookup) {
    List<String> problems = new ArrayList<>();
    URI otlp = url(lookup, OTLP_ENDPOINT_KEY, true, "http://localhost:4318", problems);
    URI tempo = url(lookup, TEMPO_URL_KEY, true, "http://localhost:3200", problems);
    URI loki = url(lookup, LOKI_URL_KEY, true, "http://localhost:3100", problems);
    URI prometheus = url(lookup, PROMETHEUS_URL_KEY, true, "http://localhost:9090", problems);
    URI grafana = url(lookup, GRAFANA_URL_KEY, false, "http://localhost:3000", problems);
    Map<String, String> headers = headers(lookup, problems);
    Duration timeout = Duration.ofSeconds(10);
    Optional<ConfigLookup.Setting> timeoutSetting = lookup.apply(REQUEST_TIMEOUT_KEY);
    if (timeoutSetting.isPresent()) {
      try {
        timeout = ConfigLookup.parseDuration(timeoutSetting.get());
      } catch (ExtensionConfigurationException e) {
        problems.add(e.getMessage());
      }
    }
    Map<String, String> uids =
        new LinkedHashMap<>(Map.of("tempo", "tempo", "loki", "loki", "prometheus", "prometheus"));
    lookup.apply(DATASOURCE_UIDS_KEY).ifPresent(setting -> {
      for (String pair : setting.value().split(",")) {
        String[] parts = pair.split("=", 2);
        String store = parts[0].trim();
        if (parts.length != 2 || !uids.containsKey(store) || parts[1].isBlank()) {
          problems.add(setting.origin() + " has '" + pair.trim() + "'; use tempo=<uid>,loki=<uid>,prometheus=<uid>");
        } else {
          uids.put(store, parts[1].trim());
        }
      }
    });
    if (!problems.isEmpty()) {
      throw new ExtensionConfigurationException("Invalid external LGTM backend settings (lgtm.testkit.backend="
          + "external):\n  - " + String.join("\n  - ", problems));
    }
    RemoteTelemetrySource.Builder builder = RemoteTelemetrySource.builder()
        .setTempoUrl(tempo).setLokiUrl(loki).setPrometheusUrl(prometheus)
        .setRequestTimeout(timeout)
        .setDatasourceUids(uids.get("tempo"), uids.get("loki"), uids.get("prometheus"));
    if (grafana != null) {
      builder.setGrafanaUrl(grafana);
    }
    headers.forEach(builder::addHeader);
    String endpoint = otlp.toString();
    return new ExternalBackend(endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint,
        builder.build());
  }

  private static URI url(Function<String, Optional<ConfigLookup.Setting>> lookup, String key, boolean required,
      String example, List<String> problems) {
    Optional<ConfigLookup.Setting> setting = lookup.apply(key);
    if (setting.isEmpty()) {
      if (required) {
        problems.add(key + " is missing; set it (or " + ConfigLookup.environmentName(key) + ") to such as "
            + example);
      }
      return null;
    }
    String value = setting.get().value().trim();
    try {
      URI uri = URI.create(value);
      if (uri.getScheme() != null && (uri.getScheme().equals("http") || uri.getScheme().equals("https"))
          && uri.getHost() != null) {
        return uri;
      }
    } catch (IllegalArgumentException notAUri) {
      // reported below
    }
    String shown = value.contains("@") ? "(a URL with credentials, not shown)" : "'" + value + "'";
    problems.add(setting.get().origin() + " " + shown + " is not an http(s) URL with a host; use such as " + example);
    return null;
  }

  private static Map<String, String> headers(Function<String, Optional<ConfigLookup.Setting>> lookup,
      List<String> problems) {
    Map<String, String> headers = new LinkedHashMap<>();
    Optional<ConfigLookup.Setting> setting = lookup.apply(HEADERS_KEY);
    if (setting.isEmpty()) {
      return headers;
    }
    int index = 0;
    for (String pair : setting.get().value().split(",")) {
      index++;
      int equals = pair.indexOf('=');
      String name = equals < 0 ? "" : pair.substring(0, equals).trim();
      if (name.isEmpty() || !name.matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+")) {
        // never echo the pair: it may hold a secret
        problems.add(setting.get().origin() + ": entry " + index + " is not name=value (values are hidden); use "
            + "such as Authorization=Basic%20dXNlcjp0b2tlbg==");
        continue;
      }
      try {
        headers.put(name, URLDecoder.decode(pair.substring(equals + 1).trim().replace("+", "%2B"),
            StandardCharsets.UTF_8));
      } catch (IllegalArgumentException badEncoding) {
        problems.add(setting.get().origin() + ": the value of header " + name + " is not percent-encoded correctly");
      }
    }
    return headers;
  }

  @Override
  public String kind() {
    return "external";
  }

  @Override
  public String otlpEndpoint() {
    return otlpEndpoint;
  }

  @Override
  public TelemetrySource source() {
    return source;
  }

  /** Tempo makes traces searchable seconds after they arrive; a remote stack adds network and batching delays. */
  @Override
  public Duration flushHint() {
    return Duration.ofSeconds(20);
  }

  /**
   * A Tempo 3 that keeps its default {@code query_end_cutoff} (30 s) shows new traces to search only that long
   * after they arrived; the stack is not ours to reconfigure, so assertions wait for it.
   */
  @Override
  public Duration searchDelay() {
    return source.traceSearchDelay();
  }

  /** An external stack outlives the run and may serve others: queries match the run id. */
  @Override
  public boolean sharedBetweenRuns() {
    return true;
  }

  /** Nothing to stop: the stack belongs to someone else. */
  @Override
  public void close() {}

  @Override
  public String toString() {
    return "ExternalBackend[otlp=" + StoreHttp.redact(URI.create(otlpEndpoint)) + ", " + source + "]";
  }
}
