package io.github.lgtmbootstrap.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lgtmbootstrap.core.support.BlackHole;
import io.github.lgtmbootstrap.core.support.ExitProbe;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The shutdown hook ends a real JVM within its bound even when the endpoint is black-holed. */
class ProcessExitTest {

  @Test
  void jvmExitsWithinTheShutdownBoundWhenTheEndpointNeverAnswers() throws Exception {
    String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Path stderr = Files.createTempFile("exit-probe", ".err");
    try (BlackHole hole = new BlackHole()) {
      Process p =
          new ProcessBuilder(java, "-cp", classpath, ExitProbe.class.getName(), hole.endpoint(), "700")
              .redirectError(stderr.toFile())
              .start();
      try {
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String handle = out.readLine();
        String line = out.readLine();
        long ready = System.nanoTime();
        assertThat(handle).as("service.name falls back to the main class").contains("service.name=ExitProbe");
        assertThat(handle)
            .as("a plain main, no test runner: no flush MBean unless lgtm.jmx.enabled=true")
            .doesNotContain("flushMBean");
        assertThat(line).as("probe stdout (stderr: %s)", Files.readString(stderr)).isEqualTo("READY");
        boolean exited = p.waitFor(30, TimeUnit.SECONDS);
        Duration toExit = Duration.ofNanos(System.nanoTime() - ready);
        assertThat(exited).as("probe exited").isTrue();
        // Bound 700 ms; big slack for JVM teardown on a loaded CI box, still far below the ~9 s+ the plain SDK
        // needs against a black hole.
        assertThat(toExit).isLessThan(Duration.ofMillis(700 + 4000));
        String err = Files.readString(stderr);
        assertThat(err).contains("shutdown did not complete within 700 ms").contains("10 span(s)");
        assertThat(List.of(hole.connections())).isNotEmpty();
      } finally {
        p.destroyForcibly();
      }
    } finally {
      Files.deleteIfExists(stderr);
      new File(stderr + "").delete();
    }
  }
}
