package io.github.lgtmbootstrap.testkit.internal;

import io.github.lgtmbootstrap.testkit.embedded.EmbeddedBackend;
import io.github.lgtmbootstrap.testkit.query.TelemetrySource;
import java.time.Duration;
import java.util.Optional;

/** The embedded backend as a {@link BackendHandle}. Not API. */
final class EmbeddedHandle implements BackendHandle {

  private final EmbeddedBackend backend;
  private final String grpcUnavailableReason;

  EmbeddedHandle(EmbeddedBackend backend, String grpcUnavailableReason) {
    this.backend = backend;
    this.grpcUnavailableReason = grpcUnavailableReason;
  }

  @Override
  public String kind() {
    return BackendKind.EMBEDDED.configValue();
  }

  @Override
  public String otlpEndpoint() {
    return backend.otlpEndpoint();
  }

  @Override
  public Optional<String> otlpGrpcEndpoint() {
    return backend.otlpGrpcEndpoint();
  }

  @Override
  public String grpcUnavailableReason() {
    return grpcUnavailableReason;
  }

  @Override
  public TelemetrySource source() {
    return backend;
  }

  @Override
  public Duration flushHint() {
    return Duration.ZERO;
  }

  @Override
  public boolean sharedBetweenRuns() {
    return false;
  }

  @Override
  public void close() {
    backend.close();
  }

  @Override
  public String toString() {
    return backend.toString();
  }
}
