package io.github.lgtmbootstrap.testkit.internal;

import io.github.lgtmbootstrap.testkit.container.ContainerBackend;
import io.github.lgtmbootstrap.testkit.embedded.EmbeddedBackend;
import io.github.lgtmbootstrap.testkit.remote.ExternalBackend;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Logger;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * Starts the backend a kind names. New kinds plug in here: each returns a {@link BackendHandle} built from its
 * {@code TelemetrySource} and OTLP endpoint. Not API.
 */
public final class BackendFactory {

  private static final Logger LOGGER = Logger.getLogger(BackendFactory.class.getName());

  /** Configuration key: does the embedded backend serve OTLP/gRPC too ({@code auto}, {@code true}, {@code false}). */
  public static final String GRPC_KEY = "lgtm.testkit.grpc";

  private BackendFactory() {}

  /**
   * Starts a backend.
   *
   * @param settings what to start
   * @return the running backend
   * @throws ExtensionConfigurationException for invalid settings of the kind (or Testcontainers missing for
   *     {@code container})
   * @throws org.opentest4j.TestAbortedException for {@code container} without Docker, so tests are skipped
   */
  public static BackendHandle start(BackendSettings settings) {
    return switch (settings.kind()) {
      case EMBEDDED -> embedded(settings);
      // Without Docker: TestAbortedException, so JUnit skips the tests. Without Testcontainers on the
      // classpath: ExtensionConfigurationException naming the artifact to add.
      case CONTAINER -> ContainerBackend.start();
      case EXTERNAL -> ExternalBackend.start();
      case AUTO -> {
        Optional<String> unavailable = ContainerBackend.unavailableReason();
        if (unavailable.isEmpty()) {
          yield ContainerBackend.start();
        }
        LOGGER.info("lgtm.testkit.backend=auto: using the embedded backend because the container backend cannot "
            + "run here: " + unavailable.get());
        yield embedded(settings);
      }
    };
  }

  private static BackendHandle embedded(BackendSettings settings) {
    EmbeddedBackend.Builder builder = EmbeddedBackend.builder()
        .setPort(settings.port())
        .setCapacity(settings.capacity())
        .setMaxRequestBytes(settings.maxRequestBytes());
    String grpcUnavailable = grpcUnavailableReason(ConfigLookup.lookup(GRPC_KEY), EmbeddedBackend.isGrpcAvailable());
    if (grpcUnavailable == null) {
      builder.setGrpcPort(0);
    }
    return new EmbeddedHandle(builder.start(), grpcUnavailable);
  }

  /** Null when the embedded backend serves gRPC as {@value #GRPC_KEY} says, else why it does not. */
  static String grpcUnavailableReason(Optional<ConfigLookup.Setting> setting, boolean grpcAvailable) {
    String value = setting.map(s -> s.value().trim().toLowerCase(Locale.ROOT)).orElse("auto");
    switch (value) {
      case "false" -> {
        return "OTLP/gRPC is turned off by " + setting.get().origin() + "=false";
      }
      case "true", "auto" -> {
        if (grpcAvailable) {
          return null;
        }
        String reason = "OTLP/gRPC on the embedded backend needs " + EmbeddedBackend.GRPC_DEPENDENCY
            + " (4.1.x or 4.2.x) on the test class path; add it as a test dependency, or use http/protobuf";
        if (value.equals("true")) {
          throw new ExtensionConfigurationException(setting.get().origin() + "=true: " + reason);
        }
        return reason;
      }
      default -> throw new ExtensionConfigurationException(setting.get().origin() + " '" + setting.get().value()
          + "' is not valid; use auto (gRPC when " + EmbeddedBackend.GRPC_DEPENDENCY + " is present), true or false");
    }
  }
}
