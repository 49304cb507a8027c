package io.github.lgtmbootstrap.testkit.internal;

import io.github.lgtmbootstrap.testkit.container.ContainerBackend;
import io.github.lgtmbootstrap.testkit.embedded.EmbeddedBackend;
import io.github.lgtmbootstrap.testkit.remote.ExternalBackend;
import java.util.Optional;
import java.util.logging.Logger;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * Starts the backend a kind names. New kinds plug in here: each returns a {@link BackendHandle} built from its
 * {@code TelemetrySource} and OTLP endpoint. Not API.
 */
public final class BackendFactory {

  private static final Logger LOGGER = Logger.getLogger(BackendFactory.class.getName());

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
    return new EmbeddedHandle(EmbeddedBackend.builder()
        .setPort(settings.port())
        .setCapacity(settings.capacity())
        .setMaxRequestBytes(settings.maxRequestBytes())
        .start());
  }
}
