package io.github.lgtmbootstrap.benchmarks;

import io.github.lgtmbootstrap.testkit.LgtmAssertions;
import io.github.lgtmbootstrap.testkit.embedded.EmbeddedBackend;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import java.time.Duration;
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

/**
 * Time from the code under test returning (its span ended) to an assertion on that span passing, against the
 * embedded backend over real OTLP. The SDK is set up as the testkit sets up exporters (batch processor,
 * {@code otel.bsp.schedule.delay=100ms}).
 *
 * <ul>
 *   <li>{@code baselineArrival}: flush, then check every 20 µs until the backend has received the span: the floor, when the
 *       data is there, with no assertion machinery.
 *   <li>{@code flushThenAssert}: what {@code LgtmBackend.assertTraces()} does with a registered SDK: flush, then
 *       {@code hasSpan(name)} polls the store (every 50 ms) until it is there.
 *   <li>{@code assertWithoutFlush}: the same assertion with nothing to flush, relying on the 100 ms batch delay.
 * </ul>
 *
 * <p>{@code BatchSpanProcessor.forceFlush()} now and then returns at once without exporting the span that just
 * ended (a race in the SDK's worker hand-off); the span then waits for the next scheduled export. That hits the
 * baseline and the assertion alike.
 */
@State(org.openjdk.jmh.annotations.Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class AssertionLatencyBenchmark {

  private EmbeddedBackend backend;
  private SdkTracerProvider provider;
  private long counter;

  @Setup(Level.Trial)
  public void setUp() {
    backend = EmbeddedBackend.builder().setCapacity(200_000).start();
    provider =
        SdkTracerProvider.builder()
            .addSpanProcessor(
                BatchSpanProcessor.builder(
                        OtlpHttpSpanExporter.builder()
                            .setEndpoint(backend.otlpEndpoint() + "/v1/traces")
                            .build())
                    .setScheduleDelay(Duration.ofMillis(100))
                    .build())
            .build();
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    provider.close();
    backend.close();
  }

  @Benchmark
  public long baselineArrival() {
    long before = backend.receivedSpans();
    codeUnderTest();
    provider.forceFlush().join(10, TimeUnit.SECONDS);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (backend.receivedSpans() <= before && System.nanoTime() < deadline) {
      LockSupport.parkNanos(20_000); // 20 µs: fine-grained without starving the exporter on 2 cores
    }
    return backend.receivedSpans();
  }

  @Benchmark
  public Object flushThenAssert() {
    String name = codeUnderTest();
    provider.forceFlush().join(10, TimeUnit.SECONDS);
    return LgtmAssertions.assertTraces(backend).hasSpan(name);
  }

  @Benchmark
  public Object assertWithoutFlush() {
    String name = codeUnderTest();
    return LgtmAssertions.assertTraces(backend).hasSpan(name);
  }

  private String codeUnderTest() {
    String name = "work-" + counter++;
    provider.get("bench").spanBuilder(name).startSpan().end();
    return name;
  }
}
