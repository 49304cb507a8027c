package com.example.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lgtmbootstrap.testkit.LgtmBackend;
import io.github.lgtmbootstrap.testkit.LgtmTest;
import io.github.lgtmbootstrap.testkit.model.Metric;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

@LgtmTest
class AgentAppTest {

  @Test
  void underTheAgentInitUsesTheAgentsSdkAndEverythingArrivesOnce(LgtmBackend lgtm) throws Exception {
    Path agent = Path.of(System.getProperty("agent.jar"));
    assertThat(agent).exists();
    Path output = Path.of("target", "agent-app.log");
    ProcessBuilder builder =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-javaagent:" + agent,
                "-cp",
                System.getProperty("java.class.path"),
                AgentApp.class.getName())
            .redirectErrorStream(true)
            .redirectOutput(output.toFile());
    builder.environment().putAll(lgtm.exporterEnvironment());
    builder.environment().put("OTEL_SERVICE_NAME", "agent-app");
    // The handed-out environment sets a 2 s metric interval, so the agent's SDK exports while the app runs.
    Process process = builder.start();
    try {
      awaitReady(output, process);
      assertArrivesOnceThroughTheAgent(lgtm);
    } finally {
      process.getOutputStream().close(); // lets the app end
      if (!process.waitFor(120, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
    assertThat(process.isAlive()).as("the app exits within 120 s of its input closing").isFalse();
    String out = Files.readString(output, StandardCharsets.UTF_8);

    assertThat(process.exitValue()).as("exit code; output:%n%s", out).isZero();
    assertThat(out)
        .as("no stack trace in the output")
        .doesNotContain("\tat ")
        .doesNotContain("java.lang.Throwable")
        .contains("the OpenTelemetry java agent is attached; using its SDK")
        .contains("handle: LgtmHandle[OpenTelemetry java agent's SDK] enabled=true");
  }

  /** A cold JVM with the agent took 9 s to reach init on a loaded 2-core machine: wait for it, bounded. */
  private static void awaitReady(Path output, Process process) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < deadline && process.isAlive()) {
      if (Files.exists(output) && Files.readString(output, StandardCharsets.UTF_8).contains("handle: ")) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("the app did not print its handle within 120 s; output:\n"
        + (Files.exists(output) ? Files.readString(output, StandardCharsets.UTF_8) : "(none)"));
  }

  private static void assertArrivesOnceThroughTheAgent(LgtmBackend lgtm) {
    lgtm.assertTraces().hasSpan("agent-work").withResourceAttribute("service.name", "agent-app");
    lgtm.assertTraces().hasSpanCount("agent-work", 1);
    lgtm.assertLogs().hasRecord("agent log line").inSpan("agent-work");
    lgtm.assertLogs().hasRecordCount("agent log line", 1);
    lgtm.assertMetrics().hasMetric("jvm.memory.used");
    List<Map<String, Object>> runtimeResources =
        lgtm.metrics().stream()
            .filter(m -> m.name().equals("jvm.memory.used"))
            .map(Metric::resource)
            .distinct()
            .collect(Collectors.toList());
    assertThat(runtimeResources)
        .as("JVM runtime metrics from exactly one SDK, the agent's")
        .singleElement()
        .satisfies(r -> assertThat(Objects.toString(r.get("telemetry.distro.name")))
            .isEqualTo("opentelemetry-java-instrumentation"));
  }
}
