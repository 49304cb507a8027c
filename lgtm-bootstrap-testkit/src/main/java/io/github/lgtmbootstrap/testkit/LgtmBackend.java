package io.github.lgtmbootstrap.testkit;

import io.github.lgtmbootstrap.testkit.assertions.IngestBarrier;
import io.github.lgtmbootstrap.testkit.assertions.LogsAssert;
import io.github.lgtmbootstrap.testkit.assertions.MetricsAssert;
import io.github.lgtmbootstrap.testkit.assertions.Polling;
import io.github.lgtmbootstrap.testkit.assertions.TelemetryView;
import io.github.lgtmbootstrap.testkit.assertions.TracesAssert;
import io.github.lgtmbootstrap.testkit.internal.BackendHandle;
import io.github.lgtmbootstrap.testkit.internal.ExporterSettings;
import io.github.lgtmbootstrap.testkit.internal.JmxFlusher;
import io.github.lgtmbootstrap.testkit.internal.SdkFlusher;
import io.github.lgtmbootstrap.testkit.model.LogEntry;
import io.github.lgtmbootstrap.testkit.model.Metric;
import io.github.lgtmbootstrap.testkit.model.Span;
import io.github.lgtmbootstrap.testkit.query.TelemetryQuery;
import io.github.lgtmbootstrap.testkit.query.TelemetrySource;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The LGTM backend a test talks to: where the app under test sends OTLP, and where assertions look for what
 * arrived. Injected by {@link LgtmExtension} as a test method (or constructor, or lifecycle method) parameter:
 *
 * <pre>{@code
 * @LgtmTest
 * class CheckoutTest {
 *   @Test
 *   void placesOrder(LgtmBackend lgtm) {
 *     checkout.placeOrder(3);   // instrumented code, exporting with the otel.* system properties the extension set
 *     lgtm.assertTraces().hasSpan("placeOrder").withAttribute("order.items", 3).withChild("chargeCard");
 *     lgtm.assertLogs().hasRecord("order placed").withSeverity(Severity.INFO).inTraceOf("placeOrder");
 *     lgtm.assertMetrics().hasCounter("orders.placed").withValue(1).withAttribute("payment", "card");
 *   }
 * }
 * }</pre>
 *
 * <p><b>Isolation.</b> A test sees only telemetry that arrived after it started (after its {@code @BeforeEach}
 * callbacks of the extension ran), so tests that run one after another do not see each other's data. When the
 * store is shared between runs (a reused container, an external stack), it additionally sees only telemetry whose
 * resource carries this run's {@code lgtm.test.run.id}; see {@link LgtmExtension.Builder#setRunIdMatching}.
 * Tests that run <em>in parallel</em> (JUnit's {@code junit.jupiter.execution.parallel.enabled}) are told apart by
 * the test id: spans and log records carrying another test's {@value LgtmExtension#TEST_ID_ATTRIBUTE} are out of a
 * test's view, so exact counts and absence hold per test. Items without an id (an SDK without the stamping
 * processor, work started outside the test's context) are seen by every test running at the time. Metrics are not
 * per test: a counter's series aggregates every test's increments, so assert metrics of concurrent tests on
 * attributes unique to each test, or run those tests one after another. Each test starts with a flush, so a batch
 * an earlier test left behind lands before the window opens.
 *
 * <p><b>Flushing.</b> Every assertion first flushes the in-process telemetry: each pipeline registered as a
 * flush MBean ({@value LgtmExtension#FLUSH_MBEAN_PATTERN}, which every running {@code Lgtm.init()} handle
 * registers, and any app may; see {@link LgtmExtension}), plus the SDKs and actions handed over with
 * {@link #addSdk} and {@link #addFlushAction}. So nobody waits for a batch delay or a metric interval.
 *
 * <p><b>Waiting.</b> Assertions wait at most {@link #timeout()} (or the timeout given to them). A Tempo that keeps
 * new traces out of search for a while (Tempo 3's {@code query_frontend.query_end_cutoff}, 30 s unless configured,
 * on an external stack) adds that delay to the timeout of span assertions and of log assertions, which may name a
 * span; the log says so once, and so does a failure message.
 *
 * <p>Backends of every kind (embedded, container, external) look the same through this class. Thread-safe.
 */
public final class LgtmBackend {

  private final BackendHandle handle;
  private final IngestBarrier barrier;
  private final String runId;
  private final Supplier<Instant> testStart;
  private final Supplier<Optional<String>> testId;
  private final Map<String, String> resourceMatch;
  private final Duration timeout;
  private final Duration pollInterval;
  private final List<Runnable> classFlushActions;
  private final List<Runnable> flushActions;
  private final Map<String, String> exporterProperties;

  /**
   * Creates the handle. {@code testFlushActions} is the current test's own list (shared by its
   * {@code @BeforeEach} and test method parameters), or the class list itself for constructor and
   * {@code @BeforeAll} parameters.
   */
  LgtmBackend(BackendHandle handle, IngestBarrier barrier, String runId, Supplier<Instant> testStart,
      Supplier<Optional<String>> testId, Map<String, String> resourceMatch,
      Duration timeout, Duration pollInterval, List<Runnable> classFlushActions, List<Runnable> testFlushActions,
      Map<String, String> exporterProperties) {
    this.handle = handle;
    this.barrier = barrier;
    this.runId = runId;
    this.testStart = testStart;
    this.testId = testId;
    this.resourceMatch = Map.copyOf(resourceMatch);
    this.timeout = timeout;
    this.pollInterval = pollInterval;
    this.classFlushActions = classFlushActions;
    this.flushActions = testFlushActions;
    this.exporterProperties = exporterProperties;
  }

  /**
   * Returns the backend kind, as {@code lgtm.testkit.backend} names it.
   *
   * @return such as {@code embedded}
   */
  public String kind() {
    return handle.kind();
  }

  /**
   * Returns the OTLP/HTTP base URL to use as {@code otel.exporter.otlp.endpoint}.
   *
   * @return such as {@code http://127.0.0.1:43817}, without a trailing slash
   */
  public String otlpEndpoint() {
    return handle.otlpEndpoint();
  }

  /**
   * Returns the OTLP/gRPC endpoint, for {@code otel.exporter.otlp.protocol=grpc} or
   * {@code OtlpGrpcSpanExporterBuilder.setEndpoint}. The embedded backend serves one when the optional
   * {@code io.netty:netty-codec-http2} is on the test class path (see {@link LgtmExtension#GRPC_KEY}); the
   * container backend always does.
   *
   * @return such as {@code http://127.0.0.1:43817}, or empty when the backend takes OTLP/HTTP only
   */
  public Optional<String> otlpGrpcEndpoint() {
    return handle.otlpGrpcEndpoint();
  }

  /**
   * Returns the full OTLP/HTTP traces URL, for {@code OtlpHttpSpanExporterBuilder.setEndpoint}.
   *
   * @return the base URL plus {@code /v1/traces}
   */
  public String otlpTracesEndpoint() {
    return handle.otlpEndpoint() + "/v1/traces";
  }

  /**
   * Returns the full OTLP/HTTP metrics URL, for {@code OtlpHttpMetricExporterBuilder.setEndpoint}.
   *
   * @return the base URL plus {@code /v1/metrics}
   */
  public String otlpMetricsEndpoint() {
    return handle.otlpEndpoint() + "/v1/metrics";
  }

  /**
   * Returns the full OTLP/HTTP logs URL, for {@code OtlpHttpLogRecordExporterBuilder.setEndpoint}.
   *
   * @return the base URL plus {@code /v1/logs}
   */
  public String otlpLogsEndpoint() {
    return handle.otlpEndpoint() + "/v1/logs";
  }

  /**
   * Returns the {@code otel.*} settings that point an SDK at this backend: endpoint, {@code http/protobuf},
   * short batch and metric intervals, {@code otel.resource.attributes} with this run's id appended, and
   * {@code lgtm.jmx.enabled=true} (so that an app using lgtm-bootstrap registers the flush MBean). The
   * extension sets them as system properties unless told not to; pass them to an SDK you build yourself, or see
   * {@link #exporterEnvironment()} for a separate process.
   *
   * @return property name to value
   */
  public Map<String, String> exporterProperties() {
    return exporterProperties;
  }

  /**
   * Returns {@link #exporterProperties()} as environment variables ({@code OTEL_EXPORTER_OTLP_ENDPOINT}, ...),
   * for {@code ProcessBuilder.environment().putAll(...)}.
   *
   * @return variable name to value
   */
  public Map<String, String> exporterEnvironment() {
    return ExporterSettings.environment(exporterProperties);
  }

  /**
   * Returns {@link #exporterProperties()} for the given OTLP protocol: {@code http/protobuf} (the same map),
   * {@code http/json}, or {@code grpc} with {@link #otlpGrpcEndpoint()} as the endpoint. Use it to point an app
   * whose SDK speaks gRPC only (such as Python's default exporters) at this backend.
   *
   * @param protocol {@code grpc}, {@code http/protobuf} or {@code http/json}
   * @return property name to value
   * @throws IllegalArgumentException for another protocol
   * @throws IllegalStateException for {@code grpc} when the backend has no gRPC endpoint; the message says why
   *     and what to add
   */
  public Map<String, String> exporterProperties(String protocol) {
    Objects.requireNonNull(protocol, "protocol");
    return switch (protocol) {
      case "http/protobuf" -> exporterProperties;
      case "http/json" -> Map.copyOf(ExporterSettings.withProtocol(exporterProperties, otlpEndpoint(), protocol));
      case "grpc" -> Map.copyOf(ExporterSettings.withProtocol(exporterProperties,
          otlpGrpcEndpoint().orElseThrow(() -> new IllegalStateException(
              "No OTLP/gRPC endpoint: " + handle.grpcUnavailableReason())), protocol));
      default -> throw new IllegalArgumentException("protocol '" + protocol
          + "' is not an OTLP protocol; use grpc, http/protobuf or http/json");
    };
  }

  /**
   * Returns {@link #exporterProperties(String)} as environment variables, for a separate process.
   *
   * @param protocol {@code grpc}, {@code http/protobuf} or {@code http/json}
   * @return variable name to value
   * @throws IllegalArgumentException for another protocol
   * @throws IllegalStateException for {@code grpc} when the backend has no gRPC endpoint
   */
  public Map<String, String> exporterEnvironment(String protocol) {
    return ExporterSettings.environment(exporterProperties(protocol));
  }

  /**
   * Returns this test run's id, the value of the {@code lgtm.test.run.id} resource attribute.
   *
   * @return a random id, the same for every test of the run
   */
  public String runId() {
    return runId;
  }

  /**
   * Returns when the current test started; assertions see only telemetry that arrived since.
   *
   * @return the start instant
   */
  public Instant testStart() {
    return testStart.get();
  }

  /**
   * Returns the current test's window on the store: since the test started, matching the run id when the
   * store is shared between runs.
   *
   * @return the query scope assertions use
   */
  public TelemetryQuery query() {
    return new TelemetryQuery(testStart.get(), resourceMatch, Optional.empty(), Optional.empty(), testId.get());
  }

  /**
   * Returns the current test's id: the {@value LgtmExtension#TEST_ID_ATTRIBUTE} baggage entry while it runs and
   * the attribute its spans and log records carry.
   *
   * @return the id, empty outside a test (in {@code @BeforeAll})
   */
  public Optional<String> testId() {
    return testId.get();
  }

  /**
   * Returns the current test's view (source, window, default polling with flush and ingest barrier), the argument
   * AssertJ's soft assertions need:
   * {@code softly.proxy(TracesAssert.class, TelemetrySource.class, lgtm.view()).hasNoSpan("refund")}.
   *
   * @return the view
   */
  public TelemetryView view() {
    return new TelemetryView(source(), query(), spanPolling(timeout));
  }

  /**
   * Returns the backend's query interface, for TraceQL/LogQL/PromQL or checks the assertions do not cover.
   *
   * @return the source assertions query
   */
  public TelemetrySource source() {
    return handle.source();
  }

  /**
   * Returns how long assertions wait by default.
   *
   * @return the timeout
   */
  public Duration timeout() {
    return timeout;
  }

  /**
   * Registers an SDK to flush before assertions poll. On a test method's parameter the registration lasts for
   * that test; on a constructor or {@code @BeforeAll} parameter, until the end of the test class. Use it for an
   * SDK the test builds itself; see {@link LgtmExtension.Builder#addSdk} for the static variant. Do not keep a
   * closed SDK registered: flushing it waits out the flush timeout.
   *
   * @param sdk the SDK
   * @return this backend
   */
  public LgtmBackend addSdk(io.opentelemetry.sdk.OpenTelemetrySdk sdk) {
    Objects.requireNonNull(sdk, "sdk");
    flushActions.add(SdkFlusher.of(() -> sdk));
    return this;
  }

  /**
   * Registers an action that flushes telemetry (such as a handle's {@code flush()} method) to run before
   * assertions poll; it lasts as long as a registration of {@link #addSdk}.
   *
   * @param flushAction the action; it should return once the data is exported
   * @return this backend
   */
  public LgtmBackend addFlushAction(Runnable flushAction) {
    flushActions.add(Objects.requireNonNull(flushAction, "flushAction"));
    return this;
  }

  /**
   * Runs every flush action now: the flush MBeans ({@value LgtmExtension#FLUSH_MBEAN_PATTERN}) and the
   * registered SDKs and actions; failures are logged, not thrown.
   */
  public void flush() {
    SdkFlusher.runAll(classFlushActions);
    if (flushActions != classFlushActions) {
      SdkFlusher.runAll(flushActions);
    }
  }

  /**
   * Starts eventual assertions on spans, with the default timeout.
   *
   * @return the assertion
   */
  public TracesAssert assertTraces() {
    return new TracesAssert(source(), query(), spanPolling(timeout));
  }

  /**
   * Starts eventual assertions on spans that wait at most the given time.
   *
   * @param timeout longest wait
   * @return the assertion
   */
  public TracesAssert assertTraces(Duration timeout) {
    return new TracesAssert(source(), query(), spanPolling(timeout));
  }

  /**
   * Starts eventual assertions on log records, with the default timeout.
   *
   * @return the assertion
   */
  public LogsAssert assertLogs() {
    return new LogsAssert(source(), query(), spanPolling(timeout));
  }

  /**
   * Starts eventual assertions on log records that wait at most the given time.
   *
   * @param timeout longest wait
   * @return the assertion
   */
  public LogsAssert assertLogs(Duration timeout) {
    return new LogsAssert(source(), query(), spanPolling(timeout));
  }

  /**
   * Starts eventual assertions on metrics, with the default timeout.
   *
   * @return the assertion
   */
  public MetricsAssert assertMetrics() {
    return new MetricsAssert(source(), query(), polling(timeout));
  }

  /**
   * Starts eventual assertions on metrics that wait at most the given time.
   *
   * @param timeout longest wait
   * @return the assertion
   */
  public MetricsAssert assertMetrics(Duration timeout) {
    return new MetricsAssert(source(), query(), polling(timeout));
  }

  /**
   * Starts eventual assertions on the spans a TraceQL query selects in this test's window (and run), with the
   * default timeout. Every check then waits and fails as {@link #assertTraces()} does, and its message names the
   * query. On the embedded backend the query must stay within the documented TraceQL subset (attribute
   * comparisons with {@code =}, {@code !=}, {@code =~}, {@code &&}); a query outside it, or one Tempo rejects,
   * fails at once instead of waiting out the timeout.
   *
   * <pre>{@code
   * lgtm.assertTraceQl("{ span.order.id = \"42\" }").hasSpan("placeOrder").withChild("chargeCard");
   * }</pre>
   *
   * @param traceql the TraceQL query
   * @return the assertion
   */
  public TracesAssert assertTraceQl(String traceql) {
    return assertTraceQl(traceql, timeout);
  }

  /**
   * Same as {@link #assertTraceQl(String)}, waiting at most the given time.
   *
   * @param traceql the TraceQL query
   * @param timeout longest wait
   * @return the assertion
   */
  public TracesAssert assertTraceQl(String traceql, Duration timeout) {
    return TracesAssert.traceQl(source(), traceql, query(), spanPolling(timeout));
  }

  /**
   * Starts eventual assertions on the log records a LogQL log query selects in this test's window (and run),
   * with the default timeout; see {@link #assertTraceQl(String)}. The embedded subset: a stream selector with
   * label matchers plus line filters ({@code |=}, {@code !=}, {@code |~}, {@code !~}) and label filters.
   *
   * <pre>{@code
   * lgtm.assertLogQl("{service_name=\"checkout\"} |= \"placed\"").hasAnyRecord().inTraceOf("placeOrder");
   * }</pre>
   *
   * @param logql the LogQL log query
   * @return the assertion
   */
  public LogsAssert assertLogQl(String logql) {
    return assertLogQl(logql, timeout);
  }

  /**
   * Same as {@link #assertLogQl(String)}, waiting at most the given time.
   *
   * @param logql the LogQL log query
   * @param timeout longest wait
   * @return the assertion
   */
  public LogsAssert assertLogQl(String logql, Duration timeout) {
    return LogsAssert.logQl(source(), logql, query(), spanPolling(timeout));
  }

  /**
   * Starts eventual assertions on the series a PromQL instant query selects (matching this run's resource when
   * the store is shared), with the default timeout; see {@link #assertTraceQl(String)}. The embedded subset: an
   * instant vector selector with label matchers. Names given to the assertion may be the OpenTelemetry or the
   * Prometheus name.
   *
   * <pre>{@code
   * lgtm.assertPromQl("checkout_orders_total{payment_method=\"card\"}").hasCounter("checkout.orders").withValue(1);
   * }</pre>
   *
   * @param promql the PromQL query
   * @return the assertion
   */
  public MetricsAssert assertPromQl(String promql) {
    return assertPromQl(promql, timeout);
  }

  /**
   * Same as {@link #assertPromQl(String)}, waiting at most the given time.
   *
   * @param promql the PromQL query
   * @param timeout longest wait
   * @return the assertion
   */
  public MetricsAssert assertPromQl(String promql, Duration timeout) {
    return MetricsAssert.promQl(source(), promql, query(), polling(timeout));
  }

  /**
   * Flushes and returns the spans that arrived since the test started. Does not wait.
   *
   * @return the spans, oldest first
   */
  public List<Span> spans() {
    flush();
    return source().spans(query()).items();
  }

  /**
   * Flushes and returns the log records that arrived since the test started. Does not wait.
   *
   * @return the records, oldest first
   */
  public List<LogEntry> logs() {
    flush();
    return source().logs(query()).items();
  }

  /**
   * Flushes and returns the metrics that arrived since the test started (each export is one item). Does not
   * wait.
   *
   * @return the metrics, oldest first
   */
  public List<Metric> metrics() {
    flush();
    return source().metrics(query()).items();
  }

  private Polling polling(Duration timeout) {
    Polling polling = Polling.of(Objects.requireNonNull(timeout, "timeout"), pollInterval, this::flush)
        .withBarrier(barrier);
    for (Runnable action : classFlushActions) {
      if (action instanceof JmxFlusher jmx) {
        polling = polling.withLossReport(jmx::lossReport);
      }
    }
    return polling;
  }

  /**
   * Polling for assertions that search spans (log assertions may name a span): a store that keeps new spans out
   * of search for a while (Tempo 3's {@code query_end_cutoff}) adds that delay to the timeout. The ingest barrier
   * of absence and count checks finds its marker span by the same search, so it waits that delay out too.
   */
  private Polling spanPolling(Duration timeout) {
    return polling(Objects.requireNonNull(timeout, "timeout").plus(handle.searchDelay()));
  }

  @Override
  public String toString() {
    return "LgtmBackend[" + handle.kind() + " at " + handle.otlpEndpoint() + ", run " + runId + "]";
  }
}
