package io.github.lgtmbootstrap.testkit.container;

import io.github.lgtmbootstrap.testkit.internal.BackendHandle;
import io.github.lgtmbootstrap.testkit.internal.ConfigLookup;
import io.github.lgtmbootstrap.testkit.model.Exemplar;
import io.github.lgtmbootstrap.testkit.model.LogEntry;
import io.github.lgtmbootstrap.testkit.model.Metric;
import io.github.lgtmbootstrap.testkit.model.Span;
import io.github.lgtmbootstrap.testkit.query.BackendQueryException;
import io.github.lgtmbootstrap.testkit.query.QueryResult;
import io.github.lgtmbootstrap.testkit.query.Signal;
import io.github.lgtmbootstrap.testkit.query.TelemetryQuery;
import io.github.lgtmbootstrap.testkit.query.TelemetrySource;
import io.github.lgtmbootstrap.testkit.remote.RemoteTelemetrySource;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Logger;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.opentest4j.TestAbortedException;

/**
 * The {@code container} backend: one grafana/otel-lgtm container per test run, started by Testcontainers, with
 * every port mapped (OTLP gRPC 4317 and HTTP 4318, Grafana 3000, Loki 3100, Tempo 3200, Prometheus 9090) and
 * queried through Tempo, Loki and Prometheus. The extension starts it for {@code lgtm.testkit.backend=container}
 * (or {@code auto} when Docker is available); tests do not call this class.
 *
 * <p>Keys (system property, else environment variable such as {@code LGTM_TESTKIT_CONTAINER_IMAGE}; a property
 * may also be spelled with dashes, such as {@code lgtm.testkit.container.startup-timeout}):
 * <ul>
 *   <li>{@value #IMAGE_KEY}: the image, default {@value #DEFAULT_IMAGE};
 *   <li>{@value #REUSE_KEY}: {@code true} keeps the container for the next run, only when Testcontainers' own
 *       {@code testcontainers.reuse.enable=true} is set as well (double opt-in, as Testcontainers requires);
 *       queries then match the run's {@code lgtm.test.run.id}; default {@code false};
 *   <li>{@value #STARTUP_TIMEOUT_KEY}: how long the stack may take to start and become ready, at least 2 minutes,
 *       default 3 minutes ({@code 180s}, {@code 3m} or {@code PT3M}).
 * </ul>
 *
 * <p>The container's Tempo is started with {@code query_frontend.query_end_cutoff: 0s} (a configuration file
 * copied over the image's {@code /otel-lgtm/tempo-config.yaml}), so a trace is searchable as soon as it arrives;
 * with the image's default Tempo 3 hides traces younger than 30 s from search. Images tagged with an otel-lgtm
 * version before 0.29.0 (Tempo 2) keep their own configuration.
 *
 * <p>Runs on any engine Testcontainers supports, Docker or podman ({@code DOCKER_HOST} pointing at
 * {@code podman system service}'s socket and {@code TESTCONTAINERS_RYUK_DISABLED=true}; see the README).
 *
 * <p>Needs the test dependency {@code org.testcontainers:testcontainers-grafana}. Without Docker, starting it
 * aborts the test (JUnit reports it skipped, with the reason); use {@code auto} to fall back to the embedded
 * backend instead.
 */
public final class ContainerBackend implements BackendHandle {

  /** Configuration key of the image to run. */
  public static final String IMAGE_KEY = "lgtm.testkit.container.image";

  /** The pinned image: its Tempo, Loki and Prometheus answer the query APIs this testkit was tested against. */
  public static final String DEFAULT_IMAGE = OtelLgtmImage.PINNED;

  /** Configuration key that keeps the container for the next run (with {@code testcontainers.reuse.enable}). */
  public static final String REUSE_KEY = "lgtm.testkit.container.reuse";

  /** Configuration key of the startup deadline. */
  public static final String STARTUP_TIMEOUT_KEY = "lgtm.testkit.container.startup.timeout";

  /** Default startup deadline. */
  public static final Duration DEFAULT_STARTUP_TIMEOUT = Duration.ofMinutes(3);

