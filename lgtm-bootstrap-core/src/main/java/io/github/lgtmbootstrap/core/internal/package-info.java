/**
 * Implementation of {@code Lgtm.init()}: layered configuration, validation, SDK assembly on top of
 * OpenTelemetry's autoconfigure, bounded shutdown and add-on loading. Not an API: may change in any release.
 *
 * <p>All types, arguments and return values in this package are non-null unless documented otherwise.
 */
package io.github.lgtmbootstrap.core.internal;
