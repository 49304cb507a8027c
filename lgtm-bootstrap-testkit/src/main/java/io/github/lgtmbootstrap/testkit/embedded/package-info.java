/**
 * The embedded LGTM backend: an OTLP/HTTP receiver on the JDK's HTTP server (and, when the optional Netty HTTP/2
 * codec is present, an OTLP/gRPC receiver on a port of its own), a decoder from OTLP protobuf/JSON into the
 * testkit's model, and a bounded in-memory store that answers
 * {@link io.github.lgtmbootstrap.testkit.query.TelemetrySource} queries.
 *
 * <p>{@link io.github.lgtmbootstrap.testkit.embedded.EmbeddedBackend} is used by the JUnit extension and can be
 * used alone; {@link io.github.lgtmbootstrap.testkit.embedded.EmbeddedLgtmMain} runs it standalone and prints what
 * arrives.
 *
 * <p>All types, arguments and return values in this package are non-null unless documented otherwise.
 */
package io.github.lgtmbootstrap.testkit.embedded;
