/**
 * The backend-neutral model of received telemetry: {@link io.github.lgtmbootstrap.testkit.model.Span},
 * {@link io.github.lgtmbootstrap.testkit.model.LogEntry} and {@link io.github.lgtmbootstrap.testkit.model.Metric}.
 *
 * <p>Every backend (the embedded OTLP receiver, the otel-lgtm container, an external LGTM stack queried through
 * Tempo, Loki and Prometheus) maps what it stored into these immutable types, so assertions never know which
 * backend they talk to.
 *
 * <p>Attribute values are {@link java.lang.String}, {@link java.lang.Long}, {@link java.lang.Double},
 * {@link java.lang.Boolean} or an immutable {@link java.util.List} of those. Stores that keep only strings (Loki
 * structured metadata, Prometheus labels) yield strings; use {@link
 * io.github.lgtmbootstrap.testkit.model.AttributeValues#matches(Object, Object)} to compare loosely.
 *
 * <p>All types, arguments and return values in this package are non-null unless documented otherwise.
 */
package io.github.lgtmbootstrap.testkit.model;
