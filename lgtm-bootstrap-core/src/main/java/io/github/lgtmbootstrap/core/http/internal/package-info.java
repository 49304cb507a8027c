/**
 * Implementation of {@link io.github.lgtmbootstrap.core.http}: the attribute getters that feed OpenTelemetry's
 * HTTP extractors, the server filter and the client wrapper. Not an API: it may change in any release.
 *
 * <p>All types, arguments and return values in this package are non-null unless documented otherwise.
 */
package io.github.lgtmbootstrap.core.http.internal;
