package io.github.lgtmbootstrap.testkit.container;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.grafana.LgtmStackContainer;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.TestcontainersConfiguration;

/** The only class that touches Testcontainers: starts {@link LgtmStackContainer} with our settings. */
final class TestcontainersLgtmStack implements LgtmStack {

  private static final Logger LOGGER = Logger.getLogger(TestcontainersLgtmStack.class.getName());

  /** Components whose own logs the image prints only when asked; they are what explains a failure. */
  private static final Map<String, String> COMPONENT_LOGS = Map.of(
      "ENABLE_LOGS_TEMPO", "true", "ENABLE_LOGS_LOKI", "true", "ENABLE_LOGS_PROMETHEUS", "true",
      "ENABLE_LOGS_OTELCOL", "true");

  private final LgtmStackContainer container;
  private final boolean reused;

  private TestcontainersLgtmStack(LgtmStackContainer container, boolean reused) {
    this.container = container;
    this.reused = reused;
  }

  /** Whether Testcontainers finds a Docker environment; never throws. */
  static boolean dockerAvailable() {
    try {
      return DockerClientFactory.instance().isDockerAvailable();
    } catch (RuntimeException | LinkageError e) {
      LOGGER.log(Level.FINE, "Docker check failed", e);
      return false;
    }
  }

  /** Whether Testcontainers' own reuse switch ({@code testcontainers.reuse.enable}) is on. */
  static boolean testcontainersReuseEnabled() {
    try {
      return TestcontainersConfiguration.getInstance().environmentSupportsReuse();
    } catch (RuntimeException e) {
      return false;
    }
  }

  /**
   * Starts the container and waits for its startup log line.
   *
   * @throws IllegalStateException with the container's last log lines when it does not start in time
   */
  static TestcontainersLgtmStack start(ContainerConfig config, boolean reuse) {
    DockerImageName image = DockerImageName.parse(config.image()).asCompatibleSubstituteFor("grafana/otel-lgtm");
    @SuppressWarnings("resource") // closed through the returned stack, or below on failure
    LgtmStackContainer container = new LgtmStackContainer(image)
        .withExposedPorts(LgtmPorts.ALL.toArray(Integer[]::new))
        .withEnv(COMPONENT_LOGS)
        .withStartupTimeout(config.startupTimeout())
        .withReuse(reuse);
    boolean tempoConfig = OtelLgtmImage.takesTempoConfig(config.image());
    if (tempoConfig) {
      container.withCopyToContainer(Transferable.of(OtelLgtmImage.tempoConfig()), OtelLgtmImage.TEMPO_CONFIG_PATH);
    } else {
      LOGGER.info(config.image() + " predates Tempo 3 (otel-lgtm 0.29.0); it keeps its own Tempo configuration");
    }
    try {
      container.start();
    } catch (RuntimeException e) {
      String logs = tail(container, 60);
      container.stop();
      throw new IllegalStateException("grafana/otel-lgtm (" + config.image() + ") did not start within "
          + config.startupTimeout().toSeconds() + " s: " + e.getMessage()
          + (tempoConfig ? ". The testkit replaced " + OtelLgtmImage.TEMPO_CONFIG_PATH + " with its own (made for "
              + "otel-lgtm 0.29.0 to " + OtelLgtmImage.PINNED.substring(OtelLgtmImage.PINNED.indexOf(':') + 1)
              + "); if Tempo rejects it below, use one of those versions" : "") + logs, e);
    }
    return new TestcontainersLgtmStack(container, reuse);
  }

  /** The engine's id of the container. */
  String containerId() {
    return container.getContainerId();
  }

  @Override
  public URI url(int containerPort) {
    return URI.create("http://" + container.getHost() + ":" + container.getMappedPort(containerPort));
  }

  @Override
  public String logTail(int lines) {
    return tail(container, lines);
  }

  @Override
  public boolean reused() {
    return reused;
  }

  @Override
  public void close() {
    if (reused) {
      return;
    }
    try {
      container.stop();
    } catch (RuntimeException e) {
      LOGGER.log(Level.WARNING, "Stopping the grafana/otel-lgtm container failed", e);
    }
  }

  private static String tail(LgtmStackContainer container, int lines) {
    try {
      List<String> all = container.getLogs().lines().toList();
      List<String> last = all.subList(Math.max(0, all.size() - lines), all.size());
      return last.isEmpty() ? "" : "\n--- last " + last.size() + " lines of the container log ---\n"
          + String.join("\n", last);
    } catch (RuntimeException e) {
      return "\n(container log unavailable: " + e.getMessage() + ")";
    }
  }
}
