package io.github.lgtmbootstrap.examples.vps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.lgtmbootstrap.testkit.container.ContainerBackend;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Validates {@code Caddyfile} and {@code compose.yaml} with the tools' own validators, offline. Each check is
 * skipped (not passed) when its tool is not installed: {@code apt-get install caddy docker-compose}.
 */
class DeploymentFilesTest {

  private static final Path DIR = Path.of("").toAbsolutePath();

  /**
   * Throw-away values of the shape of a real {@code .env}: the OTLP hash is {@code htpasswd -nbBC 4} output (cost
   * 4, see README), the Grafana hash {@code caddy hash-password} output (cost 14).
   */
  private static final Map<String, String> ENV =
      Map.of(
          "LGTM_DOMAIN", "lgtm.example.com",
          "ACME_EMAIL", "ops@example.com",
          "OTLP_USER", "otlp",
          "OTLP_PASSWORD_HASH", "$2y$04$GGffbniZcXCLJ5RJbsVLFOMy2etpRs3EvmXH3AuOeM/XaNgA/Ek9i",
          "GRAFANA_USER", "admin",
          "GRAFANA_PASSWORD_HASH", "$2a$14$TrKiINhtIpWijtDAkc76fuFazRKTvPmN2r9STAGa4JXujFdgpWGEe");

  @TempDir Path work;

  @Test
  void caddyAcceptsTheCaddyfile() throws Exception {
    assumeTrue(onPath("caddy"), "caddy is not installed (apt-get install caddy)");

    Result result = caddyValidate(DIR.resolve("Caddyfile"));

    assertThat(result.exitCode).as("caddy validate said:%n%s", result.output).isZero();
  }

  @Test
  void caddyValidationCatchesABrokenCaddyfile() throws Exception {
    assumeTrue(onPath("caddy"), "caddy is not installed (apt-get install caddy)");
    Path broken = work.resolve("Caddyfile");
    Files.writeString(
        broken,
        Files.readString(DIR.resolve("Caddyfile")).replace("reverse_proxy lgtm:4318", "reverse_prox lgtm:4318"));

    Result result = caddyValidate(broken);

    assertThat(result.exitCode).isNotZero();
    assertThat(result.output).contains("reverse_prox");
  }

  @Test
  void composeAndReadmesPinTheOtelLgtmImageTheTestkitTestsAgainst() throws IOException {
    String image = ContainerBackend.DEFAULT_IMAGE;
    assertThat(Files.readString(DIR.resolve("compose.yaml"))).contains("image: " + image + "\n");
    assertThat(Files.readString(DIR.resolve("README.md"))).contains("`" + image + "`");
    for (Path file : List.of(DIR.resolve("compose.yaml"), DIR.resolve("README.md"), DIR.resolve("../../README.md"))) {
      assertThat(Pattern.compile("grafana/otel-lgtm:[0-9][0-9A-Za-z.-]*").matcher(Files.readString(file)).results()
          .map(MatchResult::group)).as("otel-lgtm versions named in %s", file).containsOnly(image);
    }
  }

  @Test
  void composeFileIsValidAndOnlyTheProxyPublishesPorts() throws Exception {
    assumeTrue(onPath("docker-compose"), "docker-compose is not installed (apt-get install docker-compose)");
    Files.copy(DIR.resolve("compose.yaml"), work.resolve("compose.yaml"));
    Files.copy(DIR.resolve("Caddyfile"), work.resolve("Caddyfile"));
    StringBuilder dotEnv = new StringBuilder();
    ENV.forEach((key, value) -> dotEnv.append(key).append("='").append(value).append("'\n"));
    Files.writeString(work.resolve(".env"), dotEnv);

    Result result =
        run(Map.of(), "docker-compose", "--project-directory", work.toString(), "-f",
            work.resolve("compose.yaml").toString(), "config");

    assertThat(result.exitCode).as("docker-compose config said:%n%s", result.output).isZero();
    assertThat(serviceBlock(result.output, "lgtm"))
        .as("the lgtm service must publish no port (Docker's published ports bypass ufw)")
        .doesNotContain("ports:")
        .contains("lgtm-data:/data", "grafana/otel-lgtm:");
    assertThat(serviceBlock(result.output, "caddy")).contains("published: 443", "published: 80");
  }

  /** The lines of one service in {@code docker-compose config}'s normalised output. */
  private static String serviceBlock(String config, String service) {
    List<String> block = new ArrayList<>();
    boolean inside = false;
    for (String line : config.split("\n")) {
      if (line.matches("^  \\S.*:$")) {
        inside = line.equals("  " + service + ":");
        continue;
      }
      if (!line.startsWith("  ")) {
        inside = false;
      }
      if (inside) {
        block.add(line);
      }
    }
    assertThat(block).as("service %s in:%n%s", service, config).isNotEmpty();
    return String.join("\n", block);
  }

  private static Result caddyValidate(Path caddyfile) throws IOException, InterruptedException {
    return run(ENV, "caddy", "validate", "--config", caddyfile.toString(), "--adapter", "caddyfile");
  }

  private static boolean onPath(String tool) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String dir : path.split(java.io.File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, tool))) {
        return true;
      }
    }
    return false;
  }

  private static Result run(Map<String, String> env, String... command)
      throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().putAll(env);
    Process process = builder.start();
    byte[] output = process.getInputStream().readAllBytes();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError(String.join(" ", command) + " did not finish within 60 s");
    }
    return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
  }

  private record Result(int exitCode, String output) {}
}
