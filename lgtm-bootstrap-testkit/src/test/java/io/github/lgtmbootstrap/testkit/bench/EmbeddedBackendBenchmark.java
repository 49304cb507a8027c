package io.github.lgtmbootstrap.testkit.bench;

import com.google.protobuf.ByteString;
import io.github.lgtmbootstrap.testkit.embedded.EmbeddedBackend;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Measures the embedded backend: start-to-ready time (builder call until the first export is answered 200),
 * span ingest throughput, via raw protobuf POSTs and via the OpenTelemetry SDK's own OTLP/HTTP exporter, and how
 * long a normal export takes while 200 connections trickle request heads at one byte a second. Not a test (no
 * Test suffix, surefire skips it); run it with
 * <pre>
 * mvn -B -q -o -pl lgtm-bootstrap-testkit test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.github.lgtmbootstrap.testkit.bench.EmbeddedBackendBenchmark
 * </pre>
 * With the argument {@code cold} it only measures one start and first export in this (fresh) JVM, over a raw
 * socket so that no HTTP client's own start-up is counted; run it several times for a median.
 */
public final class EmbeddedBackendBenchmark {

  private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private EmbeddedBackendBenchmark() {}

  /**
   * Runs the measurements and prints one line per figure.
   *
   * @param args unused
   * @throws Exception on failure
   */
  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("cold")) {
      coldStart();
      return;
    }
    System.out.printf(Locale.ROOT, "cores=%d java=%s%n", Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"));
    startToReady();
    rawIngest(4, 512, Duration.ofSeconds(5));
    sdkIngest(200_000);
    sdkIngestAgainstNoDecodeSink(200, 5);
    underSlowClients(200, 40);
  }

  /**
   * The SDK exporter's 512-span batches, alternately to a JDK {@code HttpServer} that reads the body and answers
   * 200 without decoding, and to the embedded backend, in interleaved rounds: the ratio of their wall times per
   * batch is the backend's throughput against a receiver that does not decode, and the process CPU per batch
   * shows what decoding and storing cost even when a loaded machine makes wall times jump.
   */
  private static void sdkIngestAgainstNoDecodeSink(int exportsPerRound, int rounds) throws Exception {
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    com.sun.net.httpserver.HttpServer sink = com.sun.net.httpserver.HttpServer.create(
        new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
    sink.createContext("/", exchange -> {
      exchange.getRequestBody().readAllBytes();
      exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
    });
    sink.start();
    try (EmbeddedBackend backend = EmbeddedBackend.builder().setCapacity(200_000).start();
        OtlpHttpSpanExporter toSink = OtlpHttpSpanExporter.builder()
            .setEndpoint("http://127.0.0.1:" + sink.getAddress().getPort() + "/v1/traces").build();
        OtlpHttpSpanExporter toBackend = OtlpHttpSpanExporter.builder()
            .setEndpoint(backend.otlpEndpoint() + "/v1/traces").build()) {
      List<io.opentelemetry.sdk.trace.data.SpanData> batch = sdkBatch();
      for (int i = 0; i < exportsPerRound; i++) { // warm-up
        toSink.export(batch).join(10, TimeUnit.SECONDS);
        toBackend.export(batch).join(10, TimeUnit.SECONDS);
      }
      double[][] wall = new double[2][rounds];
      double[][] cpu = new double[2][rounds];
      for (int round = 0; round < rounds; round++) {
        for (int target = 0; target < 2; target++) {
          OtlpHttpSpanExporter exporter = target == 0 ? toSink : toBackend;
          long cpuStart = os.getProcessCpuTime();
          long start = System.nanoTime();
          for (int i = 0; i < exportsPerRound; i++) {
            if (!exporter.export(batch).join(10, TimeUnit.SECONDS).isSuccess()) {
              throw new IllegalStateException("export failed");
            }
          }
          wall[target][round] = (System.nanoTime() - start) / 1e3 / exportsPerRound;
          cpu[target][round] = (os.getProcessCpuTime() - cpuStart) / 1e3 / exportsPerRound;
        }
      }
      for (double[] values : wall) {
        Arrays.sort(values);
      }
      for (double[] values : cpu) {
        Arrays.sort(values);
      }
      int median = rounds / 2;
      System.out.printf(Locale.ROOT,
          "SDK exporter, 512-span batches, median of %d interleaved rounds x %d: no-decode sink %.0f us/batch"
              + " (CPU %.0f us), embedded backend %.0f us/batch (CPU %.0f us): throughput %.2fx the sink%n",
          rounds, exportsPerRound, wall[0][median], cpu[0][median], wall[1][median], cpu[1][median],
          wall[0][median] / wall[1][median]);
    } finally {
      sink.stop(0);
    }
  }

  /** 512 SDK spans with 10 attributes each, as {@code BackendIngestBenchmark} sends them. */
  private static List<io.opentelemetry.sdk.trace.data.SpanData> sdkBatch() {
    List<io.opentelemetry.sdk.trace.data.SpanData> collected = new ArrayList<>();
    io.opentelemetry.sdk.trace.export.SpanExporter collector = new io.opentelemetry.sdk.trace.export.SpanExporter() {
      @Override
      public io.opentelemetry.sdk.common.CompletableResultCode export(
          java.util.Collection<io.opentelemetry.sdk.trace.data.SpanData> spans) {
        collected.addAll(spans);
        return io.opentelemetry.sdk.common.CompletableResultCode.ofSuccess();
      }

      @Override
      public io.opentelemetry.sdk.common.CompletableResultCode flush() {
        return io.opentelemetry.sdk.common.CompletableResultCode.ofSuccess();
      }

      @Override
      public io.opentelemetry.sdk.common.CompletableResultCode shutdown() {
        return io.opentelemetry.sdk.common.CompletableResultCode.ofSuccess();
      }
    };
    try (SdkTracerProvider provider = SdkTracerProvider.builder()
        .addSpanProcessor(io.opentelemetry.sdk.trace.export.SimpleSpanProcessor.create(collector)).build()) {
      for (int i = 0; i < 512; i++) {
        io.opentelemetry.api.trace.Span span = provider.get("bench").spanBuilder("op-" + (i % 16)).startSpan();
        for (int a = 0; a < 10; a++) {
          span.setAttribute("attribute." + a, "value-" + i + "-" + a);
        }
        span.end();
      }
    }
    return collected;
  }

  /** One start and first export in a fresh JVM: what the first embedded test of a run pays. */
  private static void coldStart() throws Exception {
    byte[] body = request(1, 0).toByteArray();
    long start = System.nanoTime();
    try (EmbeddedBackend backend = EmbeddedBackend.builder().start()) {
      long started = System.nanoTime();
      String status = rawPost(backend.port(), body);
      long answered = System.nanoTime();
      System.out.printf(Locale.ROOT, "cold: start() %.1f ms, first export answered (%s) %.1f ms later, total %.1f ms%n",
          (started - start) / 1e6, status, (answered - started) / 1e6, (answered - start) / 1e6);
    }
  }

  private static String rawPost(int port, byte[] body) throws Exception {
    try (java.net.Socket socket = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), port)) {
      java.io.OutputStream out = socket.getOutputStream();
      out.write(("POST /v1/traces HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-protobuf\r\n"
          + "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n")
          .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      out.write(body);
      out.flush();
      byte[] answer = socket.getInputStream().readAllBytes();
      String text = new String(answer, java.nio.charset.StandardCharsets.ISO_8859_1);
      return text.substring(0, Math.max(0, text.indexOf('\r')));
    }
  }

  /** Normal exports, timed one by one, first alone and then while slow clients trickle heads at 1 byte/s. */
  private static void underSlowClients(int slowClients, int exports) throws Exception {
    try (EmbeddedBackend backend = EmbeddedBackend.builder().start()) {
      String url = backend.otlpEndpoint() + "/v1/traces";
      byte[] body = request(512, 10).toByteArray();
      for (int i = 0; i < 50; i++) {
        post(url, body); // warm-up
      }
      double[] quiet = timedPosts(url, body, exports);
      List<java.net.Socket> slow = new ArrayList<>();
      byte[] head = "POST /v1/traces HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-protobuf\r\n"
          .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
      java.util.concurrent.ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();
      try {
        for (int i = 0; i < slowClients; i++) {
          slow.add(new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), backend.port()));
        }
        int[] next = {0};
        trickle.scheduleAtFixedRate(() -> {
          int b = next[0]++ % head.length;
          for (java.net.Socket socket : slow) {
            try {
              socket.getOutputStream().write(head[b]);
            } catch (java.io.IOException closedByTheReceiver) {
              // expected once its head deadline passes
            }
          }
        }, 0, 1, TimeUnit.SECONDS);
        Thread.sleep(1_500); // let the slow clients start their heads
        double[] abused = timedPosts(url, body, exports);
        System.out.printf(Locale.ROOT,
            "normal export (512 spans) alone: median %.2f ms, max %.2f ms; while %d connections trickle heads at 1"
                + " byte/s: median %.2f ms, max %.2f ms (%d exports each)%n", quiet[quiet.length / 2],
            quiet[quiet.length - 1], slowClients, abused[abused.length / 2], abused[abused.length - 1], exports);
      } finally {
        trickle.shutdownNow();
        for (java.net.Socket socket : slow) {
          socket.close();
        }
      }
    }
  }

  private static double[] timedPosts(String url, byte[] body, int count) throws Exception {
    double[] millis = new double[count];
    for (int i = 0; i < count; i++) {
      long start = System.nanoTime();
      if (post(url, body) != 200) {
        throw new IllegalStateException("rejected");
      }
      millis[i] = (System.nanoTime() - start) / 1e6;
    }
    Arrays.sort(millis);
    return millis;
  }

  private static void startToReady() throws Exception {
    byte[] body = request(1, 0).toByteArray();
    int runs = 30;
    double[] millis = new double[runs];
    for (int i = 0; i < runs; i++) {
      long start = System.nanoTime();
      try (EmbeddedBackend backend = EmbeddedBackend.builder().start()) {
        int status = post(backend.otlpEndpoint() + "/v1/traces", body);
        millis[i] = (System.nanoTime() - start) / 1e6;
        if (status != 200) {
          throw new IllegalStateException("status " + status);
        }
      }
    }
    double cold = millis[0];
    double[] warm = Arrays.copyOfRange(millis, 1, runs);
    Arrays.sort(warm);
    System.out.printf(Locale.ROOT,
        "start-to-ready (start() until first export answered 200): cold %.1f ms; warm median %.2f ms, min %.2f ms,"
            + " max %.2f ms over %d runs%n", cold, warm[warm.length / 2], warm[0], warm[warm.length - 1],
        warm.length);
  }

  private static void rawIngest(int threads, int spansPerRequest, Duration duration) throws Exception {
    try (EmbeddedBackend backend = EmbeddedBackend.builder().setCapacity(200_000).start()) {
      String url = backend.otlpEndpoint() + "/v1/traces";
      byte[] body = request(spansPerRequest, 7).toByteArray();
      // Warm-up so JIT and connection setup do not count.
      for (int i = 0; i < 200; i++) {
        post(url, body);
      }
      long before = backend.receivedSpans();
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      long start = System.nanoTime();
      long end = start + duration.toNanos();
      List<Future<Integer>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        futures.add(pool.submit(() -> {
          int requests = 0;
          while (System.nanoTime() < end) {
            if (post(url, body) != 200) {
              throw new IllegalStateException("rejected");
            }
            requests++;
          }
          return requests;
        }));
      }
      int requests = 0;
      for (Future<Integer> future : futures) {
        requests += future.get();
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      pool.shutdown();
      long spans = backend.receivedSpans() - before;
      System.out.printf(Locale.ROOT,
          "raw protobuf ingest: %d threads x %d-span requests for %.1f s: %d requests, %.0f spans/s (%.0f requests/s,"
              + " %d bytes/request)%n", threads, spansPerRequest, seconds, requests, spans / seconds,
          requests / seconds, body.length);
    }
  }

  private static void sdkIngest(int spans) throws Exception {
    try (EmbeddedBackend backend = EmbeddedBackend.builder().setCapacity(spans).start()) {
      OtlpHttpSpanExporter exporter = OtlpHttpSpanExporter.builder()
          .setEndpoint(backend.otlpEndpoint() + "/v1/traces").build();
      SdkTracerProvider provider = SdkTracerProvider.builder()
          .addSpanProcessor(BatchSpanProcessor.builder(exporter).setMaxQueueSize(spans)
              .setMaxExportBatchSize(512).setScheduleDelay(Duration.ofMillis(10)).build())
          .build();
      try {
        Tracer tracer = provider.get("bench");
        long start = System.nanoTime();
        for (int i = 0; i < spans; i++) {
          tracer.spanBuilder("op").setAttribute("i", i).startSpan().end();
        }
        provider.forceFlush().join(60, TimeUnit.SECONDS);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (backend.receivedSpans() < spans && System.nanoTime() < deadline) {
          Thread.onSpinWait();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT,
            "SDK OtlpHttpSpanExporter ingest: %d spans created, exported and stored in %.2f s: %.0f spans/s"
                + " (received %d, dropped by SDK queue: %d)%n", spans, seconds, backend.receivedSpans() / seconds,
            backend.receivedSpans(), spans - backend.receivedSpans());
      } finally {
        provider.close();
      }
    }
  }

  private static int post(String url, byte[] body) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create(url))
        .timeout(Duration.ofSeconds(60))
        .header("Content-Type", "application/x-protobuf")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .build();
    return CLIENT.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  private static ExportTraceServiceRequest request(int count, int attributes) {
    ScopeSpans.Builder scope = ScopeSpans.newBuilder();
    byte[] traceId = new byte[16];
    byte[] spanId = new byte[8];
    for (int i = 0; i < count; i++) {
      ThreadLocalRandom.current().nextBytes(traceId);
      ThreadLocalRandom.current().nextBytes(spanId);
      Span.Builder span = Span.newBuilder()
          .setTraceId(ByteString.copyFrom(traceId))
          .setSpanId(ByteString.copyFrom(spanId))
          .setName("GET /orders/{id}")
          .setKind(Span.SpanKind.SPAN_KIND_SERVER)
          .setStartTimeUnixNano(1_700_000_000_000_000_000L)
          .setEndTimeUnixNano(1_700_000_000_012_000_000L);
      for (int a = 0; a < attributes; a++) {
        span.addAttributes(KeyValue.newBuilder().setKey("attribute." + a)
            .setValue(AnyValue.newBuilder().setStringValue("value-" + a)));
      }
      scope.addSpans(span);
    }
    return ExportTraceServiceRequest.newBuilder()
        .addResourceSpans(ResourceSpans.newBuilder().addScopeSpans(scope))
        .build();
  }
}
