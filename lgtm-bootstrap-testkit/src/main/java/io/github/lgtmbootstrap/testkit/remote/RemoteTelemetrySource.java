package io.github.lgtmbootstrap.testkit.remote;

import io.github.lgtmbootstrap.testkit.internal.Waiting;
import io.github.lgtmbootstrap.testkit.model.Exemplar;
import io.github.lgtmbootstrap.testkit.model.LogEntry;
import io.github.lgtmbootstrap.testkit.model.Metric;
import io.github.lgtmbootstrap.testkit.model.Span;
import io.github.lgtmbootstrap.testkit.query.QueryResult;
import io.github.lgtmbootstrap.testkit.query.Signal;
import io.github.lgtmbootstrap.testkit.query.TelemetryQuery;
import io.github.lgtmbootstrap.testkit.query.TelemetrySource;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Answers the testkit's questions from a real LGTM stack: spans from Tempo, log records from Loki, metrics from
 * Prometheus, each mapped into the backend-neutral model. Used by the {@code container} and {@code external}
 * backends; tests reach it through {@code LgtmBackend}.
 *
 * <p>How each question becomes a store query:
 *
 * <ul>
 *   <li>spans: with a trace id, Tempo's trace-by-id (which sees a trace seconds before search does); otherwise
 *       the TraceQL search <code>{resource.k="v" &amp;&amp; ...}</code> over the resource match and the time
 *       window, then each trace by id. Every span of a matching trace is returned, so assertions can show near
 *       misses;
 *   <li>log records: the LogQL <code>{service_name="..."} | k="v"</code> (other resource attributes are Loki
 *       labels or structured metadata under their {@code _} names);
 *   <li>metrics: the OpenTelemetry name is translated ({@code checkout.orders} finds {@code checkout_orders_total},
 *       {@code checkout.duration} finds {@code checkout_duration_milliseconds_bucket/_sum/_count}) by listing
 *       Prometheus' metric names, and the resource match is resolved through {@code target_info}. Without a name,
 *       every series of the matching resources' {@code job}/{@code instance} is returned under its stored name.
 * </ul>
 *
 * <p>Time windows run from {@code since} (at most 167 hours back, as Tempo refuses longer searches by default) to a
 * minute past now. Each call is a few HTTP requests, each bounded by the request timeout; nothing waits for data
 * to arrive.
 * Every {@link QueryResult} carries the query text that ran and, when a Grafana URL is configured, an Explore
 * link for it. Thread-safe.
 *
 * <pre>{@code
 * TelemetrySource source = RemoteTelemetrySource.builder()
 *     .setTempoUrl(URI.create("http://localhost:3200"))
 *     .setLokiUrl(URI.create("http://localhost:3100"))
 *     .setPrometheusUrl(URI.create("http://localhost:9090"))
 *     .setGrafanaUrl(URI.create("http://localhost:3000"))
 *     .build();
 * }</pre>
 */
public final class RemoteTelemetrySource implements TelemetrySource {

  private static final Duration READY_INTERVAL = Duration.ofMillis(250);

  private final TempoSource tempo;
  private final LokiSource loki;
  private final PrometheusSource prometheus;
  private final String description;

  private RemoteTelemetrySource(Builder builder) {
    HttpClient client = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(builder.connectTimeout)
        // never follow redirects: they could carry the auth headers to another host
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
    ExploreLinks explore = new ExploreLinks(Optional.ofNullable(builder.grafanaUrl), builder.datasourceUids);
    QueryScope window = new QueryScope(builder.clock);
    this.tempo = new TempoSource(new TempoClient(new StoreHttp(
        TempoClient.STORE, builder.tempoUrl, client, builder.headers, builder.requestTimeout)),
        explore, window, builder.traceLimit);
    this.loki = new LokiSource(new LokiClient(new StoreHttp(
        LokiClient.STORE, builder.lokiUrl, client, builder.headers, builder.requestTimeout),
        builder.categorizeLabels), explore, window, builder.logLimit);
    this.prometheus = new PrometheusSource(new PrometheusClient(new StoreHttp(
        PrometheusClient.STORE, builder.prometheusUrl, client, builder.headers, builder.requestTimeout)), explore,
        window);
    this.description = "RemoteTelemetrySource{tempo=" + StoreHttp.redact(builder.tempoUrl)
        + ", loki=" + StoreHttp.redact(builder.lokiUrl)
        + ", prometheus=" + StoreHttp.redact(builder.prometheusUrl)
        + (builder.grafanaUrl == null ? "" : ", grafana=" + StoreHttp.redact(builder.grafanaUrl))
        + ", headers=" + builder.headers.size() + " (values hidden)"
        + ", requestTimeout=" + builder.requestTimeout + "}";
  }

