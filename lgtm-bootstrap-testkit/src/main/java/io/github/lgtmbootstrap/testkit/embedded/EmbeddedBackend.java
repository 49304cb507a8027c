package io.github.lgtmbootstrap.testkit.embedded;

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
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * An LGTM backend inside the JVM: an OTLP/HTTP receiver that decodes traces, metrics and logs into the testkit's
 * model and keeps them in a bounded in-memory store.
 *
 * <p>It accepts {@code application/x-protobuf} and {@code application/json} (the OTLP JSON mapping), optionally
 * gzip-compressed, on {@code /v1/traces}, {@code /v1/metrics} and {@code /v1/logs}. A gRPC request sent to this
 * HTTP port (in HTTP/1.1 framing, or an HTTP/2 connection preface) is answered with HTTP 415 naming
 * {@code otel.exporter.otlp.protocol=http/protobuf} and the gRPC endpoint, and logged as a warning, so a gRPC
 * exporter pointed at the HTTP port fails with a protocol error.
 *
 * <p><b>OTLP/gRPC</b> (unary {@code Export} of the trace, metrics and logs services, identity or gzip, h2c) is
 * served on a port of its own when {@link Builder#setGrpcPort} asks for it, into the same store and under the same
 * limits. It needs the optional dependency {@value #GRPC_DEPENDENCY} (4.1 or 4.2) on the class path; see
 * {@link #isGrpcAvailable()}.
 *
 * <p>Limits, so that no client can freeze or exhaust it: a request's head must arrive within 10 s and the whole
 * request within 60 s (else 408 and the connection is closed); idle connections are closed after 30 s; a body
 * over {@link Builder#setMaxRequestBytes maxRequestBytes} (declared, sent or gunzipped) gets 413 at once and the
 * connection is closed; a request that decodes into more than {@link Builder#setMaxItemsPerRequest
 * maxItemsPerRequest} items gets 413 before it is decoded; each signal keeps at most {@link Builder#setCapacity
 * capacity} items and about {@link Builder#setMaxStoredBytes maxStoredBytes} bytes, dropping (and counting) the
 * oldest beyond that. A failure while answering one request, even an {@link Error}, is answered with 500 and the
 * receiver keeps serving. Over gRPC the same limits answer {@code RESOURCE_EXHAUSTED} (too large, too many items),
 * {@code INVALID_ARGUMENT} (a payload that does not decode) or {@code INTERNAL}, and idle connections are closed
 * after 30 s.
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

  /**
   * Default largest number of items one request may decode into: spans, log records and metric points with their
   * attributes, events, links and values. A batch of 512 spans with 10 attributes each is about 11,000.
   */
  public static final int DEFAULT_MAX_ITEMS_PER_REQUEST = 1_000_000;

  /** Default estimated bytes each signal keeps at most (256 MiB). */
  public static final long DEFAULT_MAX_STORED_BYTES = 256L * 1024 * 1024;

  private final HttpFront front;
  private final TelemetryStore store;
  private final URI endpoint;
  // Typed AutoCloseable so that this class links without Netty; null when gRPC was not asked for.
  private final AutoCloseable grpc;
  private final String grpcEndpoint;

  private EmbeddedBackend(HttpFront front, TelemetryStore store, URI endpoint, AutoCloseable grpc,
      String grpcEndpoint) {
    this.front = front;
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
    front.close();
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
    private int maxItemsPerRequest = DEFAULT_MAX_ITEMS_PER_REQUEST;
    private long maxStoredBytes = DEFAULT_MAX_STORED_BYTES;
    private TelemetryListener listener = TelemetryListener.NONE;
    private Integer grpcPort;
    private HttpFront.Limits httpLimits;

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

    /**
     * Sets how many items one request may decode into (spans, log records, metric points and their attributes,
     * events, links and values); a request with more gets HTTP 413 (over gRPC: {@code RESOURCE_EXHAUSTED}) before
     * it is decoded.
     *
     * @param maxItemsPerRequest at least 1000, default {@value #DEFAULT_MAX_ITEMS_PER_REQUEST}
     * @return this builder
     */
    public Builder setMaxItemsPerRequest(int maxItemsPerRequest) {
      this.maxItemsPerRequest = maxItemsPerRequest;
      return this;
    }

    /**
     * Sets about how many bytes of heap each signal's store may take; beyond it the oldest items are dropped and
     * counted, and a single request that would take more gets HTTP 413 (over gRPC: {@code RESOURCE_EXHAUSTED}).
     * The size of an item is estimated from its encoded size.
     *
     * @param maxStoredBytes at least 1 MiB, default {@value #DEFAULT_MAX_STORED_BYTES}
     * @return this builder
     */
    public Builder setMaxStoredBytes(long maxStoredBytes) {
      this.maxStoredBytes = maxStoredBytes;
      return this;
    }

    /** Replaces the HTTP front's deadlines and limits (tests shorten them); its maxBodyBytes is maxRequestBytes. */
    Builder setHttpLimits(HttpFront.Limits limits) {
      this.httpLimits = Objects.requireNonNull(limits, "limits");
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
      if (maxItemsPerRequest < 1000) {
        problems.add("maxItemsPerRequest " + maxItemsPerRequest + " must be at least 1000");
      }
      if (maxStoredBytes < 1024 * 1024) {
        problems.add("maxStoredBytes " + maxStoredBytes + " must be at least 1048576 (1 MiB)");
      }
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
      TelemetryStore store = new TelemetryStore(capacity, maxStoredBytes, Clock.systemUTC(), listener);
      // One ingest for both receivers: the same decoding, item cap and store byte cap for HTTP and gRPC.
      OtlpIngest ingest = new OtlpIngest(store, maxItemsPerRequest);
      OtlpHttpReceiver receiver = new OtlpHttpReceiver(ingest, maxRequestBytes);
      HttpFront.Limits limits = httpLimits == null ? HttpFront.Limits.defaults(maxRequestBytes)
          : httpLimits.withMaxBodyBytes(maxRequestBytes);
      HttpFront front;
      try {
        front = HttpFront.start(new InetSocketAddress(address, port), receiver, limits,
            Math.max(2, Runtime.getRuntime().availableProcessors()));
      } catch (BindException e) {
        throw new UncheckedIOException("Cannot listen on " + host + ":" + port + " (" + e.getMessage()
            + "); is another OTLP receiver running there? Use port 0 for a free port", e);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot start the embedded OTLP receiver on " + host + ":" + port, e);
      }
      String hostPart = address.getHostAddress().contains(":") ? "[" + address.getHostAddress() + "]"
          : address.getHostAddress();
      URI endpoint = URI.create("http://" + hostPart + ":" + front.port());
      if (grpcPort == null) {
        return new EmbeddedBackend(front, store, endpoint, null, null);
      }
      OtlpGrpcReceiver grpc;
      try {
        grpc = OtlpGrpcReceiver.start(address, grpcPort, ingest, limits);
      } catch (IOException e) {
        front.close();
        throw new UncheckedIOException("Cannot listen for OTLP/gRPC on " + host + ":" + grpcPort + " ("
            + e.getMessage() + "); is another OTLP receiver running there? Use port 0 for a free port", e);
      } catch (RuntimeException | Error e) {
        front.close();
        throw e;
      }
      return new EmbeddedBackend(front, store, endpoint, grpc, "http://" + hostPart + ":" + grpc.port());
    }
  }
}
