package io.github.lgtmbootstrap.testkit.container.standin;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The recordings of one otel-lgtm version, from the test resources. */
public enum FixtureSet {
  /** Tempo 2.8.2, Loki 3.4.6, Prometheus 3.3.1. */
  TEMPO_2("fixtures/", false),
  /** grafana/otel-lgtm 0.31.0: Tempo 3.0.3, Loki 3.7.6, Prometheus 3.14.0. */
  OTEL_LGTM_0_31_0("fixtures/otel-lgtm-0.31.0/", true);

  private final String directory;
  private final boolean tempo3;

  FixtureSet(String directory, boolean tempo3) {
    this.directory = directory;
    this.tempo3 = tempo3;
  }

  /** Whether its Tempo has {@code query_end_cutoff}. */
  boolean tempo3() {
    return tempo3;
  }

  byte[] bytes(String file) {
    try (InputStream in = FixtureSet.class.getClassLoader().getResourceAsStream(directory + file)) {
      if (in == null) {
        throw new IllegalStateException("fixture " + directory + file + " missing from the classpath");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String text(String file) {
    return new String(bytes(file), java.nio.charset.StandardCharsets.UTF_8);
  }

  /**
   * The body served for a recording: otel-lgtm 0.31.0 sets Prometheus'
   * {@code keep_identifying_resource_attributes}, whose answer was recorded beside the plain one.
   */
  byte[] servedBytes(String file) {
    if (file.endsWith(".json")) {
      String variant = file.substring(0, file.length() - ".json".length()) + ".keep_identifying.json";
      if (FixtureSet.class.getClassLoader().getResource(directory + variant) != null) {
        return bytes(variant);
      }
    }
    return bytes(file);
  }
}
