/**
 * Fluent, eventually consistent AssertJ assertions on received telemetry: {@link
 * io.github.lgtmbootstrap.testkit.assertions.TracesAssert}, {@link
 * io.github.lgtmbootstrap.testkit.assertions.LogsAssert} and {@link
 * io.github.lgtmbootstrap.testkit.assertions.MetricsAssert}, with {@link
 * io.github.lgtmbootstrap.testkit.assertions.SpanAssert}, {@link
 * io.github.lgtmbootstrap.testkit.assertions.LogEntryAssert} and {@link
 * io.github.lgtmbootstrap.testkit.assertions.MetricAssert} for one item.
 *
 * <p>They talk only to a {@link io.github.lgtmbootstrap.testkit.query.TelemetrySource}, so they work the same on
 * every backend. Each check flushes the in-process SDK and then polls with a deadline ({@link
 * io.github.lgtmbootstrap.testkit.assertions.Polling}); a failure says what was expected, how long and how often
 * it polled, the query that ran, and what did arrive. {@code as(...)} descriptions lead the message; counts and
 * absence carry expected and actual; AssertJ's soft assertions proxy them through {@link
 * io.github.lgtmbootstrap.testkit.assertions.TelemetryView}.
 *
 * <p>All types, arguments and return values in this package are non-null unless documented otherwise.
 */
package io.github.lgtmbootstrap.testkit.assertions;
