package io.github.lgtmbootstrap.benchmarks;

import com.sun.net.httpserver.HttpServer;
import io.github.lgtmbootstrap.testkit.embedded.EmbeddedBackend;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Ingest throughput of the testkit's embedded backend in spans per second: the SDK's OTLP/HTTP exporter sends
 * batches of {@value #BATCH} ten-attribute spans over loopback and waits for each answer. Baseline: the same
 * exporter against a receiver that reads the body and answers 200 without decoding or storing, so the ratio is
 * what decoding and storing cost on top of the transport. {@code embeddedBackendGrpc} sends the same batches with
 * the SDK's OTLP/gRPC exporter (OkHttp sender, h2c) to the backend's gRPC port.
 */
@State(org.openjdk.jmh.annotations.Scope.Benchmark)
// The JDK sender, as run.sh selects it: when nothing selects a sender the SDK may pick OkHttp (on this classpath
// for the gRPC exporter), against which the JDK HttpServer sink manages only ~20,000 spans/s.
@Fork(jvmArgsAppend = StartupComparison.JDK_HTTP_SENDER)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class BackendIngestBenchmark {

  static final int BATCH = 512;

  private EmbeddedBackend backend;
  private HttpServer sink;
  private OtlpHttpSpanExporter toBackend;
  private OtlpHttpSpanExporter toSink;
  private OtlpGrpcSpanExporter toBackendGrpc;
  private List<SpanData> batch;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    backend = EmbeddedBackend.builder().setCapacity(200_000).setGrpcPort(0).start();
    toBackendGrpc = OtlpGrpcSpanExporter.builder().setEndpoint(backend.otlpGrpcEndpoint().orElseThrow()).build();
    sink = NoDecodeSink.start();
    toBackend = OtlpHttpSpanExporter.builder().setEndpoint(backend.otlpEndpoint() + "/v1/traces").build();
    toSink =
        OtlpHttpSpanExporter.builder()
            .setEndpoint(NoDecodeSink.endpoint(sink) + "/v1/traces")
            .build();
    batch = sampleSpans();
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    toBackend.close();
    toSink.close();
    toBackendGrpc.close();
    sink.stop(0);
    backend.close();
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public boolean baselineNoDecodeReceiver() {
    return toSink.export(batch).join(10, TimeUnit.SECONDS).isSuccess();
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public boolean embeddedBackend() {
    return toBackend.export(batch).join(10, TimeUnit.SECONDS).isSuccess();
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public boolean embeddedBackendGrpc() {
    return toBackendGrpc.export(batch).join(10, TimeUnit.SECONDS).isSuccess();
  }

  /** Real SpanData from the SDK, kept by a collecting exporter. */
  private static List<SpanData> sampleSpans() {
    List<SpanData> collected = new ArrayList<>();
    SpanExporter collector =
        new SpanExporter() {
          @Override
          public CompletableResultCode export(Collection<SpanData> spans) {
            collected.addAll(spans);
            return CompletableResultCode.ofSuccess();
          }

          @Override
          public CompletableResultCode flush() {
            return CompletableResultCode.ofSuccess();
          }

          @Override
          public CompletableResultCode shutdown() {
            return CompletableResultCode.ofSuccess();
          }
        };
    try (SdkTracerProvider provider =
        SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(collector)).build()) {
      for (int i = 0; i < BATCH; i++) {
        Span span = provider.get("bench").spanBuilder("op-" + (i % 16)).startSpan();
        for (int a = 0; a < 10; a++) {
          span.setAttribute("attribute." + a, "value-" + i + "-" + a);
        }
        span.end();
      }
    }
    return List.copyOf(collected);
  }
}
