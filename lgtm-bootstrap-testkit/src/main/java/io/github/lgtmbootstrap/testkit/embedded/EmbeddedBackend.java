package io.github.lgtmbootstrap.testkit.embedded;

import com.sun.net.httpserver.HttpServer;
import io.github.lgtmbootstrap.testkit.internal.BackendSettings;
import io.github.lgtmbootstrap.testkit.model.LogEntry;
import io.github.lgtmbootstrap.testkit.model.Metric;
import io.github.lgtmbootstrap.testkit.model.Span;
import io.github.lgtmbootstrap.testkit.query.QueryResult;
import io.github.lgtmbootstrap.testkit.query.TelemetryQuery;
import io.github.lgtmbootstrap.testkit.query.TelemetrySource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * An LGTM backend inside the JVM: an OTLP/HTTP receiver on the JDK's HTTP server that decodes traces, metrics and
 * logs into the testkit's model and keeps them in a bounded in-memory store.
 *
 * <p>It accepts {@code application/x-protobuf} and {@code application/json} (the OTLP JSON mapping), optionally
 * gzip-compressed, on {@code /v1/traces}, {@code /v1/metrics} and {@code /v1/logs}. A gRPC request sent to this
 * HTTP port in HTTP/1.1 framing is answered with HTTP 415 naming {@code otel.exporter.otlp.protocol=http/protobuf},
 * and logged as a warning; an HTTP/2 connection preface never reaches the receiver (the JDK server answers it with
 * its own 404), so a gRPC exporter pointed at the HTTP port fails with a protocol error.
 *
 * <p><b>OTLP/gRPC</b> (unary {@code Export} of the trace, metrics and logs services, identity or gzip, h2c) is
 * served on a port of its own when {@link Builder#setGrpcPort} asks for it, into the same store. It needs the
 * optional dependency {@value #GRPC_DEPENDENCY} (4.1 or 4.2) on the class path; see {@link #isGrpcAvailable()}.
 *
 * <p>Tests normally get it through {@code @LgtmTest}; use it directly only without JUnit:
 * <pre>{@code
 * try (EmbeddedBackend backend = EmbeddedBackend.builder().start()) {
 *   OtlpHttpSpanExporter exporter = OtlpHttpSpanExporter.builder()
 *       .setEndpoint(backend.otlpEndpoint() + "/v1/traces").build();
 *   ...
 *   List<Span> spans = backend.spans(TelemetryQuery.since(Instant.EPOCH)).items();
 * }
 * }</pre>
 *
 * <p>Thread-safe. When a signal's store is full the oldest items are dropped and counted ({@link #droppedSpans()}).
 */
public final class EmbeddedBackend implements TelemetrySource, AutoCloseable {

  /** The standard OTLP/HTTP port, used when a fixed port is asked for. */
  public static final int OTLP_HTTP_PORT = 4318;

  /** The standard OTLP/gRPC port, used when a fixed gRPC port is asked for. */
  public static final int OTLP_GRPC_PORT = 4317;

  /** The optional library that OTLP/gRPC needs on the class path, as Maven coordinates without a version. */
  public static final String GRPC_DEPENDENCY = "io.netty:netty-codec-http2";

  /** A class of {@value #GRPC_DEPENDENCY}; its presence is the test for gRPC support. */
  private static final String GRPC_PROBE_CLASS = "io.netty.handler.codec.http2.Http2FrameCodecBuilder";

  /** Default number of items kept per signal. */
  public static final int DEFAULT_CAPACITY = 100_000;

  /** Default largest accepted request body (before and after gunzip), in bytes. */
  public static final int DEFAULT_MAX_REQUEST_BYTES = 16 * 1024 * 1024;

  private final HttpServer server;
  private final ExecutorService executor;
  private final TelemetryStore store;
  private final URI endpoint;
  // Typed AutoCloseable so that this class links without Netty; null when gRPC was not asked for.
  private final AutoCloseable grpc;
  private final String grpcEndpoint;

  private EmbeddedBackend(HttpServer server, ExecutorService executor, TelemetryStore store, URI endpoint,
      AutoCloseable grpc, String grpcEndpoint) {
    this.server = server;
    this.executor = executor;
    this.store = store;
    this.endpoint = endpoint;
    this.grpc = grpc;
    this.grpcEndpoint = grpcEndpoint;
  }

  /**
   * Tells whether OTLP/gRPC can be served: whether {@value #GRPC_DEPENDENCY} is on the class path.
   *
   * @return true when {@link Builder#setGrpcPort} can be used
   */
  public static boolean isGrpcAvailable() {
    try {
      Class.forName(GRPC_PROBE_CLASS, false, EmbeddedBackend.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  /**
   * Starts configuring an embedded backend. Defaults: host {@code 127.0.0.1}, an ephemeral port, a capacity of
   * {@value #DEFAULT_CAPACITY} items per signal, requests up to {@value #DEFAULT_MAX_REQUEST_BYTES} bytes.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the OTLP/HTTP base URL, such as {@code http://127.0.0.1:43817}, without a trailing slash; the signal
   * paths {@code /v1/traces}, {@code /v1/metrics} and {@code /v1/logs} go below it.
   *
   * @return the base URL to use as {@code otel.exporter.otlp.endpoint}
   */
  public String otlpEndpoint() {
    return endpoint.toString();
  }

  /**
   * Returns the OTLP/gRPC endpoint, such as {@code http://127.0.0.1:4317}, when gRPC was asked for with
   * {@link Builder#setGrpcPort}; use it as {@code otel.exporter.otlp.endpoint} with
   * {@code otel.exporter.otlp.protocol=grpc}, or with {@code OtlpGrpcSpanExporterBuilder.setEndpoint}.
   *
   * @return the gRPC endpoint, or empty when this backend serves OTLP/HTTP only
   */
  public Optional<String> otlpGrpcEndpoint() {
    return Optional.ofNullable(grpcEndpoint);
  }

  /**
   * Returns the port the receiver listens on.
   *
   * @return the bound port
   */
  public int port() {
    return endpoint.getPort();
  }

  /**
   * Returns how many spans were dropped because the store was full.
   *
   * @return the number of evicted spans since start
   */
  public long droppedSpans() {
    return store.spanBuffer().dropped();
  }

  /**
   * Returns how many log records were dropped because the store was full.
   *
   * @return the number of evicted log records since start
   */
  public long droppedLogs() {
    return store.logBuffer().dropped();
  }

  /**
   * Returns how many metrics were dropped because the store was full.
   *
   * @return the number of evicted metrics since start
   */
  public long droppedMetrics() {
    return store.metricBuffer().dropped();
  }

  /**
   * Returns how many spans arrived since start, including dropped ones.
   *
   * @return the number of received spans
   */
  public long receivedSpans() {
    return store.spanBuffer().received();
  }

  /**
   * Returns how many log records arrived since start, including dropped ones.
   *
   * @return the number of received log records
   */
  public long receivedLogs() {
    return store.logBuffer().received();
  }

  /**
   * Returns how many metrics arrived since start, including dropped ones.
   *
   * @return the number of received metrics
   */
  public long receivedMetrics() {
    return store.metricBuffer().received();
  }

  @Override
  public QueryResult<Span> spans(TelemetryQuery query) {
    return store.spans(query);
  }

  @Override
  public QueryResult<LogEntry> logs(TelemetryQuery query) {
    return store.logs(query);
  }

  @Override
  public QueryResult<Metric> metrics(TelemetryQuery query) {
    return store.metrics(query);
  }

  @Override
  public QueryResult<Span> traceql(String traceql, TelemetryQuery scope) {
    return store.traceql(traceql, scope);
  }

  @Override
  public QueryResult<LogEntry> logql(String logql, TelemetryQuery scope) {
    return store.logql(logql, scope);
  }

  @Override
  public QueryResult<Metric> promql(String promql, TelemetryQuery scope) {
    return store.promql(promql, scope);
  }

  /** Stops the receiver (waiting at most a second for requests in flight) and releases its port. */
  @Override
  public void close() {
    if (grpc != null) {
      try {
        grpc.close();
      } catch (Exception e) {
        Logger.getLogger(EmbeddedBackend.class.getName()).log(Level.FINE, "closing the gRPC receiver failed", e);
      }
    }
    server.stop(0);
    executor.shutdown();
    try {
      executor.awaitTermination(1, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    executor.shutdownNow();
  }

  @Override
  public String toString() {
    return "EmbeddedBackend[" + endpoint + (grpcEndpoint == null ? "" : ", grpc " + grpcEndpoint)
        + ", spans=" + store.spanBuffer().size() + ", logs="
        + store.logBuffer().size() + ", metrics=" + store.metricBuffer().size() + "]";
  }

  /** Configures and starts an {@link EmbeddedBackend}. Not thread-safe; use it from one thread. */
  public static final class Builder {

    private String host = "127.0.0.1";
    private int port;
    private int capacity = DEFAULT_CAPACITY;
    private int maxRequestBytes = DEFAULT_MAX_REQUEST_BYTES;
    private TelemetryListener listener = TelemetryListener.NONE;
    private Integer grpcPort;

    private Builder() {}

    /**
     * Sets the address to listen on. Defaults to {@code 127.0.0.1}; anything but a loopback address exposes the
     * receiver to the network, which only the standalone runner allows, on request.
     *
     * @param host a host name or IP literal
     * @return this builder
     */
    public Builder setHost(String host) {
      this.host = Objects.requireNonNull(host, "host");
      return this;
    }

    /**
     * Sets the port; 0 (the default) picks a free ephemeral port, {@link #OTLP_HTTP_PORT} is the standard one.
     *
     * @param port 0 to 65535
     * @return this builder
     */
    public Builder setPort(int port) {
      this.port = port;
      return this;
    }

    /**
     * Sets how many items each signal keeps; beyond it the oldest are dropped and counted.
     *
     * @param capacity at least 1, default {@value #DEFAULT_CAPACITY}
     * @return this builder
     */
    public Builder setCapacity(int capacity) {
      this.capacity = capacity;
      return this;
    }

    /**
     * Sets the largest request body accepted, compressed and uncompressed; larger ones get HTTP 413 (over gRPC:
     * {@code RESOURCE_EXHAUSTED}).
     *
     * @param maxRequestBytes at least 1024, default {@value #DEFAULT_MAX_REQUEST_BYTES}
     * @return this builder
     */
    public Builder setMaxRequestBytes(int maxRequestBytes) {
      this.maxRequestBytes = maxRequestBytes;
      return this;
    }

    /**
     * Also serves OTLP/gRPC, on this port of the same host; 0 picks a free ephemeral port, {@link #OTLP_GRPC_PORT}
     * is the standard one. Off by default. Needs {@value #GRPC_DEPENDENCY} on the class path: without it
     * {@link #start()} fails saying how to add it.
     *
     * @param grpcPort 0 to 65535
     * @return this builder
     */
    public Builder setGrpcPort(int grpcPort) {
      this.grpcPort = grpcPort;
      return this;
    }

    Builder setListener(TelemetryListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * Validates the settings and starts the receiver; it accepts requests when this returns.
     *
     * @return the running backend; close it to stop
     * @throws IllegalArgumentException listing every invalid setting
     * @throws UncheckedIOException when the address cannot be bound, such as a port in use
     */
    public EmbeddedBackend start() {
      List<String> problems = BackendSettings.embeddedProblems(port, capacity, maxRequestBytes);
      InetAddress address = null;
      try {
        address = InetAddress.getByName(host);
      } catch (UnknownHostException e) {
        problems.add("host '" + host + "' cannot be resolved; use 127.0.0.1");
      }
      if (grpcPort != null) {
        if (grpcPort < 0 || grpcPort > 65535) {
          problems.add("grpcPort " + grpcPort + " is out of range; use 0 (ephemeral) to 65535");
        } else if (!isGrpcAvailable()) {
          problems.add("OTLP/gRPC (grpcPort " + grpcPort + ") needs " + GRPC_DEPENDENCY + " on the class path: add "
              + "it as a (test) dependency, version 4.1.x or 4.2.x, or send OTLP/HTTP to the HTTP port");
        }
      }
      if (!problems.isEmpty()) {
        throw new IllegalArgumentException("Invalid embedded backend settings: " + String.join("; ", problems));
      }
      TelemetryStore store = new TelemetryStore(capacity, Clock.systemUTC(), listener);
      HttpServer server;
      try {
        server = HttpServer.create(new InetSocketAddress(address, port), 64);
      } catch (BindException e) {
        throw new UncheckedIOException("Cannot listen on " + host + ":" + port + " (" + e.getMessage()
            + "); is another OTLP receiver running there? Use port 0 for a free port", e);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot start the embedded OTLP receiver on " + host + ":" + port, e);
      }
      ExecutorService executor = Executors.newFixedThreadPool(
          Math.max(4, Runtime.getRuntime().availableProcessors()), new DaemonThreads());
      server.createContext("/", new OtlpHttpReceiver(store, maxRequestBytes));
      server.setExecutor(executor);
      server.start();
      String hostPart = address.getHostAddress().contains(":") ? "[" + address.getHostAddress() + "]"
          : address.getHostAddress();
      URI endpoint = URI.create("http://" + hostPart + ":" + server.getAddress().getPort());
      if (grpcPort == null) {
        return new EmbeddedBackend(server, executor, store, endpoint, null, null);
      }
      OtlpGrpcReceiver grpc;
      try {
        grpc = OtlpGrpcReceiver.start(address, grpcPort, store, maxRequestBytes);
      } catch (IOException e) {
        server.stop(0);
        executor.shutdownNow();
        throw new UncheckedIOException("Cannot listen for OTLP/gRPC on " + host + ":" + grpcPort + " ("
            + e.getMessage() + "); is another OTLP receiver running there? Use port 0 for a free port", e);
      }
      return new EmbeddedBackend(server, executor, store, endpoint, grpc,
          "http://" + hostPart + ":" + grpc.port());
    }
  }

  private static final class DaemonThreads implements ThreadFactory {
    private final AtomicInteger count = new AtomicInteger();

    @Override
    public Thread newThread(Runnable runnable) {
      Thread thread = new Thread(runnable, "lgtm-otlp-receiver-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    }
  }
}
