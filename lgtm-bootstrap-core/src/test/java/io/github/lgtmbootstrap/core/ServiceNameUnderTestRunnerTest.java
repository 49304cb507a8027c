package io.github.lgtmbootstrap.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lgtmbootstrap.core.support.LgtmTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** This very JVM is surefire's fork, started with {@code java -jar surefirebooter-<timestamp>.jar}. */
@ExtendWith(LgtmTestSupport.class)
class ServiceNameUnderTestRunnerTest {

  @Test
  void serviceNameUnderSurefireIsTheModulesArtifactIdNotTheBootersJarName() {
    String command = System.getProperty("sun.java.command", "");
    try (LgtmHandle h =
        Lgtm.builder()
            .setOtlpEnabled(false)
            .setRuntimeMetrics(false)
            .setProperty("lgtm.addons.disabled", "failing,recording")
            .init()) {
      assertThat(h.toString())
          .as("handle for a JVM started as: %s", command)
          .contains("service.name=lgtm-bootstrap-core,")
          .doesNotContain("surefirebooter");
    }
  }

  @Test
  void anExplicitServiceNameStillWins() {
    try (LgtmHandle h =
        Lgtm.builder()
            .setServiceName("checkout")
            .setOtlpEnabled(false)
            .setRuntimeMetrics(false)
            .setProperty("lgtm.addons.disabled", "failing,recording")
            .init()) {
      assertThat(h.toString()).contains("service.name=checkout,");
    }
  }
}
