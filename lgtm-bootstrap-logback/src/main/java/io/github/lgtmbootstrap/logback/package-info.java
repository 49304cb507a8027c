/**
 * logback to OpenTelemetry with no XML: {@link io.github.lgtmbootstrap.logback.LgtmLogback} for apps with their
 * own SDK, {@link io.github.lgtmbootstrap.logback.LgtmLogbackAddon} for {@code Lgtm.init()}. Parameters and return
 * values are non-null unless documented otherwise.
 */
package io.github.lgtmbootstrap.logback;
