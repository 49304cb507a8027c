/**
 * How assertions ask a backend for telemetry: the {@link io.github.lgtmbootstrap.testkit.query.TelemetrySource}
 * service interface that every backend implements, the {@link io.github.lgtmbootstrap.testkit.query.TelemetryQuery}
 * it answers and the {@link io.github.lgtmbootstrap.testkit.query.QueryResult} it returns.
 *
 * <p>Tests do not call these types directly; they go through {@code LgtmBackend} and its assertions. They are
 * public so that backends in other packages (embedded, container, external) can implement them.
 *
 * <p>All types, arguments and return values in this package are non-null unless documented otherwise.
 */
package io.github.lgtmbootstrap.testkit.query;
