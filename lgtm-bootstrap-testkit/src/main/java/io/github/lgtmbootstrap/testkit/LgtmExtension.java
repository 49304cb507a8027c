package io.github.lgtmbootstrap.testkit;

import io.github.lgtmbootstrap.testkit.assertions.Polling;
import io.github.lgtmbootstrap.testkit.embedded.EmbeddedBackend;
import io.github.lgtmbootstrap.testkit.internal.BackendFactory;
import io.github.lgtmbootstrap.testkit.internal.BackendHandle;
import io.github.lgtmbootstrap.testkit.internal.BackendKind;
import io.github.lgtmbootstrap.testkit.internal.BackendSettings;
import io.github.lgtmbootstrap.testkit.internal.ConfigLookup;
import io.github.lgtmbootstrap.testkit.internal.ExporterSettings;
import io.github.lgtmbootstrap.testkit.internal.JmxFlusher;
import io.github.lgtmbootstrap.testkit.internal.MarkerBarrier;
import io.github.lgtmbootstrap.testkit.internal.OtelVersionCheck;
import io.github.lgtmbootstrap.testkit.internal.SdkFlusher;
import io.github.lgtmbootstrap.testkit.internal.SharedSystemProperties;
import io.github.lgtmbootstrap.testkit.internal.TestIdStamper;
import io.github.lgtmbootstrap.testkit.query.TelemetryQuery;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.logs.LogRecordProcessor;
import io.opentelemetry.sdk.trace.SpanProcessor;
import java.lang.reflect.Method;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;

/**
 * The JUnit 5 extension behind {@link LgtmTest}: starts the LGTM backend once per test run, points in-process
 * OpenTelemetry SDKs at it, and injects {@link LgtmBackend} parameters.
 *
 * <p>Zero configuration: annotate the class with {@link LgtmTest}. With settings:
 * <pre>{@code
 * @RegisterExtension
 * static final LgtmExtension LGTM = LgtmExtension.builder()
 *     .setTimeout(Duration.ofSeconds(5))
 *     .addSdk(() -> sdk)          // flushed before every assertion polls
 *     .build();
 * }</pre>
 *
 * <p>What it does:
 * <ul>
 *   <li>The backend kind comes from the builder, else the system property {@value #BACKEND_KEY}, else the
 *       environment variable {@code LGTM_TESTKIT_BACKEND}, else {@code embedded}. It starts lazily, once per run
 *       and per distinct settings, in the root {@link ExtensionContext.Store}; JUnit closes it when the run ends.
 *   <li>For each test class (unless {@link Builder#setExporterProperties} is false) it sets the system properties
 *       of {@link LgtmBackend#exporterProperties()} ({@code otel.exporter.otlp.endpoint},
 *       {@code otel.exporter.otlp.protocol=http/protobuf}, batch delays of 100 ms and a metric interval of 2 s, and
 *       {@code otel.resource.attributes} plus {@code lgtm.test.run.id}) and restores the previous values after
 *       the class (when classes run concurrently, the first sets them and the last restores them). An SDK built by
 *       autoconfiguration during the class exports to the backend.
 *   <li>Before each test it flushes (so an earlier test's last batch lands before the window opens), records the
 *       start instant and gives the test an id. While the test's {@code @BeforeEach}, test and {@code @AfterEach}
 *       methods run, the id is the OpenTelemetry baggage entry {@value #TEST_ID_ATTRIBUTE} of the current
 *       {@link Context}; spans and log records started in that context (on the test's thread, in tasks that carry the
 *       context to other threads, in other processes through W3C {@code baggage}) get it as an attribute from
 *       the stamping processors ({@code Lgtm.init()} installs them; see {@link #testIdSpanProcessor()} for an SDK
 *       you build), and that test's assertions see only telemetry that arrived since it started and that carries its
 *       id or none (see {@link LgtmBackend} for the isolation rule).
 *   <li>Assertions wait at most the builder's timeout, else {@value #TIMEOUT_KEY} ({@code LGTM_TESTKIT_TIMEOUT}),
 *       else 10 seconds plus what the backend needs to make data queryable.
 * </ul>
 *
 * <p><b>Flushing.</b> Before an assertion polls (and about once a second while it waits) the extension flushes:
 * <ul>
 *   <li>every telemetry pipeline that registered a <em>flush MBean</em> on the platform MBeanServer, always, with
 *       no opt-in: each running {@code Lgtm.init()} handle registers one, so the SDK behind
 *       {@code GlobalOpenTelemetry} is flushed although the API hides it. Any app, agent extension or other SDK
 *       owner can take part by registering an MBean named {@value #FLUSH_MBEAN_PATTERN} with a unique
 *       {@code id} key (such as {@code io.github.lgtmbootstrap:type=TelemetryFlush,id=orders-sdk}) exposing
 *       {@code boolean forceFlush(long timeoutMillis)} (flush every signal within the timeout, return whether it
 *       completed), and unregistering it at shutdown. Each call gets 5 seconds; one that throws or does not
 *       return in time is skipped from then on and logged once at INFO; nothing is ever thrown into the test;
 *   <li>the SDKs and actions handed over with {@link Builder#addSdk}, {@link Builder#addFlushAction},
 *       {@link LgtmBackend#addSdk} or {@link LgtmBackend#addFlushAction}.
 * </ul>
 * Without either, assertions still pass once the short export intervals it configures have elapsed.
 */
