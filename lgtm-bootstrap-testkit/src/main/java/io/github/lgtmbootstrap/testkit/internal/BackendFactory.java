package io.github.lgtmbootstrap.testkit.internal;

import io.github.lgtmbootstrap.testkit.embedded.EmbeddedBackend;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * Starts the backend a kind names. New kinds plug in here: each returns a {@link BackendHandle} built from its
 * {@code TelemetrySource} and OTLP endpoint. Not API.
 */
public final class BackendFactory {

  private BackendFactory() {}

  /**
   * Starts a backend.
   *
   * @param settings what to start
   * @return the running backend
   * @throws ExtensionConfigurationException for a kind that is not available yet
   */
  public static BackendHandle start(BackendSettings settings) {
    return switch (settings.kind()) {
      case EMBEDDED -> new EmbeddedHandle(EmbeddedBackend.builder()
          .setPort(settings.port())
          .setCapacity(settings.capacity())
          .setMaxRequestBytes(settings.maxRequestBytes())
          .start());
      case CONTAINER, EXTERNAL, AUTO -> throw new ExtensionConfigurationException("lgtm.testkit.backend '"
          + settings.kind().configValue() + "' is not available yet (it arrives with issue 6); use embedded");
    };
  }
}
