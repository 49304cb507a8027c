/**
 * Console mode ({@code lgtm.console=true}): exporters that print one compact line per span, log record and
 * metric to the terminal. Not an API.
 *
 * <p>All types, arguments and return values in this package are non-null unless documented otherwise.
 */
package io.github.lgtmbootstrap.core.internal.console;
