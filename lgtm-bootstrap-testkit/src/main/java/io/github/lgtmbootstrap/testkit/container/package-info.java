/**
 * The {@code container} backend: the grafana/otel-lgtm image (Grafana, Tempo, Loki, Prometheus and an
 * OpenTelemetry Collector in one container) started through Testcontainers, once per test run, and queried
 * through Tempo, Loki and Prometheus.
 *
 * <p>Choose it with {@code lgtm.testkit.backend=container} (or {@code auto}, which falls back to the embedded
 * backend without Docker). It needs the optional test dependency {@code org.testcontainers:testcontainers-grafana};
 * without Docker, tests that use it are skipped, never failed. Keys: see
 * {@link io.github.lgtmbootstrap.testkit.container.ContainerBackend}.
 *
 * <p>All types, arguments and return values in this package are non-null unless documented otherwise.
 */
package io.github.lgtmbootstrap.testkit.container;
