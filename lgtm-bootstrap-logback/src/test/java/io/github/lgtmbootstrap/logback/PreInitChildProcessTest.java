package io.github.lgtmbootstrap.logback;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lgtmbootstrap.testkit.LgtmBackend;
import io.github.lgtmbootstrap.testkit.LgtmExtension;
import io.opentelemetry.api.logs.Severity;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The real start-up path: a fresh JVM where logback configures itself (our Configurator first, then the user's
 * logback-test.xml), a line logged before {@code Lgtm.init()}, and both lines arriving over OTLP.
 */
class PreInitChildProcessTest {

  @RegisterExtension
  static final LgtmExtension LGTM = LgtmExtension.builder().setTimeout(Duration.ofSeconds(15)).build();

  @Test
  void lineLoggedBeforeInitInAFreshJvmArrivesAfterInit(LgtmBackend lgtm) throws Exception {
    String javaBin = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder = new ProcessBuilder(List.of(javaBin, "-cp", System.getProperty("java.class.path"),
        PreInitApp.class.getName()));
    builder.environment().putAll(lgtm.exporterEnvironment());
    builder.redirectErrorStream(true);
    File output = File.createTempFile("preinit-child", ".log");
    output.deleteOnExit();
    builder.redirectOutput(output);
    Process process = builder.start();
    boolean exited = process.waitFor(60, TimeUnit.SECONDS);
    if (!exited) {
      process.destroyForcibly();
    }
    String childOutput = Files.readString(output.toPath(), StandardCharsets.UTF_8);
    assertThat(exited).as("child exited; output:%n%s", childOutput).isTrue();
    assertThat(process.exitValue()).as("child exit code; output:%n%s", childOutput).isZero();
    // The user's console pattern from logback-test.xml still printed both lines.
    assertThat(childOutput).contains("child logged before Lgtm.init()", "child logged after Lgtm.init()");

    lgtm.assertLogs().hasRecord("child logged before Lgtm.init()").withSeverity(Severity.INFO)
        .withResourceAttribute("service.name", "preinit-child");
    lgtm.assertLogs().hasRecordCount("child logged before Lgtm.init()", 1);
    lgtm.assertLogs().hasRecord("child logged after Lgtm.init()").withSeverity(Severity.INFO);
  }
}
