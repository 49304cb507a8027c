/**
 * Internal machinery of lgtm-bootstrap-logback; not an API, may change in any release. Non-null by default.
 */
package io.github.lgtmbootstrap.logback.internal;
