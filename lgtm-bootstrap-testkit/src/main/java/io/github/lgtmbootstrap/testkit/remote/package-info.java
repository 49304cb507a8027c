/**
 * The testkit's view of a real LGTM stack: HTTP clients for Tempo, Loki and Prometheus that map their answers
 * into the backend-neutral model, the OpenTelemetry-to-Prometheus name translation, and
 * {@link io.github.lgtmbootstrap.testkit.remote.RemoteTelemetrySource}, which the {@code container} and
 * {@code external} backends hand to the assertions.
 *
 * <p>Tests do not use this package directly: they choose a backend with {@code lgtm.testkit.backend} and assert
 * through {@code LgtmBackend}. {@link io.github.lgtmbootstrap.testkit.remote.ExternalBackend} documents the keys of
 * the {@code external} backend.
 *
 * <p>All types, arguments and return values in this package are non-null unless documented otherwise.
 */
package io.github.lgtmbootstrap.testkit.remote;
