package io.github.lgtmbootstrap.testkit.assertions;

import io.github.lgtmbootstrap.testkit.model.LogEntry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.logs.Severity;
import java.util.Locale;
import java.util.Objects;
import java.util.function.BiPredicate;
import org.assertj.core.api.AbstractAssert;
import org.assertj.core.api.WritableAssertionInfo;

/**
 * Assertions on one log record that arrived. Every {@code withX} method adds a requirement and waits until some
 * record passes all requirements so far:
 *
 * <pre>{@code
 * lgtm.assertLogs().hasRecord("order placed").withSeverity(Severity.INFO).inTraceOf("placeOrder");
 * }</pre>
 */
public class LogEntryAssert extends AbstractAssert<LogEntryAssert, LogEntry> {

  private final Search<LogEntry> search;

  private LogEntryAssert(LogEntry actual, Search<LogEntry> search) {
    super(actual, LogEntryAssert.class);
    this.search = search;
  }

  static LogEntryAssert of(LogEntry actual, Search<LogEntry> search, WritableAssertionInfo info) {
    LogEntryAssert assertion = new LogEntryAssert(actual, search);
    if (info.hasDescription()) {
      assertion.as(info.description());
    }
    return assertion;
  }

  /**
   * Requires a severity. Records that only carry a severity text (such as {@code WARN}) match by name.
   *
   * @param severity expected severity, such as {@link Severity#INFO}
   * @return an assertion on a record with it
   */
  public LogEntryAssert withSeverity(Severity severity) {
    Objects.requireNonNull(severity, "severity");
    return require("with severity " + severity, (log, lookup) -> severityMatches(log, severity));
  }

  /**
   * Requires this exact body.
   *
   * @param body expected body
   * @return an assertion on a record with it
   */
  public LogEntryAssert withBody(String body) {
    Objects.requireNonNull(body, "body");
    return require("with body \"" + body + "\"", (log, lookup) -> log.body().equals(body));
  }

  /**
   * Requires an attribute with this value, strictly: the exact key, and the value's type as well as its value
   * ({@code 200} matches an integer attribute 200, not the string {@code "200"} nor the double {@code 200.0}).
   * On a backend that keeps attributes as text (Loki, Prometheus) the comparison is by text, and a failure says so.
   *
   * @param key attribute key
   * @param value expected value: {@code String}, {@code Boolean}, {@code Long}/{@code Integer}, {@code Double} or
   *     a {@code List} of these
   * @return an assertion on a record that has it
   */
  public LogEntryAssert withAttribute(String key, Object value) {
    return require(Criterion.attribute("with attribute ", LogEntry::attributes, key, value, search.attributeMatch()));
  }

  /**
   * Requires an attribute with this value, typed by an OpenTelemetry {@link AttributeKey} (as
   * {@code AttributeKey.longKey("http.response.status_code")}); compared as {@link #withAttribute(String, Object)}
   * does.
   *
   * @param key the typed key
   * @param value expected value
   * @param <V> the key's value type
   * @return an assertion on a record that has it
   */
  public <V> LogEntryAssert withAttribute(AttributeKey<V> key, V value) {
    Objects.requireNonNull(key, "key");
    return withAttribute(key.getKey(), value);
  }

  /**
   * Requires an attribute with this value, loosely: the opt-in for code that records one attribute with varying
   * types. {@code 3} then matches {@code 3L}, {@code 3.0} and {@code "3"}, {@code true} matches
   * {@code "true"}, and {@code order.id} also finds {@code order_id}.
   *
   * @param key attribute key
   * @param value expected value
   * @return an assertion on a record that has it
   */
  public LogEntryAssert withAttributeLoosely(String key, Object value) {
    return require(Criterion.attribute("with attribute ", LogEntry::attributes, key, value, Criterion.Match.LOOSE));
  }

  /**
   * Requires an attribute with any value.
   *
   * @param key attribute key
   * @return an assertion on a record with it
   */
  public LogEntryAssert withAttribute(String key) {
    return require(Criterion.attributePresent(LogEntry::attributes, key, search.attributeMatch()));
  }

  /**
   * Requires a resource attribute with this value, such as {@code service.name}.
   *
   * @param key resource attribute key
   * @param value expected value
   * @return an assertion on a record with it
   */
  public LogEntryAssert withResourceAttribute(String key, Object value) {
    return require(Criterion.attribute("with resource attribute ", LogEntry::resource, key, value, search.attributeMatch()));
  }

  /**
   * Requires an exception of this type, as the {@code exception.type} attribute records it.
   *
   * @param type the exception class
   * @return an assertion on a record with it
   */
  public LogEntryAssert withException(Class<? extends Throwable> type) {
    Objects.requireNonNull(type, "type");
    return require("with exception " + type.getName(),
        (log, lookup) -> Criterion.recordsException(log.attributes(), type));
  }

  /**
   * Requires the record to carry a trace context (it was logged inside a span).
   *
   * @return an assertion on such a record
   */
  public LogEntryAssert withTraceContext() {
    return require("with a trace context", (log, lookup) -> log.hasTraceContext());
  }

  /**
   * Requires the record to belong to the trace of a span with this name.
   *
   * @param spanName the span's name
   * @return an assertion on such a record
   */
  public LogEntryAssert inTraceOf(String spanName) {
    Objects.requireNonNull(spanName, "spanName");
    return require("in the trace of span [" + spanName + "]", (log, lookup) -> log.hasTraceContext()
        && lookup.spansNamed(spanName).stream().anyMatch(span -> span.traceId().equalsIgnoreCase(log.traceId())));
  }

  /**
   * Requires the record to have been logged while a span with this name was current.
   *
   * @param spanName the span's name
   * @return an assertion on such a record
   */
  public LogEntryAssert inSpan(String spanName) {
    Objects.requireNonNull(spanName, "spanName");
    return require("logged in span [" + spanName + "]", (log, lookup) -> log.hasTraceContext()
        && lookup.spansNamed(spanName).stream().anyMatch(span -> span.traceId().equalsIgnoreCase(log.traceId())
            && span.spanId().equalsIgnoreCase(log.spanId())));
  }

  /**
   * Returns the record this assertion is about.
   *
   * @return the record
   */
  public LogEntry record() {
    return actual;
  }

  private static boolean severityMatches(LogEntry log, Severity expected) {
    if (log.severity() != Severity.UNDEFINED_SEVERITY_NUMBER) {
      return log.severity() == expected;
    }
    String text = log.severityText().trim().toUpperCase(Locale.ROOT);
    return !text.isEmpty() && (text.equals("WARNING") ? "WARN" : text).equals(expected.name());
  }

  private LogEntryAssert require(String requirement, BiPredicate<LogEntry, Lookup> test) {
    return require(new Criterion<>(requirement, test));
  }

  private LogEntryAssert require(Criterion<LogEntry> criterion) {
    isNotNull();
    Search<LogEntry> narrowed = search.with(criterion);
    return of(narrowed.awaitMatch(descriptionText()), narrowed, info);
  }
}
