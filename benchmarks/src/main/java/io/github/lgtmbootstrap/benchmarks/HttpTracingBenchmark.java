package io.github.lgtmbootstrap.benchmarks;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.lgtmbootstrap.core.http.LgtmHttpClient;
import io.github.lgtmbootstrap.core.http.LgtmHttpServer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One HTTP round trip over loopback (JDK {@code HttpClient} to JDK {@code HttpServer}), untraced as the baseline
 * against traced on both sides with {@code LgtmHttpClient.wrap} and {@code LgtmHttpServer.trace}: two spans,
 * two duration histograms and {@code traceparent} propagation per request (exporters discarding).
 */
@State(org.openjdk.jmh.annotations.Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
// Without TCP_NODELAY the JDK server's small responses wait for the client's delayed ACK (~40 ms per request),
// which would hide everything else.
@Fork(jvmArgsAppend = "-Dsun.net.httpserver.nodelay=true")
public class HttpTracingBenchmark {

  private static final byte[] BODY = "ok".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  private OpenTelemetrySdk sdk;
  private HttpServer server;
  private ExecutorService executor;
  private HttpClient plainClient;
  private HttpClient tracedClient;
  private HttpRequest plainRequest;
  private HttpRequest tracedRequest;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    sdk =
        OpenTelemetrySdk.builder()
            .setTracerProvider(
                SdkTracerProvider.builder()
                    .addSpanProcessor(BatchSpanProcessor.builder(Discarding.spans()).build())
                    .build())
            .setMeterProvider(
                SdkMeterProvider.builder()
                    .registerMetricReader(
                        PeriodicMetricReader.builder(Discarding.metrics())
                            .setInterval(Duration.ofSeconds(5))
                            .build())
                    .build())
            .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
            .build();
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    executor = Executors.newFixedThreadPool(2);
    server.setExecutor(executor);
    server.createContext("/plain", HttpTracingBenchmark::reply);
    LgtmHttpServer.trace(server.createContext("/traced", HttpTracingBenchmark::reply), sdk);
    server.start();
    plainClient = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    tracedClient =
        LgtmHttpClient.wrap(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build(), sdk);
    String base = "http://127.0.0.1:" + server.getAddress().getPort();
    plainRequest = HttpRequest.newBuilder(URI.create(base + "/plain")).build();
    tracedRequest = HttpRequest.newBuilder(URI.create(base + "/traced")).build();
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    server.stop(0);
    executor.shutdownNow();
    sdk.close();
  }

  @Benchmark
  public int baselineUntracedRoundTrip() throws Exception {
    return plainClient.send(plainRequest, HttpResponse.BodyHandlers.ofByteArray()).statusCode();
  }

  @Benchmark
  public int tracedRoundTrip() throws Exception {
    return tracedClient.send(tracedRequest, HttpResponse.BodyHandlers.ofByteArray()).statusCode();
  }

  private static void reply(HttpExchange exchange) throws IOException {
    exchange.getRequestBody().readAllBytes();
    exchange.sendResponseHeaders(200, BODY.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(BODY);
    }
  }
}
