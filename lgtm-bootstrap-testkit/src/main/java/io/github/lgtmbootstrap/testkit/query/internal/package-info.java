/**
 * Internal: the TraceQL, LogQL and PromQL subsets the embedded backend evaluates in memory, so a test that uses a
 * raw query runs unchanged on the embedded store and on a real LGTM stack. Not API; may change without notice.
 *
 * <p>All types, arguments and return values in this package are non-null unless documented otherwise.
 */
package io.github.lgtmbootstrap.testkit.query.internal;
