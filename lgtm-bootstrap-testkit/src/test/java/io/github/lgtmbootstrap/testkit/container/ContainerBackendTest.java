package io.github.lgtmbootstrap.testkit.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.github.lgtmbootstrap.testkit.internal.ConfigLookup;
import java.net.URL;
import java.net.URLClassLoader;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.opentest4j.TestAbortedException;

/** The container backend's settings and its behaviour without Docker; the real container runs in OtelLgtmContainerTest. */
class ContainerBackendTest {

  private static Function<String, Optional<ConfigLookup.Setting>> keys(Map<String, String> values) {
    return key -> Optional.ofNullable(values.get(key)).map(value -> new ConfigLookup.Setting(value, "key " + key));
  }

  @Test
  void exposesTheSixPortsOfOtelLgtmEachOnceWithOtlpGrpcOn4317AndHttpOn4318() {
    assertThat(LgtmPorts.ALL).containsExactlyInAnyOrder(4317, 4318, 3000, 3100, 3200, 9090).doesNotHaveDuplicates();
    assertThat(LgtmPorts.OTLP_GRPC).isEqualTo(4317);
    assertThat(LgtmPorts.OTLP_HTTP).isEqualTo(4318);
    assertThat(LgtmPorts.TEMPO).isEqualTo(3200);
    assertThat(LgtmPorts.LOKI).isEqualTo(3100);
    assertThat(LgtmPorts.PROMETHEUS).isEqualTo(9090);
    assertThat(LgtmPorts.GRAFANA).isEqualTo(3000);
  }

  @Test
  void defaultsPinTheImageAndGiveTheStackThreeMinutesToStart() {
    ContainerConfig config = ContainerConfig.read(keys(Map.of()));
    assertThat(config.image()).isEqualTo("grafana/otel-lgtm:0.31.0").isEqualTo(ContainerBackend.DEFAULT_IMAGE);
    assertThat(config.startupTimeout()).isEqualTo(Duration.ofMinutes(3))
        .isGreaterThanOrEqualTo(ContainerConfig.MIN_STARTUP_TIMEOUT);
    assertThat(config.reuse()).isFalse();
  }

  @Test
  void keysOverrideImageReuseAndStartupTimeout() {
    ContainerConfig config = ContainerConfig.read(keys(Map.of(
        ContainerBackend.IMAGE_KEY, "registry.example/mirror/otel-lgtm:0.30.2",
        ContainerBackend.REUSE_KEY, "TRUE",
        ContainerBackend.STARTUP_TIMEOUT_KEY, "5m")));
    assertThat(config.image()).isEqualTo("registry.example/mirror/otel-lgtm:0.30.2");
    assertThat(config.reuse()).isTrue();
    assertThat(config.startupTimeout()).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void invalidSettingsAreAllListedInOneError() {
    assertThatThrownBy(() -> ContainerConfig.read(keys(Map.of(
        ContainerBackend.IMAGE_KEY, "otel lgtm",
        ContainerBackend.REUSE_KEY, "yes",
        ContainerBackend.STARTUP_TIMEOUT_KEY, "30s"))))
        .isInstanceOf(ExtensionConfigurationException.class)
        .hasMessageContaining("lgtm.testkit.container.image 'otel lgtm' is not an image name")
        .hasMessageContaining("key lgtm.testkit.container.reuse 'yes' is not true or false")
        .hasMessageContaining("key lgtm.testkit.container.startup.timeout '30s' is below 2 minutes");
  }

  @Test
  void reuseNeedsOurKeyAndTestcontainersOwnSwitch() {
    ContainerConfig asked = new ContainerConfig(ContainerBackend.DEFAULT_IMAGE, true, Duration.ofMinutes(3));
    ContainerConfig notAsked = new ContainerConfig(ContainerBackend.DEFAULT_IMAGE, false, Duration.ofMinutes(3));
    assertThat(ContainerBackend.reuse(asked, true)).isTrue();
    assertThat(ContainerBackend.reuse(asked, false)).isFalse();
    assertThat(ContainerBackend.reuse(notAsked, true)).isFalse();
  }

  @Test
  void withoutTestcontainersTheErrorNamesTheArtifactToAdd() throws Exception {
    try (URLClassLoader empty = new URLClassLoader(new URL[0], null)) {
      assertThat(ContainerBackend.missingTestcontainers(empty)).hasValueSatisfying(message -> assertThat(message)
          .contains("org.testcontainers:testcontainers-grafana").contains("lgtm.testkit.backend=embedded"));
    }
    assertThat(ContainerBackend.missingTestcontainers(getClass().getClassLoader())).isEmpty();
  }

  @Test
  void withoutDockerStartingAbortsTheTestWithTheReason() {
    Assumptions.assumeTrue(ContainerBackend.unavailableReason().isPresent(), "Docker is available here");
    assertThatThrownBy(() -> ContainerBackend.start(keys(Map.of())))
        .isInstanceOf(TestAbortedException.class)
        .hasMessageContaining("Docker is not available")
        .hasMessageContaining("lgtm.testkit.backend=auto");
  }

  @Test
  void conditionSkipsContainerTestsWithoutDocker() {
    Assumptions.assumeTrue(ContainerBackend.unavailableReason().isPresent(), "Docker is available here");
    var results = EngineTestKit.engine("junit-jupiter").selectors(selectClass(NeedsDocker.class)).execute();
    results.containerEvents().assertStatistics(stats -> stats.skipped(1).failed(0));
    results.testEvents().assertStatistics(stats -> stats.started(0).failed(0));
    assertThat(results.containerEvents().skipped().stream().map(event -> event.getPayload(String.class))
        .flatMap(Optional::stream))
        .singleElement().asString().startsWith("Skipped: the grafana/otel-lgtm container cannot run here: ");
  }

  @ExtendWith(DockerAvailableCondition.class)
  static class NeedsDocker {
    @Test
    void wouldNeedDocker() {
      throw new AssertionError("must not run without Docker");
    }
  }
}
