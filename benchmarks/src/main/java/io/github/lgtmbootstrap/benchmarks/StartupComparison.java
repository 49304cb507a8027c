package io.github.lgtmbootstrap.benchmarks;

import com.sun.net.httpserver.HttpServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Start-up of a fresh JVM per variant, measured side by side (variants interleaved round by round, so machine
 * noise hits all of them alike): a plain {@code main} (the JVM floor), bare
 * {@code AutoConfiguredOpenTelemetrySdk.initialize()}, {@code Lgtm.init()}, the OpenTelemetry java agent, and
 * the testkit's embedded backend (start to ready), without and with its OTLP/gRPC port.
 * Each child exports to a local OTLP/HTTP sink over loopback with the same settings.
 *
 * <p>Reported per variant: median and minimum of "spawn to READY" (the app can do work) and "spawn to exit"
 * (including the SDK's shutdown flush).
 */
public final class StartupComparison {

  /**
   * The OkHttp sender is on this class path for OTLP/gRPC only; HTTP exports keep the JDK sender that core uses
   * (with two HTTP senders the SDK warns and picks one at random).
   */
  static final String JDK_HTTP_SENDER = "-Dio.opentelemetry.sdk.common.export.HttpSenderProvider="
      + "io.opentelemetry.exporter.sender.jdk.internal.JdkHttpSenderProvider";

  private StartupComparison() {}

  /** Arguments: rounds (default 10), path to the shaded benchmarks jar, optional path to the agent jar. */
  public static void main(String[] args) throws Exception {
    int rounds = Integer.parseInt(args[0]);
    Path jar = Path.of(args[1]);
    Path agent = args.length > 2 ? Path.of(args[2]) : null;
    System.out.println(run(rounds, jar, agent));
  }

  static String run(int rounds, Path jar, Path agent) throws Exception {
    HttpServer sink = NoDecodeSink.start();
    try {
      String endpoint = NoDecodeSink.endpoint(sink);
      List<String> variants = new ArrayList<>();
      for (String variant :
          System.getProperty("startup.variants",
              "baseline,autoconfigure,autoconfigure+appender,lgtm,lgtm+logback,agent,backend,backend+grpc").split(",")) {
        if (!variant.equals("agent") || (agent != null && Files.isRegularFile(agent))) {
          variants.add(variant);
        }
      }
      Map<String, List<long[]>> samples = new LinkedHashMap<>();
      variants.forEach(v -> samples.put(v, new ArrayList<>()));
      // One discarded round: the first JVM launches pay for cold file caches.
      for (int round = -1; round < rounds; round++) {
        for (int i = 0; i < variants.size(); i++) {
          String variant = variants.get(Math.floorMod(i + round, variants.size()));
          long[] times = launch(variant, jar, agent, endpoint);
          if (round >= 0) {
            samples.get(variant).add(times);
          }
        }
      }
      return report(rounds, samples);
    } finally {
      sink.stop(0);
    }
  }

  private static long[] launch(String variant, Path jar, Path agent, String endpoint)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    if (variant.equals("agent")) {
      command.add("-javaagent:" + agent);
    }
    if (variant.equals("lgtm")) {
      // Same exporters as bare autoconfigure plus our defaults (resource, runtime metrics); the logback add-on,
      // which is on this classpath, is measured separately as lgtm+logback.
      command.add("-Dlgtm.addons.disabled=logback");
    }
    command.addAll(
        List.of(
            JDK_HTTP_SENDER,
            "-Dotel.service.name=startup-bench",
            "-Dotel.exporter.otlp.endpoint=" + endpoint,
            "-Dotel.exporter.otlp.protocol=http/protobuf",
            "-Dotel.traces.exporter=otlp",
            "-Dotel.metrics.exporter=otlp",
            "-Dotel.logs.exporter=otlp",
            "-cp",
            jar.toString(),
            StartupChild.class.getName(),
            variant));
    long start = System.nanoTime();
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    long ready = -1;
    long cpu = -1;
    long startNanos = -1;
    List<String> output = new ArrayList<>();
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        if (ready < 0 && line.equals("READY")) {
          ready = System.nanoTime();
          // CPU time of every thread of the child so far: on a shared machine it moves far less than the wall
          // clock, and work moved off the caller's thread still counts here.
          cpu = process.info().totalCpuDuration().map(Duration::toNanos).orElse(-1L);
        } else if (line.startsWith("START_NS=")) {
          startNanos = Long.parseLong(line.substring("START_NS=".length()));
        } else if (output.size() < 50) {
          output.add(line);
        }
      }
    }
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException(variant + " did not exit within 60 s");
    }
    long exit = System.nanoTime();
    if (ready < 0 || process.exitValue() != 0) {
      throw new IllegalStateException(
          variant + " failed (exit " + process.exitValue() + "):\n" + String.join("\n", output));
    }
    return new long[] {ready - start, exit - start, cpu, startNanos};
  }

  private static String report(int rounds, Map<String, List<long[]>> samples) {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "Start-up, fresh JVM per run, %d interleaved rounds (ms; median / min)%n", rounds));
    out.append(
        String.format(
            Locale.ROOT,
            "%-22s %18s %18s %14s %14s %12s %12s%n",
            "variant", "spawn->READY", "spawn->exit", "READY/plain", "READY/autoconf", "cpu@READY",
            "cpu/autoconf"));
    double baseline = samples.containsKey("baseline") ? median(samples.get("baseline"), 0) : Double.NaN;
    double autoconf =
        samples.containsKey("autoconfigure") ? median(samples.get("autoconfigure"), 0) : Double.NaN;
    double autoconfCpu =
        samples.containsKey("autoconfigure") ? median(samples.get("autoconfigure"), 2) : Double.NaN;
    for (Map.Entry<String, List<long[]>> entry : samples.entrySet()) {
      List<long[]> runs = entry.getValue();
      out.append(
          String.format(
              Locale.ROOT,
              "%-22s %9.0f / %6.0f %9.0f / %6.0f %13.2fx %13.2fx %12.0f %11.2fx%n",
              entry.getKey(),
              median(runs, 0) / 1e6,
              min(runs, 0) / 1e6,
              median(runs, 1) / 1e6,
              min(runs, 1) / 1e6,
              median(runs, 0) / baseline,
              median(runs, 0) / autoconf,
              median(runs, 2) / 1e6,
              median(runs, 2) / autoconfCpu));
    }
    List<long[]> backend = samples.get("backend");
    if (backend != null) {
      out.append(
          String.format(
              Locale.ROOT,
              "embedded backend start() alone, in the fresh JVM: median %.1f ms, min %.1f ms (goal <= 50 ms: %.2fx)%n",
              median(backend, 3) / 1e6,
              min(backend, 3) / 1e6,
              median(backend, 3) / 1e6 / 50));
    }
    return out.toString();
  }

  private static double median(List<long[]> runs, int index) {
    long[] values = runs.stream().mapToLong(r -> r[index]).sorted().toArray();
    int n = values.length;
    return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2.0;
  }

  private static double min(List<long[]> runs, int index) {
    return Arrays.stream(runs.stream().mapToLong(r -> r[index]).toArray()).min().orElse(0);
  }
}
