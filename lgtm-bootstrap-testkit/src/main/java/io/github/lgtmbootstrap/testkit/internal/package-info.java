/**
 * The testkit's machinery: backend handles and their factory, configuration lookup, system-property scoping,
 * SDK flushing and formatting. Not API: anything here may change without notice.
 *
 * <p>All types, arguments and return values in this package are non-null unless documented otherwise.
 */
package io.github.lgtmbootstrap.testkit.internal;