  /** The artifact to add when Testcontainers is missing. */
  static final String ARTIFACT = "org.testcontainers:testcontainers-grafana";

  private static final Logger LOGGER = Logger.getLogger(ContainerBackend.class.getName());
  private static final int LOG_LINES = 40;

  private final LgtmStack stack;
  private final TelemetrySource source;
  private final RemoteTelemetrySource remote;
  private final String otlpEndpoint;

  private ContainerBackend(LgtmStack stack, RemoteTelemetrySource remote) {
    this.stack = stack;
    this.remote = remote;
    this.source = new LogAttachingSource(remote, () -> stack.logTail(LOG_LINES));
    this.otlpEndpoint = stack.url(LgtmPorts.OTLP_HTTP).toString();
  }

  /**
   * Why the container backend cannot run here, if it cannot: Testcontainers missing from the classpath, or no
   * Docker environment.
   *
   * @return the reason, empty when the backend can start
   */
  public static Optional<String> unavailableReason() {
    Optional<String> missing = missingTestcontainers(ContainerBackend.class.getClassLoader());
    if (missing.isPresent()) {
      return missing;
    }
    if (!TestcontainersLgtmStack.dockerAvailable()) {
      return Optional.of("Testcontainers found no Docker environment (no DOCKER_HOST, no reachable Docker socket)");
    }
    return Optional.empty();
  }

  /**
   * Starts the container with the settings of the {@code lgtm.testkit.container.*} keys and waits until Tempo,
   * Loki and Prometheus are ready.
   *
   * @return the running backend
   * @throws ExtensionConfigurationException when settings are invalid or Testcontainers is not on the classpath
   * @throws TestAbortedException when there is no Docker, so JUnit skips the test with the reason
   * @throws IllegalStateException when the container does not start in time (with its last log lines)
   */
  public static ContainerBackend start() {
    return start(ConfigLookup::lookup);
  }

  static ContainerBackend start(Function<String, Optional<ConfigLookup.Setting>> lookup) {
    ContainerConfig config = ContainerConfig.read(lookup);
    missingTestcontainers(ContainerBackend.class.getClassLoader()).ifPresent(reason -> {
      throw new ExtensionConfigurationException(reason);
    });
    if (!TestcontainersLgtmStack.dockerAvailable()) {
      throw new TestAbortedException("Docker is not available, so tests on the container LGTM backend are skipped"
          + " (lgtm.testkit.backend=container). Start Docker, or use lgtm.testkit.backend=auto to fall back to"
          + " the embedded backend.");
    }
    boolean reuse = reuse(config, TestcontainersLgtmStack.testcontainersReuseEnabled());
    if (config.reuse() && !reuse) {
      LOGGER.warning(REUSE_KEY + "=true has no effect without Testcontainers' testcontainers.reuse.enable=true "
          + "(in ~/.testcontainers.properties or TESTCONTAINERS_REUSE_ENABLE); starting a fresh container");
    }
    long started = System.nanoTime();
    LgtmStack stack = TestcontainersLgtmStack.start(config, reuse);
    try {
      RemoteTelemetrySource remote = RemoteTelemetrySource.builder()
          .setTempoUrl(stack.url(LgtmPorts.TEMPO))
          .setLokiUrl(stack.url(LgtmPorts.LOKI))
          .setPrometheusUrl(stack.url(LgtmPorts.PROMETHEUS))
          .setGrafanaUrl(stack.url(LgtmPorts.GRAFANA))
          .build();
      Duration left = config.startupTimeout().minusNanos(System.nanoTime() - started);
      remote.awaitReady(left.isNegative() ? Duration.ofSeconds(1) : left);
      return new ContainerBackend(stack, remote);
    } catch (RuntimeException e) {
      String logs = stack.logTail(LOG_LINES);
      stack.close();
      throw new IllegalStateException(e.getMessage() + logs, e);
    }
  }

  /** Double opt-in, as Testcontainers requires: our key and Testcontainers' {@code testcontainers.reuse.enable}. */
  static boolean reuse(ContainerConfig config, boolean testcontainersReuseEnabled) {
    return config.reuse() && testcontainersReuseEnabled;
  }

