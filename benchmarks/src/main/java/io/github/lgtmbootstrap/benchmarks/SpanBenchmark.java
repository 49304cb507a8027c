package io.github.lgtmbootstrap.benchmarks;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;

import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Cost of one span with two attributes, made current and ended: the SDK, handing each span synchronously to an
 * exporter that discards it, against the no-op API as the baseline.
 */
@State(org.openjdk.jmh.annotations.Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SpanBenchmark {

  private static final AttributeKey<String> ORDER = AttributeKey.stringKey("order.id");
  private static final AttributeKey<Long> ITEMS = AttributeKey.longKey("order.items");

  private SdkTracerProvider provider;
  private Tracer sdkTracer;
  private Tracer noopTracer;

  @Setup(Level.Trial)
  public void setUp() {
    provider =
        SdkTracerProvider.builder()
            // Simple, not batch: an overflowing batch queue drops spans cheaply and would flatter the result.
            .addSpanProcessor(SimpleSpanProcessor.create(Discarding.spans()))
            .build();
    sdkTracer = provider.get("bench");
    noopTracer = OpenTelemetry.noop().getTracer("bench");
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    provider.close();
  }

  @Benchmark
  public void baselineNoopSpan() {
    span(noopTracer);
  }

  @Benchmark
  public void sdkSpan() {
    span(sdkTracer);
  }

  private static void span(Tracer tracer) {
    Span span = tracer.spanBuilder("placeOrder").setAttribute(ORDER, "A-1").startSpan();
    try (Scope ignored = span.makeCurrent()) {
      span.setAttribute(ITEMS, 3L);
    } finally {
      span.end();
    }
  }
}
