package io.github.lgtmbootstrap.testkit.remote;

import io.github.lgtmbootstrap.testkit.model.AttributeValues;
import io.github.lgtmbootstrap.testkit.model.Exemplar;
import io.github.lgtmbootstrap.testkit.model.LogEntry;
import io.github.lgtmbootstrap.testkit.model.Metric;
import io.github.lgtmbootstrap.testkit.model.Span;
import io.github.lgtmbootstrap.testkit.query.QueryResult;
import io.github.lgtmbootstrap.testkit.query.Signal;
import io.github.lgtmbootstrap.testkit.query.TelemetryQuery;
import io.github.lgtmbootstrap.testkit.query.internal.PrometheusNames;
import io.github.lgtmbootstrap.testkit.query.TelemetrySource;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

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

  /** Slack added to "now" as the upper end of time windows, for clocks that are slightly apart. */
  private static final Duration CLOCK_SLACK = Duration.ofMinutes(1);
  private static final int MAX_SPANS_PER_SPAN_SET = 1000;
  private static final int MAX_TARGETS_LISTED = 10;
  /** Tempo refuses searches longer than its max_duration (168 h by default): older starts are cut to this. */
  private static final Duration MAX_WINDOW = Duration.ofHours(167);

  private final TempoClient tempo;
  private final LokiClient loki;
  private final PrometheusClient prometheus;
  private final ExploreLinks explore;
  private final int traceLimit;
  private final int logLimit;
  private final Clock clock;
  private final String description;

  private RemoteTelemetrySource(Builder builder) {
    HttpClient client = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(builder.connectTimeout)
        // never follow redirects: they could carry the auth headers to another host
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
    this.tempo = new TempoClient(new StoreHttp(
        TempoClient.STORE, builder.tempoUrl, client, builder.headers, builder.requestTimeout));
    this.loki = new LokiClient(new StoreHttp(
        LokiClient.STORE, builder.lokiUrl, client, builder.headers, builder.requestTimeout),
        builder.categorizeLabels);
    this.prometheus = new PrometheusClient(new StoreHttp(
        PrometheusClient.STORE, builder.prometheusUrl, client, builder.headers, builder.requestTimeout));
    this.explore = new ExploreLinks(Optional.ofNullable(builder.grafanaUrl), builder.datasourceUids);
    this.traceLimit = builder.traceLimit;
    this.logLimit = builder.logLimit;
    this.clock = builder.clock;
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
    Objects.requireNonNull(query, "query");
    if (query.traceId().isPresent()) {
      String traceId = query.traceId().get().toLowerCase(Locale.ROOT);
      List<Span> spans = new ArrayList<>();
      addTrace(traceId, query, spans);
      return new QueryResult<>(spans, traceId, explore.tempo(traceId, query.since()));
    }
    String traceql = traceQlFor(query.resourceMatch());
    List<Span> spans = new ArrayList<>();
    for (TempoClient.Hit hit : tempo.search(traceql, windowStart(query.since()), windowEnd(), traceLimit, 0)) {
      addTrace(hit.traceId(), query, spans);
    }
    return new QueryResult<>(spans, traceql, explore.tempo(traceql, query.since()));
  }

  @Override
  public QueryResult<LogEntry> logs(TelemetryQuery query) {
    Objects.requireNonNull(query, "query");
    String logql = logQlFor(query.resourceMatch(), query.traceId());
    return new QueryResult<>(
        runLogQl(logql, query), logql, explore.loki(logql, query.since()));
  }

  @Override
  public QueryResult<Metric> metrics(TelemetryQuery query) {
    return metrics(query, Optional.empty());
  }

  /** The named metric's series evaluated at {@code at} (Prometheus' instant query {@code time}). */
  @Override
  public QueryResult<Metric> metricsAt(TelemetryQuery query, Instant at) {
    Objects.requireNonNull(at, "at");
    if (query.name().isEmpty()) {
      throw new IllegalArgumentException("Prometheus needs a metric name to read a series at " + at);
    }
    return metrics(query, Optional.of(at));
  }

  private QueryResult<Metric> metrics(TelemetryQuery query, Optional<Instant> at) {
    Objects.requireNonNull(query, "query");
    if (query.name().isEmpty()) {
      return metricsOfResources(query);
    }
    String name = query.name().get();
    List<String> ran = new ArrayList<>();
    ran.add("label_values(__name__) belonging to " + name);
    List<String> storedNames = new ArrayList<>();
    for (String stored : prometheus.labelValues("__name__")) {
      if (PrometheusNames.belongsTo(stored, name)) {
        storedNames.add(stored);
      }
    }
    List<String> promql = selectorsFor(storedNames);
    List<PrometheusClient.Sample> samples = new ArrayList<>();
    for (String selector : promql) {
      ran.add(selector);
      samples.addAll(at.isPresent() ? prometheus.query(selector, at.get()) : prometheus.query(selector));
    }
    if (promql.isEmpty()) {
      ran.add("(no series named like " + PrometheusNames.baseName(name) + "[_<unit>][_total|_bucket|_sum|_count] yet)");
    }
    List<Metric> metrics = toMetrics(name, samples, targetsOf(samples, query.resourceMatch(), ran),
        query.resourceMatch());
    // nothing found yet: let Explore show what exists under similar names
    List<String> explorable = promql.isEmpty()
        ? List.of("{__name__=~\"" + PrometheusNames.baseName(name) + ".*\"}")
        : promql;
    return new QueryResult<>(metrics, String.join("\n", ran), explore.prometheus(explorable, query.since()));
  }

  /**
   * Every series of the resources that match, by their {@code job}/{@code instance} from {@code target_info}
   * (used to list what arrived when a named metric did not). Metric names are then the stored names.
   */
  private QueryResult<Metric> metricsOfResources(TelemetryQuery query) {
    if (query.resourceMatch().isEmpty()) {
      throw new IllegalArgumentException("Prometheus needs a metric name or a resource to match to look metrics up; "
          + "ask for a metric by its OpenTelemetry name, such as checkout.orders");
    }
    List<String> ran = new ArrayList<>();
    String targetInfo = targetInfoFor(query.resourceMatch());
    ran.add(targetInfo);
    Map<String, Map<String, String>> targets = targetInfo(targetInfo);
    List<PrometheusClient.Sample> samples = new ArrayList<>();
    List<String> selectors = new ArrayList<>();
    targets.values().stream().limit(MAX_TARGETS_LISTED).forEach(labels -> {
      String selector = "{job=" + quote(labels.getOrDefault("job", "")) + ",instance="
          + quote(labels.getOrDefault("instance", "")) + "}";
      selectors.add(selector);
      ran.add(selector);
      for (PrometheusClient.Sample sample : prometheus.query(selector)) {
        if (!"target_info".equals(sample.name())) {
          samples.add(sample);
        }
      }
    });
    List<Metric> metrics = toMetrics("", samples, targets, query.resourceMatch());
    return new QueryResult<>(metrics, String.join("\n", ran), explore.prometheus(selectors, query.since()));
  }

  @Override
  public QueryResult<Span> traceql(String traceql, TelemetryQuery scope) {
    Objects.requireNonNull(traceql, "traceql");
    Objects.requireNonNull(scope, "scope");
    List<TempoClient.Hit> hits = tempo.search(traceql, windowStart(scope.since()), windowEnd(), traceLimit, 0);
    int mostMatched = hits.stream().filter(hit -> !hit.allSpansListed()).mapToInt(TempoClient.Hit::matched)
        .max().orElse(0);
    if (mostMatched > 0) {
      // Tempo lists 3 spans per span set unless asked for more: ask once more, for all of them
      hits = tempo.search(traceql, windowStart(scope.since()), windowEnd(), traceLimit,
          Math.min(mostMatched, MAX_SPANS_PER_SPAN_SET));
    }
    List<Span> spans = new ArrayList<>();
    for (TempoClient.Hit hit : hits) {
      for (Span span : tempo.trace(hit.traceId()).orElse(List.of())) {
        if (hit.matchedSpanIds().contains(span.spanId())
            && inScope(span.resource(), span.endEpochNanos(), scope) && scope.admits(span.attributes())) {
          spans.add(span);
        }
      }
    }
    return new QueryResult<>(spans, traceql, explore.tempo(traceql, scope.since()));
  }

  @Override
  public QueryResult<LogEntry> logql(String logql, TelemetryQuery scope) {
    Objects.requireNonNull(logql, "logql");
    Objects.requireNonNull(scope, "scope");
    return new QueryResult<>(runLogQl(logql, scope), logql, explore.loki(logql, scope.since()));
  }

  @Override
  public QueryResult<Metric> promql(String promql, TelemetryQuery scope) {
    Objects.requireNonNull(promql, "promql");
    Objects.requireNonNull(scope, "scope");
    List<PrometheusClient.Sample> samples = prometheus.query(promql);
    List<String> ran = new ArrayList<>(List.of(promql));
    List<Metric> metrics = toMetrics("", samples, targetsOf(samples, scope.resourceMatch(), ran),
        scope.resourceMatch());
    return new QueryResult<>(metrics, String.join("\n", ran), explore.prometheus(List.of(promql), scope.since()));
  }

  /** Prometheus keeps exemplars apart from the series: {@link PrometheusExemplars} asks for them. */
  @Override
  public QueryResult<Exemplar> exemplars(Metric metric, TelemetryQuery scope) {
    return PrometheusExemplars.of(prometheus, metric, windowStart(scope.since()), windowEnd());
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
    if (!tempo.isReady()) {
      notReady.add(TempoClient.STORE + " (" + StoreHttp.redact(tempo.baseUrl()) + "/ready)");
    }
    if (!loki.isReady()) {
      notReady.add(LokiClient.STORE + " (" + StoreHttp.redact(loki.baseUrl()) + "/ready)");
    }
    if (!prometheus.isReady()) {
      notReady.add(PrometheusClient.STORE + " (" + StoreHttp.redact(prometheus.baseUrl()) + "/-/ready)");
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
    long deadline = System.nanoTime() + timeout.toNanos();
    List<String> notReady = storesNotReady();
    while (!notReady.isEmpty() && System.nanoTime() < deadline) {
      try {
        Thread.sleep(250);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      notReady = storesNotReady();
    }
    if (!notReady.isEmpty()) {
      throw new IllegalStateException("LGTM stores not ready after " + timeout.toMillis() + " ms: "
          + String.join(", ", notReady));
    }
  }

  @Override
  public String toString() {
    return description;
  }

  /** Adds every span of a trace that is in the query's scope (time window and resource match). */
  private void addTrace(String traceId, TelemetryQuery query, List<Span> spans) {
    for (Span span : tempo.trace(traceId).orElse(List.of())) {
      if (inScope(span.resource(), span.endEpochNanos(), query) && query.admits(span.attributes())) {
        spans.add(span);
      }
    }
  }

  private List<LogEntry> runLogQl(String logql, TelemetryQuery scope) {
    List<LogEntry> entries = new ArrayList<>();
    for (LokiClient.Line line : loki.queryRange(logql, windowStart(scope.since()), windowEnd(), logLimit)) {
      LogEntry entry = LokiLogMapper.toEntry(line, scope.resourceMatch().keySet());
      if (inScope(entry.resource(), entry.epochNanos(), scope) && scope.admits(entry.attributes())) {
        entries.add(entry);
      }
    }
    return entries;
  }

  /**
   * The {@code target_info} series of the resources that match, by target, when there is a match and samples
   * to join them to (the query is added to {@code ran}); otherwise none, without asking Prometheus.
   */
  private Map<String, Map<String, String>> targetsOf(List<PrometheusClient.Sample> samples,
      Map<String, String> resourceMatch, List<String> ran) {
    if (resourceMatch.isEmpty() || samples.isEmpty()) {
      return Map.of();
    }
    String targetInfo = targetInfoFor(resourceMatch);
    ran.add(targetInfo);
    return targetInfo(targetInfo);
  }

  /** Maps samples into metrics (named {@code name}, or by stored name when empty) of the matching resources. */
  private static List<Metric> toMetrics(String name, List<PrometheusClient.Sample> samples,
      Map<String, Map<String, String>> targets, Map<String, String> resourceMatch) {
    List<Metric> metrics = new ArrayList<>();
    for (Metric metric : new PrometheusMetricMapper(targets, resourceMatch.keySet()).toMetrics(name, samples)) {
      if (matches(metric.resource(), resourceMatch)) {
        metrics.add(metric);
      }
    }
    return metrics;
  }

  private Map<String, Map<String, String>> targetInfo(String selector) {
    Map<String, Map<String, String>> targets = new LinkedHashMap<>();
    for (PrometheusClient.Sample sample : prometheus.query(selector)) {
      targets.put(PrometheusMetricMapper.target(sample.labels()), sample.labels());
    }
    return targets;
  }

  /** The start of a store query: {@code since}, but no further back than the stores accept by default. */
  private Instant windowStart(Instant since) {
    Instant earliest = clock.instant().minus(MAX_WINDOW);
    return since.isBefore(earliest) ? earliest : since;
  }

  private Instant windowEnd() {
    return clock.instant().plus(CLOCK_SLACK);
  }

  private static boolean inScope(Map<String, Object> resource, long epochNanos, TelemetryQuery query) {
    long since = LokiClient.nanos(query.since());
    return epochNanos >= since && matches(resource, query.resourceMatch());
  }

  private static boolean matches(Map<String, Object> resource, Map<String, String> resourceMatch) {
    for (Map.Entry<String, String> wanted : resourceMatch.entrySet()) {
      if (!AttributeValues.matches(wanted.getValue(), resource.get(wanted.getKey()))) {
        return false;
      }
    }
    return true;
  }

  /** <code>{resource.k="v" &amp;&amp; ...}</code>, or <code>{}</code> for no match. */
  static String traceQlFor(Map<String, String> resourceMatch) {
    List<String> conditions = new ArrayList<>();
    resourceMatch.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(entry ->
        conditions.add("resource." + entry.getKey() + "=" + quote(entry.getValue())));
    return "{" + String.join(" && ", conditions) + "}";
  }

  /**
   * <code>{service_name="x"} | k="v"</code>: Loki always indexes {@code service_name}; other resource attributes
   * may be index labels or structured metadata, and a label filter after the selector matches both.
   */
  static String logQlFor(Map<String, String> resourceMatch, Optional<String> traceId) {
    String serviceName = resourceMatch.get("service.name");
    StringBuilder logql = new StringBuilder(serviceName == null
        ? "{service_name=~\".+\"}"
        : "{service_name=" + quote(serviceName) + "}");
    resourceMatch.entrySet().stream()
        .filter(entry -> !entry.getKey().equals("service.name"))
        .sorted(Map.Entry.comparingByKey())
        .forEach(entry -> logql.append(" | ").append(StoreLabels.labelName(entry.getKey()))
            .append('=').append(quote(entry.getValue())));
    traceId.ifPresent(id -> logql.append(" | trace_id=").append(quote(id.toLowerCase(Locale.ROOT))));
    return logql.toString();
  }

  /** <code>target_info{k="v",...}</code> with label names for the attribute keys. */
  static String targetInfoFor(Map<String, String> resourceMatch) {
    List<String> matchers = new ArrayList<>();
    resourceMatch.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(entry ->
        matchers.add(StoreLabels.labelName(entry.getKey()) + "=" + quote(entry.getValue())));
    return "target_info{" + String.join(",", matchers) + "}";
  }

  /** One selector per stored metric; the three series of a histogram share one regex selector. */
  static List<String> selectorsFor(List<String> storedNames) {
    Set<String> names = new java.util.LinkedHashSet<>(storedNames);
    List<String> selectors = new ArrayList<>();
    Set<String> done = new java.util.HashSet<>();
    for (String name : names) {
      if (name.endsWith("_bucket")) {
        String stem = name.substring(0, name.length() - "_bucket".length());
        selectors.add("{__name__=~\"" + stem + "_(bucket|sum|count)\"}");
        done.add(stem + "_bucket");
        done.add(stem + "_sum");
        done.add(stem + "_count");
      }
    }
    for (String name : names) {
      if (!done.contains(name)) {
        selectors.add(name);
      }
    }
    return selectors;
  }

  /** A double-quoted string literal as TraceQL, LogQL and PromQL read it. */
  static String quote(String value) {
    return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
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
