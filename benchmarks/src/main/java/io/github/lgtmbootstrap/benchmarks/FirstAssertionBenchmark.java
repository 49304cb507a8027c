package io.github.lgtmbootstrap.benchmarks;

import io.github.lgtmbootstrap.core.Lgtm;
import io.github.lgtmbootstrap.core.LgtmHandle;
import io.github.lgtmbootstrap.testkit.assertions.LogsAssert;
import io.github.lgtmbootstrap.testkit.assertions.MetricsAssert;
import io.github.lgtmbootstrap.testkit.assertions.Polling;
import io.github.lgtmbootstrap.testkit.assertions.TracesAssert;
import io.github.lgtmbootstrap.testkit.embedded.EmbeddedBackend;
import io.github.lgtmbootstrap.testkit.internal.ExporterSettings;
import io.github.lgtmbootstrap.testkit.internal.JmxFlusher;
import io.github.lgtmbootstrap.testkit.query.TelemetryQuery;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a user's test pays for its first assertion on each signal, the way {@code @LgtmTest} runs it: the app's
 * telemetry comes from {@code Lgtm.init()} (logback add-on, JVM runtime metrics) with the testkit's exporter
 * settings, pointed at the embedded backend; assertions flush it through its flush MBean
 * ({@code JmxFlusher}, as {@code LgtmBackend} does) and poll every 50 ms. Each invocation is one "test": the code
 * under test records a span, a log line in it and a histogram point, then one assertion runs. Sample mode, so JMH
 * prints p50 / p99 per method.
 *
 * <ul>
 *   <li>{@code baselineArrival}: the floor: flush the traces alone from this thread, then check every 20 µs
 *       until the backend has the span (no MBean, no other signal, no assertion machinery).
 *   <li>{@code span}, {@code log}, {@code histogram}: the first assertion of a test on that signal.
 *   <li>{@code allThree}: span, then log, then histogram assertion in one test (what the example tests do).
 *   <li>{@code flushFirstSpan}, {@code flushFirstAllThree}: the same as the assertions ran before they looked
 *       once before flushing: every assertion flushed every pipeline and waited for all of it before looking.
 * </ul>
 */
@State(org.openjdk.jmh.annotations.Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class FirstAssertionBenchmark {

  private EmbeddedBackend backend;
  private LgtmHandle lgtm;
  private OpenTelemetrySdk sdk;
  private Polling polling;
  private Runnable flushAll;
  private Polling noFlush;
  private DoubleHistogram histogram;
  private Logger logger;
  private long counter;

  @Setup(Level.Trial)
  public void setUp() {
    backend = EmbeddedBackend.builder().setCapacity(500_000).start();
    Map<String, String> settings = ExporterSettings.properties(backend.otlpEndpoint(), "bench", "");
    settings.forEach(System::setProperty);
    System.setProperty("otel.service.name", "assertion-bench");
    System.setProperty("lgtm.jmx.enabled", "true");
    lgtm = Lgtm.init();
    sdk = (OpenTelemetrySdk) lgtm.openTelemetry();
    flushAll = JmxFlusher.platform();
    polling = Polling.of(Duration.ofSeconds(10), Polling.DEFAULT_INTERVAL, flushAll);
    noFlush = Polling.of(Duration.ofSeconds(10), Polling.DEFAULT_INTERVAL, () -> {});
    histogram = lgtm.openTelemetry().getMeter("bench").histogramBuilder("checkout.duration").setUnit("ms").build();
    logger = LoggerFactory.getLogger("bench");
    // No logback.xml here: drop logback's default console appender, keep lgtm's appender on the root logger.
    ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
        .detachAppender("console");
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    lgtm.close();
    backend.close();
  }

  @Benchmark
  public long baselineArrival() {
    long before = backend.receivedSpans();
    codeUnderTest();
    sdk.getSdkTracerProvider().forceFlush().join(10, TimeUnit.SECONDS);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (backend.receivedSpans() <= before && System.nanoTime() < deadline) {
      LockSupport.parkNanos(20_000);
    }
    return backend.receivedSpans();
  }

  @Benchmark
  public Object span() {
    Instant start = Instant.now();
    String name = codeUnderTest();
    return new TracesAssert(backend, TelemetryQuery.since(start), polling).hasSpan(name);
  }

  @Benchmark
  public Object log() {
    Instant start = Instant.now();
    String name = codeUnderTest();
    return new LogsAssert(backend, TelemetryQuery.since(start), polling).hasRecord("handled " + name);
  }

  @Benchmark
  public Object histogram() {
    Instant start = Instant.now();
    codeUnderTest();
    return new MetricsAssert(backend, TelemetryQuery.since(start), polling).hasHistogram("checkout.duration");
  }

  @Benchmark
  public Object allThree() {
    Instant start = Instant.now();
    String name = codeUnderTest();
    TelemetryQuery scope = TelemetryQuery.since(start);
    new TracesAssert(backend, scope, polling).hasSpan(name);
    new LogsAssert(backend, scope, polling).hasRecord("handled " + name);
    return new MetricsAssert(backend, scope, polling).hasHistogram("checkout.duration");
  }

  /** The span assertion as it ran before 2026-11-28: flush every pipeline, wait for all of it, then look. */
  @Benchmark
  public Object flushFirstSpan() {
    Instant start = Instant.now();
    String name = codeUnderTest();
    flushAll.run();
    return new TracesAssert(backend, TelemetryQuery.since(start), noFlush).hasSpan(name);
  }

  /** {@link #allThree} as it ran before 2026-11-28: each assertion flushed every pipeline first. */
  @Benchmark
  public Object flushFirstAllThree() {
    Instant start = Instant.now();
    String name = codeUnderTest();
    TelemetryQuery scope = TelemetryQuery.since(start);
    flushAll.run();
    new TracesAssert(backend, scope, noFlush).hasSpan(name);
    flushAll.run();
    new LogsAssert(backend, scope, noFlush).hasRecord("handled " + name);
    flushAll.run();
    return new MetricsAssert(backend, scope, noFlush).hasHistogram("checkout.duration");
  }

  private String codeUnderTest() {
    String name = "checkout-" + counter++;
    Span span = lgtm.openTelemetry().getTracer("bench").spanBuilder(name).startSpan();
    try (Scope ignored = span.makeCurrent()) {
      logger.info("handled {}", name);
      histogram.record(12.5);
    } finally {
      span.end();
    }
    return name;
  }
}
