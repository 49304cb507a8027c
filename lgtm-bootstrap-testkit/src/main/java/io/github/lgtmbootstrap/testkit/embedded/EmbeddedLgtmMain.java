package io.github.lgtmbootstrap.testkit.embedded;

import io.github.lgtmbootstrap.testkit.internal.TelemetryFormat;
import io.github.lgtmbootstrap.testkit.model.LogEntry;
import io.github.lgtmbootstrap.testkit.model.Metric;
import io.github.lgtmbootstrap.testkit.model.Span;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;

/**
 * Runs the embedded backend standalone and prints every span, log record and metric that arrives as one line,
 * so any OTLP app (another language, the OpenTelemetry java agent), over HTTP or gRPC, can be checked without
 * Docker. The testkit's {@code standalone} jar carries everything it needs:
 *
 * <pre>
 * java -jar lgtm-bootstrap-testkit-VERSION-standalone.jar --port 4318 --grpc-port 4317
 * OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:4317 OTEL_EXPORTER_OTLP_PROTOCOL=grpc java -jar app.jar
 * </pre>
 *
 * <p>Options: {@code --port N} (OTLP/HTTP, default 4318, 0 for a free one), {@code --grpc-port N} (OTLP/gRPC,
 * default 4317 when {@value EmbeddedBackend#GRPC_DEPENDENCY} is on the class path, {@code off} for none),
 * {@code --host H} (default {@code 127.0.0.1}; another address exposes the receiver to the network and is printed
 * as a warning), {@code --capacity N}. Stops on Ctrl+C.
 */
public final class EmbeddedLgtmMain {

  private EmbeddedLgtmMain() {}

  /**
   * Starts the backend and prints what arrives until the JVM is stopped.
   *
   * @param args the options above
   * @throws InterruptedException when interrupted while serving
   */
  public static void main(String[] args) throws InterruptedException {
    Options options;
    try {
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.println(Options.USAGE);
      return;
    }
    if (options == null) {
      System.out.println(Options.USAGE);
      return;
    }
    PrintStream out = System.out;
    EmbeddedBackend.Builder builder = EmbeddedBackend.builder()
        .setHost(options.host)
        .setPort(options.port)
        .setCapacity(options.capacity)
        .setListener(new LinePrinter(out));
    if (options.grpcPort != null) {
      builder.setGrpcPort(options.grpcPort);
    }
    EmbeddedBackend backend;
    try {
      backend = builder.start();
    } catch (IllegalArgumentException | UncheckedIOException e) {
      System.err.println(e.getMessage());
      return;
    }
    if (!isLoopback(options.host)) {
      System.err.println("WARNING: listening on " + options.host + ", not a loopback address: anyone who can reach "
          + "this machine can send telemetry to it.");
    }
    out.println("Embedded LGTM backend listening on " + backend.otlpEndpoint()
        + " (OTLP/HTTP: /v1/traces, /v1/metrics, /v1/logs)" + backend.otlpGrpcEndpoint()
            .map(grpc -> " and " + grpc + " (OTLP/gRPC).")
            .orElse("; no gRPC (" + (options.grpcPort == null && !EmbeddedBackend.isGrpcAvailable()
                ? "add " + EmbeddedBackend.GRPC_DEPENDENCY + " to the class path, or run the standalone jar"
                : "--grpc-port off") + ")."));
    out.println("Point apps at it: OTEL_EXPORTER_OTLP_ENDPOINT=" + backend.otlpEndpoint()
        + " OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf" + backend.otlpGrpcEndpoint()
            .map(grpc -> ", or OTEL_EXPORTER_OTLP_ENDPOINT=" + grpc + " OTEL_EXPORTER_OTLP_PROTOCOL=grpc")
            .orElse("") + ". Stop with Ctrl+C.");
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      backend.close();
      stopped.countDown();
    }, "lgtm-embedded-shutdown"));
    stopped.await();
  }

  private static boolean isLoopback(String host) {
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  /** Formats arriving telemetry as one line per item, with a fixed-width signal prefix. */
  static final class LinePrinter implements TelemetryListener {
    private final PrintStream out;

    LinePrinter(PrintStream out) {
      this.out = out;
    }

    static String spanLine(Span span) {
      return "SPAN   " + TelemetryFormat.span(span);
    }

    static String logLine(LogEntry log) {
      return "LOG    " + TelemetryFormat.log(log);
    }

    static String metricLine(Metric metric) {
      return "METRIC " + TelemetryFormat.metric(metric);
    }

    @Override
    public void onSpans(List<Span> spans) {
      print(spans, LinePrinter::spanLine);
    }

    @Override
    public void onLogs(List<LogEntry> logs) {
      print(logs, LinePrinter::logLine);
    }

    @Override
    public void onMetrics(List<Metric> metrics) {
      print(metrics, LinePrinter::metricLine);
    }

    private <T> void print(List<T> items, Function<T, String> format) {
      StringBuilder lines = new StringBuilder();
      items.forEach(item -> lines.append(format.apply(item)).append(System.lineSeparator()));
      synchronized (out) {
        out.print(lines);
        out.flush();
      }
    }
  }

  /** Parsed command line. */
  static final class Options {
    static final String USAGE = "Usage: EmbeddedLgtmMain [--port N (OTLP/HTTP, default "
        + EmbeddedBackend.OTLP_HTTP_PORT + ", 0 = any free port)] [--grpc-port N|off (OTLP/gRPC, default "
        + EmbeddedBackend.OTLP_GRPC_PORT + " when " + EmbeddedBackend.GRPC_DEPENDENCY + " is on the class path)]"
        + " [--host H (default 127.0.0.1)] [--capacity N (items kept per signal, default "
        + EmbeddedBackend.DEFAULT_CAPACITY + ")]";

    String host = "127.0.0.1";
    int port = EmbeddedBackend.OTLP_HTTP_PORT;
    /** Null for no gRPC. */
    Integer grpcPort = EmbeddedBackend.isGrpcAvailable() ? EmbeddedBackend.OTLP_GRPC_PORT : null;
    int capacity = EmbeddedBackend.DEFAULT_CAPACITY;

    /** Returns null for --help. */
    static Options parse(String[] args) {
      Options options = new Options();
      for (int i = 0; i < args.length; i++) {
        String arg = args[i];
        if (arg.equals("--help") || arg.equals("-h")) {
          return null;
        }
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException("Option " + arg + " needs a value or is unknown");
        }
        String value = args[++i];
        switch (arg) {
          case "--port" -> options.port = number(arg, value);
          case "--grpc-port" -> options.grpcPort = value.trim().equalsIgnoreCase("off") ? null : number(arg, value);
          case "--host" -> options.host = value;
          case "--capacity" -> options.capacity = number(arg, value);
          default -> throw new IllegalArgumentException("Unknown option " + arg);
        }
      }
      return options;
    }

    private static int number(String option, String value) {
      try {
        return Integer.parseInt(value.trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(option + " '" + value + "' is not a number");
      }
    }
  }
}
