/**
 * The front door of lgtm-bootstrap: {@link io.github.lgtmbootstrap.core.Lgtm#init()} wires OpenTelemetry traces,
 * metrics and logs to Grafana's LGTM stack in one call and returns an
 * {@link io.github.lgtmbootstrap.core.LgtmHandle}.
 *
 * <p>{@link io.github.lgtmbootstrap.core.LgtmAddon}, {@link io.github.lgtmbootstrap.core.AddonConfig} and
 * {@link io.github.lgtmbootstrap.core.AddonContext} form the service-provider interface through which modules such
 * as {@code lgtm-bootstrap-logback} hook in: add-ons validate their configuration together with core's, then
 * install once the SDK is registered.
 *
 * <p>All types, arguments and return values in this package are non-null unless documented otherwise.
 */
package io.github.lgtmbootstrap.core;