  /**
   * Starts a builder. Tempo, Loki and Prometheus URLs are required.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public QueryResult<Span> spans(TelemetryQuery query) {
    return tempo.spans(Objects.requireNonNull(query, "query"));
  }

  @Override
  public QueryResult<LogEntry> logs(TelemetryQuery query) {
    return loki.logs(Objects.requireNonNull(query, "query"));
  }

  @Override
  public QueryResult<Metric> metrics(TelemetryQuery query) {
    return prometheus.metrics(Objects.requireNonNull(query, "query"), Optional.empty());
  }

  /** The named metric's series evaluated at {@code at} (Prometheus' instant query {@code time}). */
  @Override
  public QueryResult<Metric> metricsAt(TelemetryQuery query, Instant at) {
    Objects.requireNonNull(query, "query");
    Objects.requireNonNull(at, "at");
    if (query.name().isEmpty()) {
      throw new IllegalArgumentException("Prometheus needs a metric name to read a series at " + at);
    }
    return prometheus.metrics(query, Optional.of(at));
  }

  @Override
  public QueryResult<Span> traceql(String traceql, TelemetryQuery scope) {
    Objects.requireNonNull(traceql, "traceql");
    return tempo.traceql(traceql, Objects.requireNonNull(scope, "scope"));
  }

  @Override
  public QueryResult<LogEntry> logql(String logql, TelemetryQuery scope) {
    Objects.requireNonNull(logql, "logql");
    return loki.logql(logql, Objects.requireNonNull(scope, "scope"));
  }

  @Override
  public QueryResult<Metric> promql(String promql, TelemetryQuery scope) {
    Objects.requireNonNull(promql, "promql");
    return prometheus.promql(promql, Objects.requireNonNull(scope, "scope"));
  }

  /**
   * Returns how long Tempo keeps a new trace out of search: Tempo 3 cuts every search's end to now minus
   * {@code query_frontend.query_end_cutoff}, 30 s unless configured. Zero for Tempo 2 and for a Tempo 3 whose
   * cutoff is 0 (or whose version it cannot tell). Asks Tempo once ({@code /api/status/buildinfo},
   * {@code /status/config}) and logs once why traces take long when the delay is not zero. Lookups by trace id
   * are not delayed.
   *
   * @return the delay, zero when new traces are searchable at once
   */
  public Duration traceSearchDelay() {
    return tempo.cutoff().cutoff();
  }

  /** Prometheus keeps exemplars apart from the series: {@link PrometheusExemplars} asks for them. */
  @Override
  public QueryResult<Exemplar> exemplars(Metric metric, TelemetryQuery scope) {
    return prometheus.exemplars(Objects.requireNonNull(metric, "metric"), Objects.requireNonNull(scope, "scope"));
  }

  /** Tempo's trace JSON keeps attribute types; Loki and Prometheus keep text under flattened keys. */
  @Override
  public boolean keepsAttributeTypes(Signal signal) {
    return signal == Signal.TRACES;
  }

  /**
   * Returns the stores that do not answer their readiness endpoint yet ({@code /ready} for Tempo and Loki,
   * {@code /-/ready} for Prometheus).
   *
   * @return names of the stores that are not ready, empty when all are
   */
  public List<String> storesNotReady() {
    List<String> notReady = new ArrayList<>();
    if (!tempo.client().isReady()) {
      notReady.add(TempoClient.STORE + " (" + StoreHttp.redact(tempo.client().baseUrl()) + "/ready)");
    }
    if (!loki.client().isReady()) {
      notReady.add(LokiClient.STORE + " (" + StoreHttp.redact(loki.client().baseUrl()) + "/ready)");
    }
    if (!prometheus.client().isReady()) {
      notReady.add(PrometheusClient.STORE + " (" + StoreHttp.redact(prometheus.client().baseUrl()) + "/-/ready)");
    }
    return notReady;
  }

  /**
   * Polls the readiness endpoints until all stores are ready or the timeout passes.
   *
   * @param timeout how long to wait at most
   * @throws IllegalStateException naming the stores that were still not ready
   */
  public void awaitReady(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    List<String> notReady = Waiting.until(timeout, READY_INTERVAL, this::storesNotReady, List::isEmpty);
    if (!notReady.isEmpty()) {
      throw new IllegalStateException("LGTM stores not ready after " + timeout.toMillis() + " ms: "
          + String.join(", ", notReady));
    }
  }

  @Override
  public String toString() {
    return description;
  }

  /**
   * Collects the stores' URLs and options of a {@link RemoteTelemetrySource}. Not thread-safe; the source it
   * builds is immutable.
   */
  public static final class Builder {
    private URI tempoUrl;
    private URI lokiUrl;
    private URI prometheusUrl;
    private URI grafanaUrl;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private Duration requestTimeout = Duration.ofSeconds(10);
    private Duration connectTimeout = Duration.ofSeconds(5);
    private ExploreLinks.DatasourceUids datasourceUids = ExploreLinks.DatasourceUids.OTEL_LGTM;
    private int traceLimit = 20;
    private int logLimit = 100;
    private boolean categorizeLabels = true;
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /**
     * Sets Tempo's base URL (its HTTP port, 3200 in grafana/otel-lgtm).
     *
     * @param tempoUrl such as {@code http://localhost:3200}
     * @return this builder
     */
    public Builder setTempoUrl(URI tempoUrl) {
      this.tempoUrl = Objects.requireNonNull(tempoUrl, "tempoUrl");
      return this;
    }

