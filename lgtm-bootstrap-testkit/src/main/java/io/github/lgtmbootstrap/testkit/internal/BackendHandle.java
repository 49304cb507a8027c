package io.github.lgtmbootstrap.testkit.internal;

import io.github.lgtmbootstrap.testkit.query.TelemetrySource;
import java.time.Duration;
import java.util.Optional;

/**
 * A running backend as the extension sees it: where apps send OTLP, where assertions query, and how to stop it.
 * One implementation per backend kind (embedded, container, external), chosen by {@link BackendFactory}.
 * Implementations are thread-safe. Not API.
 */
public interface BackendHandle extends AutoCloseable {

  /**
   * The kind, as written in {@code lgtm.testkit.backend}.
   *
   * @return such as {@code embedded}
   */
  String kind();

  /**
   * The OTLP/HTTP base URL apps export to, without a trailing slash.
   *
   * @return such as {@code http://127.0.0.1:4318}
   */
  String otlpEndpoint();

  /**
   * The OTLP/gRPC endpoint apps may export to instead, when the backend serves one.
   *
   * @return such as {@code http://127.0.0.1:4317}, or empty
   */
  default Optional<String> otlpGrpcEndpoint() {
    return Optional.empty();
  }

  /**
   * Why {@link #otlpGrpcEndpoint()} is empty, for the message of a caller who asked for gRPC.
   *
   * @return a sentence saying what to do
   */
  default String grpcUnavailableReason() {
    return "the " + kind() + " backend offers the testkit no OTLP/gRPC endpoint; use http/protobuf";
  }

  /**
   * Where assertions look for telemetry.
   *
   * @return the backend's query source
   */
  TelemetrySource source();

  /**
   * How long the store typically needs, after an SDK flush, until exported data is queryable (zero for the
   * embedded store, seconds for Tempo/Loki/Prometheus). Added to the default assertion timeout.
   *
   * @return a non-negative duration
   */
  Duration flushHint();

  /**
   * How long the store keeps new spans out of its search beyond {@link #flushHint()} (Tempo 3's
   * {@code query_end_cutoff}); span and log assertions wait this much longer than their timeout. Zero by default.
   *
   * @return a non-negative duration
   */
  default Duration searchDelay() {
    return Duration.ZERO;
  }

  /**
   * Whether the store may hold data from other test runs (a reused container, an external stack). Then queries
   * match the run's {@code lgtm.test.run.id} resource attribute by default.
   *
   * @return true for stores shared between runs
   */
  boolean sharedBetweenRuns();

  /** Stops the backend and releases its resources; never throws. */
  @Override
  void close();
}
