package io.github.lgtmbootstrap.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.opentelemetry.api.logs.Logger;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.export.BatchLogRecordProcessor;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * Per-test isolation under JUnit's parallel execution: eight tests run at once, each creates spans and log records
 * with the same names as the others (one child span in a pool thread through context propagation, one in a thread
 * with only an explicit parent), and each asserts exact counts and an absence. Twenty engine runs, none may see
 * another test's telemetry.
 */
class ParallelIsolationTest {

  private static final int TESTS = 8;
  private static final int RUNS = 20;

  @Test
  void eightConcurrentTestsNeverSeeEachOthersTelemetry() {
    long started = System.nanoTime();
    for (int run = 1; run <= RUNS; run++) {
      EngineExecutionResults results = EngineTestKit.engine("junit-jupiter")
          .configurationParameter("junit.jupiter.execution.parallel.enabled", "true")
          .configurationParameter("junit.jupiter.execution.parallel.mode.default", "concurrent")
          .configurationParameter("junit.jupiter.execution.parallel.config.strategy", "fixed")
          .configurationParameter("junit.jupiter.execution.parallel.config.fixed.parallelism", "" + TESTS)
          .selectors(selectClass(SameNamesEverywhere.class))
          .execute();
      List<Throwable> failures = results.testEvents().failed().stream()
          .map(event -> event.getPayload(org.junit.platform.engine.TestExecutionResult.class)
              .flatMap(org.junit.platform.engine.TestExecutionResult::getThrowable).orElse(null))
          .toList();
      assertThat(failures).as("failures in run %d", run).isEmpty();
      results.testEvents().assertStatistics(stats -> stats.started(TESTS).succeeded(TESTS));
      assertThat(SameNamesEverywhere.overlapped).as("tests of run %d that ran alongside all others", run)
          .hasValue(TESTS);
    }
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    System.out.printf(Locale.ROOT, "ParallelIsolationTest: %d runs x %d concurrent tests in %d ms (%d ms per run)%n",
        RUNS, TESTS, millis, millis / RUNS);
  }

  /** Eight tests alike: same span and log names, exact counts. Run only through the engine above. */
  @LgtmTest
  static class SameNamesEverywhere {

    static final AtomicInteger overlapped = new AtomicInteger();
    private static CyclicBarrier allEmitted;
    private static OpenTelemetrySdk sdk;
    private static ExecutorService pool;

    @BeforeAll
    static void startSdk(LgtmBackend lgtm) {
      overlapped.set(0);
      allEmitted = new CyclicBarrier(TESTS);
      pool = Executors.newFixedThreadPool(2);
      sdk = OpenTelemetrySdk.builder()
          .setTracerProvider(SdkTracerProvider.builder()
              .addSpanProcessor(LgtmExtension.testIdSpanProcessor())
              .addSpanProcessor(BatchSpanProcessor.builder(
                  OtlpHttpSpanExporter.builder().setEndpoint(lgtm.otlpTracesEndpoint()).build())
                  .setScheduleDelay(Duration.ofMinutes(1)).build())
              .build())
          .setLoggerProvider(SdkLoggerProvider.builder()
              .addLogRecordProcessor(LgtmExtension.testIdLogRecordProcessor())
              .addLogRecordProcessor(BatchLogRecordProcessor.builder(
                  OtlpHttpLogRecordExporter.builder().setEndpoint(lgtm.otlpLogsEndpoint()).build())
                  .setScheduleDelay(Duration.ofMinutes(1)).build())
              .build())
          .build();
      lgtm.addSdk(sdk);
    }

    @AfterAll
    static void stopSdk() {
      pool.shutdownNow();
      sdk.close();
    }

    @Test
    void one(LgtmBackend lgtm) throws Exception {
      checkout(lgtm);
    }

    @Test
    void two(LgtmBackend lgtm) throws Exception {
      checkout(lgtm);
    }

    @Test
    void three(LgtmBackend lgtm) throws Exception {
      checkout(lgtm);
    }

    @Test
    void four(LgtmBackend lgtm) throws Exception {
      checkout(lgtm);
    }

    @Test
    void five(LgtmBackend lgtm) throws Exception {
      checkout(lgtm);
    }

    @Test
    void six(LgtmBackend lgtm) throws Exception {
      checkout(lgtm);
    }

    @Test
    void seven(LgtmBackend lgtm) throws Exception {
      checkout(lgtm);
    }

    @Test
    void eight(LgtmBackend lgtm) throws Exception {
      checkout(lgtm);
    }

    private static void checkout(LgtmBackend lgtm) throws Exception {
      Tracer tracer = sdk.getTracer("parallel");
      Logger logger = sdk.getLogsBridge().get("parallel");
      Span parent = tracer.spanBuilder("checkout").startSpan();
      try (Scope ignored = parent.makeCurrent()) {
        logger.logRecordBuilder().setBody("order placed").emit();
        // a pool thread that gets the test's context handed over
        pool.submit(Context.current().wrap(() -> {
          tracer.spanBuilder("checkout").startSpan().end();
          logger.logRecordBuilder().setBody("order placed").emit();
        })).get(30, TimeUnit.SECONDS);
        // a thread that only knows its parent span
        Context parentOnly = Context.root().with(parent);
        Thread thread = new Thread(() -> tracer.spanBuilder("checkout").setParent(parentOnly).startSpan().end());
        thread.start();
        thread.join(30_000);
      } finally {
        parent.end();
      }
      // every test has emitted before any asserts, so each one's store holds all eight tests' data
      allEmitted.await(60, TimeUnit.SECONDS);
      overlapped.incrementAndGet();

      lgtm.assertTraces().hasSpanCount("checkout", 3).hasNoSpan("refund");
      lgtm.assertLogs().hasRecordCount("order placed", 2);
      assertThat(lgtm.spans()).allSatisfy(span ->
          assertThat(span.attributes()).containsEntry(LgtmExtension.TEST_ID_ATTRIBUTE, lgtm.testId().orElseThrow()));
    }
  }
}
