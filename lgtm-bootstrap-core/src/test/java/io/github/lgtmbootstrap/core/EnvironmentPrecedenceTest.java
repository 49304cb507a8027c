package io.github.lgtmbootstrap.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lgtmbootstrap.core.support.CaptureServer;
import io.github.lgtmbootstrap.core.support.EnvProbe;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The environment layer over the wire, in child JVMs (a JVM cannot change its own environment). */
class EnvironmentPrecedenceTest {

  private static String runProbe(String envEndpoint, String sysPropEndpoint) throws Exception {
    String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-cp");
    cmd.add(classpath);
    if (sysPropEndpoint != null) {
      cmd.add("-Dotel.exporter.otlp.endpoint=" + sysPropEndpoint);
    }
    cmd.add(EnvProbe.class.getName());
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD);
    pb.environment().keySet().removeIf(k -> k.startsWith("OTEL_") || k.startsWith("LGTM_"));
    pb.environment().put("OTEL_EXPORTER_OTLP_ENDPOINT", envEndpoint);
    pb.environment().put("LGTM_RUNTIME_METRICS_ENABLED", "false");
    pb.environment().put("LGTM_ADDONS_DISABLED", "failing,recording");
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return out;
  }

  @Test
  void environmentVariableIsUsedAndSystemPropertyWinsOverIt() throws Exception {
    try (CaptureServer envServer = new CaptureServer();
        CaptureServer sysServer = new CaptureServer()) {
      assertThat(runProbe(envServer.endpoint(), null)).contains("FLUSHED true");
      assertThat(envServer.await(r -> r.path().equals("/v1/traces"), Duration.ofSeconds(5)))
          .as("OTEL_EXPORTER_OTLP_ENDPOINT used")
          .isNotNull();

      int envRequests = envServer.requests().size();
      assertThat(runProbe(envServer.endpoint(), sysServer.endpoint())).contains("FLUSHED true");
      assertThat(sysServer.await(r -> r.path().equals("/v1/traces"), Duration.ofSeconds(5)))
          .as("system property wins over the environment")
          .isNotNull();
      assertThat(envServer.requests()).hasSize(envRequests);
    }
  }
}
