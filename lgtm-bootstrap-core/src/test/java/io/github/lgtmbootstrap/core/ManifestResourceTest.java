package io.github.lgtmbootstrap.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lgtmbootstrap.core.support.EnvProbe;
import io.github.lgtmbootstrap.testkit.embedded.EmbeddedBackend;
import io.github.lgtmbootstrap.testkit.model.Span;
import io.github.lgtmbootstrap.testkit.query.TelemetryQuery;
import java.io.File;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.StringJoiner;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An app started with {@code java -jar}: service.name and service.version come from its manifest. */
class ManifestResourceTest {

  @TempDir Path dir;

  @Test
  void serviceNameAndVersionComeFromTheJarManifest() throws Exception {
    Path jar = dir.resolve("shop-app.jar");
    Manifest mf = new Manifest();
    Attributes a = mf.getMainAttributes();
    a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
    a.put(Attributes.Name.MAIN_CLASS, EnvProbe.class.getName());
    a.put(Attributes.Name.IMPLEMENTATION_TITLE, "shop-app");
    a.put(Attributes.Name.IMPLEMENTATION_VERSION, "3.1.4");
    StringJoiner cp = new StringJoiner(" ");
    String testCp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    for (String entry : testCp.split(File.pathSeparator)) {
      cp.add(new File(entry).toURI().toString());
    }
    a.put(Attributes.Name.CLASS_PATH, cp.toString());
    try (OutputStream out = Files.newOutputStream(jar);
        JarOutputStream ignored = new JarOutputStream(out, mf)) {
      // manifest only: the classes come through Class-Path
    }

    try (EmbeddedBackend backend = EmbeddedBackend.builder().setHost("127.0.0.1").setPort(0).start()) {
      ProcessBuilder pb =
          new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString())
              .redirectError(ProcessBuilder.Redirect.DISCARD);
      pb.environment().keySet().removeIf(k -> k.startsWith("OTEL_") || k.startsWith("LGTM_"));
      pb.environment().put("OTEL_EXPORTER_OTLP_ENDPOINT", backend.otlpEndpoint());
      pb.environment().put("LGTM_RUNTIME_METRICS_ENABLED", "false");
      pb.environment().put("LGTM_ADDONS_DISABLED", "failing,recording");
      Process p = pb.start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(out).contains("FLUSHED true");

      List<Span> spans = backend.spans(TelemetryQuery.since(Instant.EPOCH).withName("env-probe")).items();
      assertThat(spans).as("spans received").hasSize(1);
      assertThat(spans.get(0).resource())
          .containsEntry("service.name", "shop-app")
          .containsEntry("service.version", "3.1.4");
    }
  }
}
