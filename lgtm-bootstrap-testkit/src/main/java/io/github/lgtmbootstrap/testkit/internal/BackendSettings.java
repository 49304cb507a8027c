package io.github.lgtmbootstrap.testkit.internal;

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

  /** Validates the components. */
  public BackendSettings {
    Objects.requireNonNull(kind, "kind");
  }
}