    /**
     * Sets Loki's base URL (3100 in grafana/otel-lgtm).
     *
     * @param lokiUrl such as {@code http://localhost:3100}
     * @return this builder
     */
    public Builder setLokiUrl(URI lokiUrl) {
      this.lokiUrl = Objects.requireNonNull(lokiUrl, "lokiUrl");
      return this;
    }

    /**
     * Sets Prometheus' base URL (9090 in grafana/otel-lgtm).
     *
     * @param prometheusUrl such as {@code http://localhost:9090}
     * @return this builder
     */
    public Builder setPrometheusUrl(URI prometheusUrl) {
      this.prometheusUrl = Objects.requireNonNull(prometheusUrl, "prometheusUrl");
      return this;
    }

    /**
     * Sets Grafana's base URL, for Explore links in query results. Optional.
     *
     * @param grafanaUrl such as {@code http://localhost:3000}
     * @return this builder
     */
    public Builder setGrafanaUrl(URI grafanaUrl) {
      this.grafanaUrl = Objects.requireNonNull(grafanaUrl, "grafanaUrl");
      return this;
    }

    /**
     * Sets the uids of Grafana's Tempo, Loki and Prometheus data sources used in Explore links. Default:
     * {@code tempo}, {@code loki}, {@code prometheus} (as grafana/otel-lgtm provisions them).
     *
     * @param tempo Tempo data source uid
     * @param loki Loki data source uid
     * @param prometheus Prometheus data source uid
     * @return this builder
     */
    public Builder setDatasourceUids(String tempo, String loki, String prometheus) {
      this.datasourceUids = new ExploreLinks.DatasourceUids(tempo, loki, prometheus);
      return this;
    }

    /**
     * Adds a header sent with every query, such as {@code Authorization}. Values never appear in messages or
     * {@code toString()}.
     *
     * @param name header name
     * @param value header value
     * @return this builder
     */
    public Builder addHeader(String name, String value) {
      headers.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /**
     * Sets how long one HTTP request may take. Default 10 s.
     *
     * @param requestTimeout a positive duration
     * @return this builder
     */
    public Builder setRequestTimeout(Duration requestTimeout) {
      this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
      return this;
    }

    /**
     * Sets how long connecting may take. Default 5 s.
     *
     * @param connectTimeout a positive duration
     * @return this builder
     */
    public Builder setConnectTimeout(Duration connectTimeout) {
      this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout");
      return this;
    }

    /**
     * Sets how many traces one search returns (Tempo's {@code limit}). Default 20, Tempo's own default.
     *
     * @param traceLimit a positive number
     * @return this builder
     */
    public Builder setTraceLimit(int traceLimit) {
      this.traceLimit = traceLimit;
      return this;
    }

    /**
     * Sets how many log lines one query returns, newest first (Loki's {@code limit}). Default 100, Loki's own
     * default.
     *
     * @param logLimit a positive number
     * @return this builder
     */
    public Builder setLogLimit(int logLimit) {
      this.logLimit = logLimit;
      return this;
    }

    /**
     * Sets whether to ask Loki to keep index labels and structured metadata apart
     * ({@code X-Loki-Response-Encoding-Flags: categorize-labels}, Loki 3). Default true; older Lokis ignore it.
     *
     * @param categorizeLabels whether to send the header
     * @return this builder
     */
    public Builder setCategorizeLabels(boolean categorizeLabels) {
      this.categorizeLabels = categorizeLabels;
      return this;
    }

    Builder setClock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Validates the settings and builds the source.
     *
     * @return the source
     * @throws IllegalArgumentException listing every problem
     */
    public RemoteTelemetrySource build() {
      List<String> problems = new ArrayList<>();
      checkUrl(problems, "Tempo URL", tempoUrl);
      checkUrl(problems, "Loki URL", lokiUrl);
      checkUrl(problems, "Prometheus URL", prometheusUrl);
      if (grafanaUrl != null) {
        checkUrl(problems, "Grafana URL", grafanaUrl);
      }
      if (requestTimeout.isNegative() || requestTimeout.isZero()) {
        problems.add("request timeout " + requestTimeout + " is not positive");
      }
      if (connectTimeout.isNegative() || connectTimeout.isZero()) {
        problems.add("connect timeout " + connectTimeout + " is not positive");
      }
      if (traceLimit <= 0) {
        problems.add("trace limit " + traceLimit + " is not positive");
      }
      if (logLimit <= 0) {
        problems.add("log limit " + logLimit + " is not positive");
      }
      if (!problems.isEmpty()) {
        throw new IllegalArgumentException("Invalid remote LGTM settings:\n  - " + String.join("\n  - ", problems));
      }
      return new RemoteTelemetrySource(this);
    }

    private static void checkUrl(List<String> problems, String what, URI url) {
      if (url == null) {
        problems.add(what + " is missing");
      } else if (url.getScheme() == null
          || !(url.getScheme().equals("http") || url.getScheme().equals("https"))
          || url.getHost() == null) {
        problems.add(what + " '" + StoreHttp.redact(url) + "' is not an http(s) URL with a host; use such as "
            + "http://localhost:3200");
      }
    }
  }
}
