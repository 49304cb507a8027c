package io.github.lgtmbootstrap.testkit.bench;

import io.github.lgtmbootstrap.testkit.assertions.Polling;
import io.github.lgtmbootstrap.testkit.assertions.TracesAssert;
import io.github.lgtmbootstrap.testkit.embedded.EmbeddedBackend;
import io.github.lgtmbootstrap.testkit.internal.MarkerBarrier;
import io.github.lgtmbootstrap.testkit.query.TelemetryQuery;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Measures what the ingest barrier costs one absence assertion on the embedded backend: {@code hasNoSpan} with
 * the marker barrier against the same assertion with only the flush (the behaviour before the barrier), both
 * after one exported span, in the same run. Not a test; run it with
 * <pre>
 * mvn -B -q -o -pl lgtm-bootstrap-testkit -am test-compile dependency:build-classpath \
 *     -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * cd lgtm-bootstrap-testkit &amp;&amp; java -cp target/test-classes:target/classes:$(cat target/cp.txt) \
 *     io.github.lgtmbootstrap.testkit.bench.AbsenceBarrierBenchmark
 * </pre>
 */
public final class AbsenceBarrierBenchmark {

  private static final int WARMUP = 200;
  private static final int ROUNDS = 1000;

  private AbsenceBarrierBenchmark() {}

  /**
   * Runs the measurement and prints milliseconds per assertion.
   *
   * @param args unused
   */
  public static void main(String[] args) {
    try (EmbeddedBackend backend = EmbeddedBackend.builder().start();
        SdkTracerProvider tracing = SdkTracerProvider.builder()
            .addSpanProcessor(BatchSpanProcessor.builder(OtlpHttpSpanExporter.builder()
                .setEndpoint(backend.otlpEndpoint() + "/v1/traces").build()).build())
            .build()) {
      Runnable flush = () -> tracing.forceFlush().join(5, TimeUnit.SECONDS);
      Polling flushOnly = Polling.of(Duration.ofSeconds(10), Duration.ofMillis(5), flush);
      Polling withBarrier = flushOnly.withBarrier(new MarkerBarrier(backend.otlpEndpoint(), "bench", backend));
      TelemetryQuery scope = TelemetryQuery.since(Instant.now()).withTestId("bench");
      measure(tracing, flushOnly, backend, scope, WARMUP);
      measure(tracing, withBarrier, backend, scope, WARMUP);
      double before = measure(tracing, flushOnly, backend, scope, ROUNDS);
      double after = measure(tracing, withBarrier, backend, scope, ROUNDS);
      System.out.printf(Locale.ROOT, "hasNoSpan on embedded, %d rounds each, one span exported per round%n", ROUNDS);
      System.out.printf(Locale.ROOT, "  flush only (before):      %.3f ms per assertion%n", before);
      System.out.printf(Locale.ROOT, "  flush + marker barrier:   %.3f ms per assertion%n", after);
      System.out.printf(Locale.ROOT, "  barrier cost:             %.3f ms (ratio %.2f)%n", after - before,
          after / before);
    }
  }

  private static double measure(SdkTracerProvider tracing, Polling polling, EmbeddedBackend backend,
      TelemetryQuery scope, int rounds) {
    long total = 0;
    for (int i = 0; i < rounds; i++) {
      tracing.get("bench").spanBuilder("checkout").startSpan().end();
      long start = System.nanoTime();
      new TracesAssert(backend, scope, polling).hasNoSpan("refund");
      total += System.nanoTime() - start;
    }
    return total / 1e6 / rounds;
  }
}