public final class LgtmExtension
    implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback, InvocationInterceptor, ParameterResolver {

  /** Configuration key choosing the backend: {@code embedded}, {@code container}, {@code external} or {@code auto}. */
  public static final String BACKEND_KEY = "lgtm.testkit.backend";

  /**
   * Configuration key: whether the embedded backend also serves OTLP/gRPC, on an ephemeral port of its own
   * ({@link LgtmBackend#otlpGrpcEndpoint()}). {@code auto} (default): when the optional
   * {@code io.netty:netty-codec-http2} is on the class path; {@code true}: fail naming that dependency when it is
   * missing; {@code false}: never.
   */
  public static final String GRPC_KEY = BackendFactory.GRPC_KEY;

  /** Configuration key for the default assertion timeout, such as {@code 10s} or {@code 500ms}. */
  public static final String TIMEOUT_KEY = "lgtm.testkit.timeout";

  /**
   * The ObjectName pattern of the flush MBeans the extension invokes before assertions poll (see the class
   * javadoc): domain {@code io.github.lgtmbootstrap}, {@code type=TelemetryFlush}, any {@code id}.
   */
  public static final String FLUSH_MBEAN_PATTERN = JmxFlusher.PATTERN;

  /** The resource attribute carrying the test run's id. */
  public static final String RUN_ID_ATTRIBUTE = ExporterSettings.RUN_ID_ATTRIBUTE;

  /**
   * The baggage entry, and the span and log record attribute, carrying the id of the test whose work produced an
   * item.
   */
  public static final String TEST_ID_ATTRIBUTE = TelemetryQuery.TEST_ID_ATTRIBUTE;

  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(LgtmExtension.class);
  private static final String RUN_ID_KEY = "run-id";
  private static final String JMX_FLUSHER_KEY = "jmx-flusher";
  private static final String CLASS_STATE_KEY = "class-state";
  private static final String TEST_START_KEY = "test-start";
  private static final String TEST_FLUSH_KEY = "test-flush-actions";
  private static final String TEST_ID_KEY = "test-id";

  private final Optional<String> backend;
  private final int port;
  private final int capacity;
  private final int maxRequestBytes;
  private final Optional<Duration> timeout;
  private final Optional<Duration> pollInterval;
  private final boolean exporterProperties;
  private final Optional<Boolean> runIdMatching;
  private final List<Runnable> flushActions;

  /** Creates the extension with default settings; used by {@link LgtmTest} and {@code @ExtendWith}. */
  public LgtmExtension() {
    this(new Builder());
  }

  private LgtmExtension(Builder builder) {
    this.backend = Optional.ofNullable(builder.backend);
    this.port = builder.port;
    this.capacity = builder.capacity;
    this.maxRequestBytes = builder.maxRequestBytes;
    this.timeout = Optional.ofNullable(builder.timeout);
    this.pollInterval = Optional.ofNullable(builder.pollInterval);
    this.exporterProperties = builder.exporterProperties;
    this.runIdMatching = Optional.ofNullable(builder.runIdMatching);
    this.flushActions = List.copyOf(builder.flushActions);
  }

  /**
   * Starts configuring an extension for {@code @RegisterExtension}.
   *
   * @return a new builder with the defaults of {@link LgtmTest}
   */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    OtelVersionCheck.verify();
    classState(context);
  }

  /**
   * A span processor that stamps the current test's id (see the class javadoc) on spans; add it to an SDK you
   * build yourself, so that tests running in parallel see only their own spans. {@code Lgtm.init()} adds its own.
   *
   * <pre>{@code
   * SdkTracerProvider.builder().addSpanProcessor(LgtmExtension.testIdSpanProcessor()).addSpanProcessor(batch)...
   * }</pre>
   *
   * @return a stateless processor; outside tests it does nothing
   */
  public static SpanProcessor testIdSpanProcessor() {
    return new TestIdStamper();
  }

  /**
   * A log record processor that stamps the current test's id on log records; see {@link #testIdSpanProcessor()}.
   * Add it before the exporting processor.
   *
   * @return a stateless processor; outside tests it does nothing
   */
  public static LogRecordProcessor testIdLogRecordProcessor() {
    return new TestIdStamper();
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    ClassState state = classState(context);
    SdkFlusher.runAll(state.flushActions);
    Instant start = Instant.now();
    String testId = newId();
    state.currentTestStart = start;
    state.testStarts.put(testId, start);
    context.getStore(NAMESPACE).put(TEST_START_KEY, start);
    context.getStore(NAMESPACE).put(TEST_ID_KEY, testId);
  }

  @Override
  public void afterEach(ExtensionContext context) {
    String testId = context.getStore(NAMESPACE).get(TEST_ID_KEY, String.class);
    if (testId != null) {
      classState(context).testStarts.remove(testId);
    }
  }

  @Override
  public void interceptBeforeEachMethod(Invocation<Void> invocation,
      ReflectiveInvocationContext<Method> invocationContext, ExtensionContext extensionContext) throws Throwable {
    proceedAsTest(invocation, extensionContext);
  }

  @Override
  public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> invocationContext,
      ExtensionContext extensionContext) throws Throwable {
    proceedAsTest(invocation, extensionContext);
  }

  @Override
  public void interceptTestTemplateMethod(Invocation<Void> invocation,
      ReflectiveInvocationContext<Method> invocationContext, ExtensionContext extensionContext) throws Throwable {
    proceedAsTest(invocation, extensionContext);
  }

  @Override
  public void interceptAfterEachMethod(Invocation<Void> invocation,
      ReflectiveInvocationContext<Method> invocationContext, ExtensionContext extensionContext) throws Throwable {
    proceedAsTest(invocation, extensionContext);
  }

  /** Runs a test's own code with its id as the current baggage entry, so what it starts carries the id. */
  private static void proceedAsTest(Invocation<Void> invocation, ExtensionContext context) throws Throwable {
    String testId = context.getStore(NAMESPACE).get(TEST_ID_KEY, String.class);
    if (testId == null) {
      invocation.proceed();
      return;
    }
    Baggage baggage = Baggage.current().toBuilder().put(TEST_ID_ATTRIBUTE, testId).build();
    try (Scope ignored = Context.current().with(baggage).makeCurrent()) {
      invocation.proceed();
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
    return parameterContext.getParameter().getType() == LgtmBackend.class;
  }

  @Override
  public LgtmBackend resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
    ClassState state = classState(extensionContext);
    Instant testStart = extensionContext.getStore(NAMESPACE).get(TEST_START_KEY, Instant.class);
    String testId = extensionContext.getStore(NAMESPACE).get(TEST_ID_KEY, String.class);
    // A test method parameter gets its test's window; a constructor or @BeforeAll parameter follows the test
    // whose id is the caller's current baggage (the test running on that thread), else the latest test.
    Supplier<Optional<String>> id = testId != null ? () -> Optional.of(testId) : () -> currentTestId(state);
    Supplier<Instant> start = testStart != null ? () -> testStart
        : () -> currentTestId(state).map(state.testStarts::get).orElse(state.currentTestStart);
    @SuppressWarnings("unchecked")
    List<Runnable> testFlushActions = testStart == null ? state.flushActions
        : extensionContext.getStore(NAMESPACE).getOrComputeIfAbsent(TEST_FLUSH_KEY,
            key -> new CopyOnWriteArrayList<Runnable>(), List.class);
    return new LgtmBackend(state.run.handle, state.run.barrier, state.run.runId, start, id, state.resourceMatch,
        state.timeout,
        state.pollInterval, state.flushActions, testFlushActions, state.exporterProperties);
  }

  private static Optional<String> currentTestId(ClassState state) {
    return Optional.ofNullable(Baggage.current().getEntryValue(TEST_ID_ATTRIBUTE))
        .filter(state.testStarts::containsKey);
  }

  private ClassState classState(ExtensionContext context) {
    ExtensionContext classContext = context.getTestClass().isPresent() && context.getTestMethod().isPresent()
        ? context.getParent().orElse(context) : context;
    return classContext.getStore(NAMESPACE)
        .getOrComputeIfAbsent(CLASS_STATE_KEY, key -> newClassState(context), ClassState.class);
  }

  private ClassState newClassState(ExtensionContext context) {
    RunState run = runState(context);
    Duration resolvedTimeout = timeout.orElseGet(() -> ConfigLookup.lookup(TIMEOUT_KEY)
        .map(ConfigLookup::parseDuration)
        .orElse(Polling.DEFAULT_TIMEOUT.plus(run.handle.flushHint())));
    Duration resolvedInterval = pollInterval.orElse(
        run.handle.flushHint().isZero() ? Polling.DEFAULT_INTERVAL : Duration.ofMillis(500));
    boolean matchRunId = runIdMatching.orElse(run.handle.sharedBetweenRuns());
    SharedSystemProperties.Lease lease = exporterProperties
        ? SharedSystemProperties.acquire(attributes -> ExporterSettings.properties(
            run.handle.otlpEndpoint(), run.runId, attributes))
        : null;
    Map<String, String> properties = lease != null ? lease.properties() : ExporterSettings.properties(
        run.handle.otlpEndpoint(), run.runId, ExporterSettings.currentResourceAttributes());
    // one JMX flusher per run, so an MBean skipped as broken stays skipped for every class
    Runnable jmxFlusher = context.getRoot().getStore(NAMESPACE)
        .getOrComputeIfAbsent(JMX_FLUSHER_KEY, key -> JmxFlusher.platform(), JmxFlusher.class);
    List<Runnable> classFlushActions = new ArrayList<>();
    classFlushActions.add(jmxFlusher);
    classFlushActions.addAll(flushActions);
    return new ClassState(run, resolvedTimeout, resolvedInterval,
        matchRunId ? Map.of(RUN_ID_ATTRIBUTE, run.runId) : Map.of(), properties,
        lease, classFlushActions);
  }

  private RunState runState(ExtensionContext context) {
    ExtensionContext.Store root = context.getRoot().getStore(NAMESPACE);
    String runId = root.getOrComputeIfAbsent(RUN_ID_KEY, key -> newId(), String.class);
    BackendSettings settings = new BackendSettings(resolveKind(), port, capacity, maxRequestBytes);
    return root.getOrComputeIfAbsent(settings, key -> {
      BackendHandle handle = start(key);
      return new RunState(handle, runId, new MarkerBarrier(handle.otlpEndpoint(), runId, handle.source()));
    }, RunState.class);
  }

  private BackendKind resolveKind() {
    if (backend.isPresent()) {
      return BackendKind.parse(backend.get(), "LgtmExtension.builder().setBackend");
    }
    return ConfigLookup.lookup(BACKEND_KEY)
        .map(setting -> BackendKind.parse(setting.value(), setting.origin()))
        .orElse(BackendKind.EMBEDDED);
  }

  private static BackendHandle start(BackendSettings settings) {
    try {
      return BackendFactory.start(settings);
    } catch (ExtensionConfigurationException | org.opentest4j.TestAbortedException e) {
      // a missing Docker aborts (skips) the tests rather than failing them
      throw e;
    } catch (RuntimeException e) {
      throw new ExtensionConfigurationException("Cannot start the " + settings.kind().configValue()
          + " LGTM backend: " + e.getMessage(), e);
    }
  }

  private static String newId() {
    byte[] bytes = new byte[8];
    new SecureRandom().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  /** The backend and run id of the whole run; JUnit closes it when the run ends. */
  private static final class RunState implements AutoCloseable {
    final BackendHandle handle;
    final String runId;
    final MarkerBarrier barrier;

    RunState(BackendHandle handle, String runId, MarkerBarrier barrier) {
      this.handle = handle;
      this.runId = runId;
      this.barrier = barrier;
    }

    @Override
    public void close() {
      handle.close();
    }
  }

  /** What one test class shares: settings, system properties to restore, flush actions, the running test. */
  private static final class ClassState implements AutoCloseable {
    final RunState run;
    final Duration timeout;
    final Duration pollInterval;
    final Map<String, String> resourceMatch;
    final Map<String, String> exporterProperties;
    final SharedSystemProperties.Lease properties;
    final List<Runnable> flushActions;
    final Map<String, Instant> testStarts = new ConcurrentHashMap<>();
    volatile Instant currentTestStart = Instant.now();

    ClassState(RunState run, Duration timeout, Duration pollInterval, Map<String, String> resourceMatch,
        Map<String, String> exporterProperties, SharedSystemProperties.Lease properties,
        List<Runnable> flushActions) {
      this.run = run;
      this.timeout = timeout;
      this.pollInterval = pollInterval;
      this.resourceMatch = resourceMatch;
      this.exporterProperties = Map.copyOf(exporterProperties);
      this.properties = properties;
      this.flushActions = new CopyOnWriteArrayList<>(flushActions);
    }

    @Override
    public void close() {
      if (properties != null) {
        properties.close();
      }
    }
  }

  /**
   * Collects the extension's settings; {@link #build()} validates them all at once. Defaults equal
   * {@link LgtmTest}'s. Not thread-safe.
   */
  public static final class Builder {

    private String backend;
    private int port;
    private int capacity = EmbeddedBackend.DEFAULT_CAPACITY;
    private int maxRequestBytes = EmbeddedBackend.DEFAULT_MAX_REQUEST_BYTES;
    private Duration timeout;
    private Duration pollInterval;
    private boolean exporterProperties = true;
    private Boolean runIdMatching;
    private final List<Runnable> flushActions = new ArrayList<>();

    private Builder() {}

    /**
     * Chooses the backend, overriding {@value #BACKEND_KEY}.
     *
     * @param kind {@code embedded}, {@code container}, {@code external} or {@code auto}
     * @return this builder
     */
    public Builder setBackend(String kind) {
      this.backend = Objects.requireNonNull(kind, "kind");
      return this;
    }

    /**
     * Sets the embedded receiver's port; 0 (the default) picks a free one, {@code 4318} is the OTLP standard.
     *
     * @param port 0 to 65535
     * @return this builder
     */
    public Builder setPort(int port) {
      this.port = port;
      return this;
    }

    /**
     * Sets how many items per signal the embedded store keeps before dropping the oldest.
     *
     * @param capacity at least 1, default {@value EmbeddedBackend#DEFAULT_CAPACITY}
     * @return this builder
     */
    public Builder setCapacity(int capacity) {
      this.capacity = capacity;
      return this;
    }

    /**
     * Sets the largest OTLP request the embedded receiver accepts; larger ones get HTTP 413.
     *
     * @param maxRequestBytes at least 1024, default {@value EmbeddedBackend#DEFAULT_MAX_REQUEST_BYTES}
     * @return this builder
     */
    public Builder setMaxRequestBytes(int maxRequestBytes) {
      this.maxRequestBytes = maxRequestBytes;
      return this;
    }

    /**
     * Sets how long assertions wait, overriding {@value #TIMEOUT_KEY}.
     *
     * @param timeout positive
     * @return this builder
     */
    public Builder setTimeout(Duration timeout) {
      this.timeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    /**
     * Sets the pause between two polls of an assertion; default 50 ms for the embedded backend.
     *
     * @param pollInterval positive
     * @return this builder
     */
    public Builder setPollInterval(Duration pollInterval) {
      this.pollInterval = Objects.requireNonNull(pollInterval, "pollInterval");
      return this;
    }

    /**
     * Chooses whether the extension sets the {@code otel.*} system properties of
     * {@link LgtmBackend#exporterProperties()} for each test class (default true).
     *
     * @param enabled false to leave system properties alone
     * @return this builder
     */
    public Builder setExporterProperties(boolean enabled) {
      this.exporterProperties = enabled;
      return this;
    }

    /**
     * Chooses whether assertions see only telemetry whose resource carries this run's {@code lgtm.test.run.id}.
     * Default: only for stores shared between runs (container reuse, external stacks). The embedded store lives
     * and dies with the run, so it matches on arrival time alone and also sees apps that never read the system
     * property (a separately launched process, an agent). Turn it on for embedded to prove the attribute arrives;
     * turn it off for a shared store only if the app cannot set resource attributes.
     *
     * @param enabled whether to match the run id
     * @return this builder
     */
    public Builder setRunIdMatching(boolean enabled) {
      this.runIdMatching = enabled;
      return this;
    }

    /**
     * Adds an SDK to flush before assertions poll, looked up lazily (so a static field set in
     * {@code @BeforeAll} works); a null result is skipped.
     *
     * @param sdk supplies the SDK
     * @return this builder
     */
    public Builder addSdk(Supplier<? extends OpenTelemetrySdk> sdk) {
      flushActions.add(SdkFlusher.of(Objects.requireNonNull(sdk, "sdk")));
      return this;
    }

    /**
     * Adds an action that flushes telemetry, run before assertions poll.
     *
     * @param flushAction such as {@code () -> handle.flush()}
     * @return this builder
     */
    public Builder addFlushAction(Runnable flushAction) {
      flushActions.add(Objects.requireNonNull(flushAction, "flushAction"));
      return this;
    }

    /**
     * Validates every setting and creates the extension.
     *
     * @return the extension
     * @throws IllegalArgumentException listing every invalid setting
     */
    public LgtmExtension build() {
      List<String> problems = new ArrayList<>();
      if (backend != null) {
        try {
          BackendKind.parse(backend, "backend");
        } catch (ExtensionConfigurationException e) {
          problems.add(e.getMessage());
        }
      }
      problems.addAll(BackendSettings.embeddedProblems(port, capacity, maxRequestBytes));
      if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
        problems.add("timeout " + timeout + " must be positive");
      }
      if (pollInterval != null && (pollInterval.isNegative() || pollInterval.isZero())) {
        problems.add("pollInterval " + pollInterval + " must be positive");
      }
      if (!problems.isEmpty()) {
        throw new IllegalArgumentException("Invalid LgtmExtension settings: " + String.join("; ", problems));
      }
      return new LgtmExtension(this);
    }
  }
}
