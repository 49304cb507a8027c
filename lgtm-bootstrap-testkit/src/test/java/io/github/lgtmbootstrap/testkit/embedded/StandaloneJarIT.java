package io.github.lgtmbootstrap.testkit.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The packaged standalone jar runs with a plain {@code java -jar} (no Maven, no class path) on ephemeral ports and
 * prints a span sent over OTLP/HTTP and one sent over OTLP/gRPC by OpenTelemetry's own exporters.
 */
class StandaloneJarIT {

  private static final Pattern LISTENING = Pattern.compile(
      "listening on (http://127\\.0\\.0\\.1:\\d+) .* and (http://127\\.0\\.0\\.1:\\d+) \\(OTLP/gRPC\\)");
  private static final Duration DEADLINE = Duration.ofSeconds(60);

  private Process process;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private final List<String> seen = new ArrayList<>();

  @AfterEach
  void stop() throws InterruptedException {
    if (process != null) {
      process.destroy();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }

  @Test
  void runsWithJavaJarAndPrintsSpansArrivingOverHttpAndGrpc() throws Exception {
    Path jar = Path.of(System.getProperty("lgtm.standalone.jar", "target/missing-standalone.jar"));
    assertThat(jar).as("the standalone jar built by the package phase").exists();
    assertThat(Files.size(jar)).as("jar size").isLessThan(20L * 1024 * 1024);
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    process = new ProcessBuilder(java, "-jar", jar.toString(), "--port", "0", "--grpc-port", "0")
        .redirectErrorStream(true).start();
    Thread reader = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(
          new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        in.lines().forEach(lines::add);
      } catch (IOException e) {
        lines.add("reader failed: " + e);
      }
    }, "standalone-output");
    reader.setDaemon(true);
    reader.start();

    Matcher endpoints = LISTENING.matcher(awaitLine("listening on"));
    assertThat(endpoints.find()).as("endpoints in %s", seen).isTrue();
    export(OtlpHttpSpanExporter.builder().setEndpoint(endpoints.group(1) + "/v1/traces").build(), "over-http");
    export(OtlpGrpcSpanExporter.builder().setEndpoint(endpoints.group(2)).build(), "over-grpc");

    assertThat(awaitLine("SPAN   over-http")).contains("service=standalone-it");
    assertThat(awaitLine("SPAN   over-grpc")).contains("service=standalone-it");
  }

  private static void export(SpanExporter exporter, String spanName) {
    try (SdkTracerProvider tracing = SdkTracerProvider.builder()
        .setResource(io.opentelemetry.sdk.resources.Resource.getDefault().merge(
            io.opentelemetry.sdk.resources.Resource.builder().put("service.name", "standalone-it").build()))
        .addSpanProcessor(SimpleSpanProcessor.create(exporter)).build()) {
      tracing.get("it").spanBuilder(spanName).startSpan().end();
      assertThat(tracing.forceFlush().join(30, TimeUnit.SECONDS).isSuccess()).as("export of " + spanName).isTrue();
    }
  }

  /** Waits for a line of the process's output containing the text; fails with everything seen so far. */
  private String awaitLine(String text) throws InterruptedException {
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    for (String line : seen) {
      if (line.contains(text)) {
        return line;
      }
    }
    while (System.nanoTime() < deadline) {
      String line = lines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (line == null) {
        break;
      }
      seen.add(line);
      if (line.contains(text)) {
        return line;
      }
    }
    throw new AssertionError("No line containing '" + text + "' within " + DEADLINE + "; the standalone jar printed "
        + seen + (process.isAlive() ? "" : " and exited with " + process.exitValue()));
  }
}
