package io.github.lgtmbootstrap.testkit.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What it takes to start a backend; equal settings share one running backend per test run. Not API.
 *
 * @param kind which backend
 * @param port embedded receiver port, 0 for an ephemeral one
 * @param capacity items kept per signal by the embedded store
 * @param maxRequestBytes largest OTLP request body the embedded receiver accepts
 */
public record BackendSettings(BackendKind kind, int port, int capacity, int maxRequestBytes) {

  /**
   * Creates the record, validating its components.
   *
   * @param kind which backend
   * @param port embedded receiver port, 0 for an ephemeral one
   * @param capacity items kept per signal by the embedded store
   * @param maxRequestBytes largest OTLP request body the embedded receiver accepts
   */
  public BackendSettings {
    Objects.requireNonNull(kind, "kind");
  }

  /**
   * Checks the embedded backend's settings; the one check behind {@code EmbeddedBackend.Builder.start()} and
   * {@code LgtmExtension.Builder.build()}.
   *
   * @param port 0 to 65535
   * @param capacity at least 1
   * @param maxRequestBytes at least 1024
   * @return one message per invalid setting, naming the value seen and the valid range; empty when all are valid
   */
  public static List<String> embeddedProblems(int port, int capacity, int maxRequestBytes) {
    List<String> problems = new ArrayList<>();
    if (port < 0 || port > 65535) {
      problems.add("port " + port + " is out of range; use 0 (ephemeral) to 65535");
    }
    if (capacity < 1) {
      problems.add("capacity " + capacity + " must be at least 1");
    }
    if (maxRequestBytes < 1024) {
      problems.add("maxRequestBytes " + maxRequestBytes + " must be at least 1024");
    }
    return problems;
  }
}
