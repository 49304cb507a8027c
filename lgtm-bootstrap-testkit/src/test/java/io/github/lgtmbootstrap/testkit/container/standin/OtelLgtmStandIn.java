package io.github.lgtmbootstrap.testkit.container.standin;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.github.lgtmbootstrap.testkit.embedded.ArrivalRecordingReceiver;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The process of the otel-lgtm stand-in image: otel-lgtm's interface without its components, for container tests
 * where no registry can be reached. OTLP/HTTP on 4318 (the testkit's embedded receiver), Tempo on 3200, Loki on
 * 3100 and Prometheus on 9090 answering with recorded fixtures ({@link RecordedStore}), Grafana's health on 3000,
 * a placeholder on 4317; then the image's start-up line. Like the image's {@code run-tempo.sh} it reads Tempo's
 * configuration from {@code /otel-lgtm/tempo-config.yaml}, or the last {@code --config.file} in
 * {@code TEMPO_EXTRA_ARGS}, and logs the settings it found, so a test can see what reached the container.
 *
 * <p>Environment: {@code LGTM_STANDIN_FIXTURES} = {@code OTEL_LGTM_0_31_0} (default) or {@code TEMPO_2}.
 */
public final class OtelLgtmStandIn {

  /** The image's start-up line, which Testcontainers' wait strategy for otel-lgtm waits for. */
  static final String READY_LINE =
      "The OpenTelemetry collector and the Grafana LGTM stack are up and running. (created /tmp/ready)";

  static final String TEMPO_CONFIG = "/otel-lgtm/tempo-config.yaml";

  /** Tempo 3's default {@code query_frontend.query_end_cutoff}. */
  static final Duration DEFAULT_CUTOFF = Duration.ofSeconds(30);

  private static final Pattern CONFIG_FILE_ARG = Pattern.compile("--?config\\.file=(\\S+)");
  private static final Pattern CUTOFF = Pattern.compile("(?m)^\\s+query_end_cutoff:\\s*\"?([0-9a-z.]+)\"?\\s*$");
  private static final Pattern DURATION_PART = Pattern.compile("(\\d+)(ms|s|m|h)");

  private OtelLgtmStandIn() {}

  /**
   * Starts every port and blocks until the container is stopped.
   *
   * @param args unused
   * @throws Exception when a port cannot be bound
   */
  public static void main(String[] args) throws Exception {
    PrintStream out = System.out;
    FixtureSet fixtures = FixtureSet.valueOf(System.getenv().getOrDefault("LGTM_STANDIN_FIXTURES",
        FixtureSet.OTEL_LGTM_0_31_0.name()));
    out.println("Starting grafana/otel-lgtm stand-in with the fixtures " + fixtures);
    String extraArgs = System.getenv().getOrDefault("TEMPO_EXTRA_ARGS", "");
    Path configFile = Path.of(tempoConfigFile(extraArgs));
    String config = Files.isReadable(configFile) ? Files.readString(configFile) : "";
    Optional<Duration> cutoff = fixtures.tempo3()
        ? Optional.of(queryEndCutoff(config).orElse(DEFAULT_CUTOFF)) : Optional.empty();
    out.println("Tempo config " + configFile + " (" + (config.isEmpty() ? "missing" : config.length() + " chars")
        + "), TEMPO_EXTRA_ARGS='" + extraArgs + "': query_end_cutoff="
        + cutoff.map(c -> c.toSeconds() + "s").orElse("n/a (Tempo 2)"));
    out.flush();

    ArrivalRecordingReceiver otlp = new ArrivalRecordingReceiver("0.0.0.0", 4318, OtelLgtmStandIn::log);
    serve(3200, RecordedStore.tempo(fixtures, otlp::firstSpans, cutoff, OtelLgtmStandIn::log)::handle);
    serve(3100, RecordedStore.loki(fixtures, otlp::firstLogs, OtelLgtmStandIn::log)::handle);
    serve(9090, RecordedStore.prometheus(fixtures, otlp::firstMetrics, OtelLgtmStandIn::log)::handle);
    serve(3000, exchange -> fixed(exchange, exchange.getRequestURI().getPath().equals("/api/health") ? 200 : 404,
        "{\"database\":\"ok\",\"version\":\"stand-in\"}"));
    serve(4317, exchange -> fixed(exchange, 415, "the stand-in does not serve OTLP/gRPC; use OTLP/HTTP on 4318"));
    out.println("Waiting for the OpenTelemetry collector and the Grafana LGTM stack to start up...");
    out.println(READY_LINE);
    out.flush();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      otlp.close();
      stopped.countDown();
    }));
    stopped.await();
  }

  /** The file Tempo reads: the image's, or the last {@code --config.file} appended by TEMPO_EXTRA_ARGS. */
  static String tempoConfigFile(String tempoExtraArgs) {
    String file = TEMPO_CONFIG;
    Matcher matcher = CONFIG_FILE_ARG.matcher(tempoExtraArgs);
    while (matcher.find()) {
      file = matcher.group(1);
    }
    return file;
  }

  /** {@code query_end_cutoff} as a Go duration such as {@code 0s}, {@code 30s}, {@code 1m30s}, if set. */
  static Optional<Duration> queryEndCutoff(String config) {
    Matcher matcher = CUTOFF.matcher(config);
    if (!matcher.find()) {
      return Optional.empty();
    }
    String value = matcher.group(1);
    if (value.equals("0")) {
      return Optional.of(Duration.ZERO);
    }
    Matcher part = DURATION_PART.matcher(value);
    Duration total = Duration.ZERO;
    int consumed = 0;
    while (part.find() && part.start() == consumed) {
      long amount = Long.parseLong(part.group(1));
      total = total.plus(switch (part.group(2)) {
        case "ms" -> Duration.ofMillis(amount);
        case "s" -> Duration.ofSeconds(amount);
        case "m" -> Duration.ofMinutes(amount);
        default -> Duration.ofHours(amount);
      });
      consumed = part.end();
    }
    if (consumed != value.length()) {
      throw new IllegalArgumentException("query_end_cutoff '" + value + "' is not a Go duration");
    }
    return Optional.of(total);
  }

  private static synchronized void log(String line) {
    System.out.println(line);
    System.out.flush();
  }

  private static void serve(int port, HttpHandler handler) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("0.0.0.0", port), 0);
    server.createContext("/", handler);
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.start();
  }

  private static void fixed(HttpExchange exchange, int status, String body) throws IOException {
    try (exchange) {
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "text/plain");
      exchange.sendResponseHeaders(status, bytes.length);
      try (OutputStream stream = exchange.getResponseBody()) {
        stream.write(bytes);
      }
    }
  }
}