  static Optional<String> missingTestcontainers(ClassLoader loader) {
    try {
      Class.forName("org.testcontainers.grafana.LgtmStackContainer", false, loader);
      return Optional.empty();
    } catch (ClassNotFoundException | LinkageError e) {
      return Optional.of("lgtm.testkit.backend=container needs Testcontainers on the test classpath: add the test "
          + "dependency " + ARTIFACT + " (version from org.testcontainers:testcontainers-bom, 2.0.x), or use "
          + "lgtm.testkit.backend=embedded");
    }
  }

  /** The running container, for this package's tests. */
  LgtmStack stack() {
    return stack;
  }

  @Override
  public String kind() {
    return "container";
  }

  @Override
  public String otlpEndpoint() {
    return otlpEndpoint;
  }

  @Override
  public Optional<String> otlpGrpcEndpoint() {
    return Optional.of(stack.url(LgtmPorts.OTLP_GRPC).toString());
  }

  @Override
  public TelemetrySource source() {
    return source;
  }

  /** Tempo makes traces searchable seconds after they arrive; Loki and Prometheus are faster. */
  @Override
  public Duration flushHint() {
    return Duration.ofSeconds(20);
  }

  /**
   * Zero when our Tempo config reached the container; otherwise (an image that keeps its own config, e.g. a
   * mirror with Tempo's default {@code query_end_cutoff}) the wait the query side detected, so assertions wait.
   */
  @Override
  public Duration searchDelay() {
    return remote.traceSearchDelay();
  }

  @Override
  public boolean sharedBetweenRuns() {
    return stack.reused();
  }

  @Override
  public void close() {
    stack.close();
  }

  @Override
  public String toString() {
    return "ContainerBackend[otlp=" + otlpEndpoint + ", grafana=" + stack.url(LgtmPorts.GRAFANA)
        + (stack.reused() ? ", reused" : "") + "]";
  }

  /** Adds the container's last log lines to every store failure, where they explain most of them. */
  static final class LogAttachingSource implements TelemetrySource {
    private final TelemetrySource delegate;
    private final Supplier<String> logs;

    LogAttachingSource(TelemetrySource delegate, Supplier<String> logs) {
      this.delegate = delegate;
      this.logs = logs;
    }

    private <T> T withLogs(Supplier<T> call) {
      try {
        return call.get();
      } catch (BackendQueryException e) {
        throw new BackendQueryException(e.getMessage() + logs.get(), e, e.retryable());
      }
    }

    @Override
    public QueryResult<Span> spans(TelemetryQuery query) {
      return withLogs(() -> delegate.spans(query));
    }

    @Override
    public QueryResult<LogEntry> logs(TelemetryQuery query) {
      return withLogs(() -> delegate.logs(query));
    }

    @Override
    public QueryResult<Metric> metrics(TelemetryQuery query) {
      return withLogs(() -> delegate.metrics(query));
    }

    @Override
    public QueryResult<Span> traceql(String traceql, TelemetryQuery scope) {
      return withLogs(() -> delegate.traceql(traceql, scope));
    }

    @Override
    public QueryResult<LogEntry> logql(String logql, TelemetryQuery scope) {
      return withLogs(() -> delegate.logql(logql, scope));
    }

    @Override
    public QueryResult<Metric> promql(String promql, TelemetryQuery scope) {
      return withLogs(() -> delegate.promql(promql, scope));
    }

    // The defaults describe the embedded store; the stores' source answers these for Tempo, Loki and Prometheus.
    @Override
    public QueryResult<Metric> metricsAt(TelemetryQuery query, Instant at) {
      return withLogs(() -> delegate.metricsAt(query, at));
    }

    @Override
    public QueryResult<Exemplar> exemplars(Metric metric, TelemetryQuery scope) {
      return withLogs(() -> delegate.exemplars(metric, scope));
    }

    @Override
    public boolean keepsAttributeTypes(Signal signal) {
      return delegate.keepsAttributeTypes(signal);
    }

    @Override
    public String toString() {
      return delegate.toString();
    }
  }
}
