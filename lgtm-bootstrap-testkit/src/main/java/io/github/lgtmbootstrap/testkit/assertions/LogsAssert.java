package io.github.lgtmbootstrap.testkit.assertions;

import io.github.lgtmbootstrap.testkit.internal.TelemetryFormat;
import io.github.lgtmbootstrap.testkit.model.LogEntry;
import io.github.lgtmbootstrap.testkit.query.Signal;
import io.github.lgtmbootstrap.testkit.query.TelemetryQuery;
import io.github.lgtmbootstrap.testkit.query.TelemetrySource;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.assertj.core.api.AbstractAssert;

/**
 * Eventual assertions on the log records a backend received. Each method flushes the in-process SDK, then polls
 * until the expectation holds or the timeout passes; a failure lists the records that did arrive.
 *
 * <pre>{@code
 * lgtm.assertLogs().hasRecord("order placed").withSeverity(Severity.INFO).inTraceOf("placeOrder");
 * }</pre>
 *
 * <p>Get one from {@code LgtmBackend.assertLogs()}. Soft assertions: as {@link TracesAssert} says.
 */
public class LogsAssert extends AbstractAssert<LogsAssert, TelemetrySource> {

  private final TelemetryQuery scope;
  private final Polling polling;
  private final Fetch<LogEntry> fetch;

  /**
   * Creates the assertion.
   *
   * @param source where to look
   * @param scope what a test may see: the time it started and the resource attributes to match
   * @param polling how to wait
   */
  public LogsAssert(TelemetrySource source, TelemetryQuery scope, Polling polling) {
    this(source, scope, polling, source == null ? null : Fetch.plain(source::logs));
  }

  /**
   * Creates the assertion on a source alone: the constructor AssertJ's soft assertions call. A
   * {@link TelemetryView} brings its test's window and polling; any other source is seen whole, with default
   * polling and no flush.
   *
   * @param source a {@link TelemetryView}, such as {@code LgtmBackend.view()}, or any source
   */
  public LogsAssert(TelemetrySource source) {
    this(TelemetryView.of(source).source(), TelemetryView.of(source).scope(), TelemetryView.of(source).polling());
  }

  private LogsAssert(TelemetrySource source, TelemetryQuery scope, Polling polling, Fetch<LogEntry> fetch) {
    super(source, LogsAssert.class);
    this.scope = Objects.requireNonNull(scope, "scope");
    this.polling = Objects.requireNonNull(polling, "polling");
    this.fetch = fetch;
  }

  /**
   * Creates an assertion on the records a LogQL log query selects within the scope (the test's window and run);
   * see {@link TracesAssert#traceQl} for how raw queries behave.
   *
   * <pre>{@code
   * LogsAssert.logQl(source, "{service_name=\"checkout\"} |= \"placed\"", scope, polling).hasAnyRecord();
   * }</pre>
   *
   * @param source where to look
   * @param logql the LogQL log query, such as <code>{service_name="checkout"} |= "placed"</code>
   * @param scope what a test may see
   * @param polling how to wait
   * @return the assertion
   */
  public static LogsAssert logQl(TelemetrySource source, String logql, TelemetryQuery scope, Polling polling) {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(logql, "logql");
    return new LogsAssert(source, scope, polling,
        Fetch.raw("LogQL", logql, query -> source.logql(logql, query), source::logs));
  }

  /**
   * Waits for a record whose body contains this text.
   *
   * @param bodyText text the body contains, such as {@code "order placed"}
   * @return an assertion on the first such record, whose {@code withX} methods narrow the search further
   */
  public LogEntryAssert hasRecord(String bodyText) {
    Objects.requireNonNull(bodyText, "bodyText");
    return find(containing(bodyText), fetch.narrow(scope, bodyText));
  }

  /**
   * Waits for any record; most useful after {@link #logQl}, whose query already says which records count.
   *
   * @return an assertion on the first record, whose {@code withX} methods narrow the search further
   */
  public LogEntryAssert hasAnyRecord() {
    return find(new Criterion<>("with any body", (log, lookup) -> true), scope);
  }

  /**
   * Waits for a record that satisfies a condition.
   *
   * @param description what the condition means, for the failure message
   * @param condition the condition
   * @return an assertion on the first such record
   */
  public LogEntryAssert hasRecordMatching(String description, Predicate<LogEntry> condition) {
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(condition, "condition");
    return find(new Criterion<>(description, (log, lookup) -> condition.test(log)), scope);
  }

  /**
   * Waits for a record whose body contains this text and checks it with more assertions.
   *
   * @param bodyText text the body contains
   * @param requirements further checks
   * @return this assertion
   */
  public LogsAssert hasRecordSatisfying(String bodyText, Consumer<LogEntryAssert> requirements) {
    Objects.requireNonNull(requirements, "requirements");
    requirements.accept(hasRecord(bodyText));
    return myself;
  }

  /**
   * Waits until exactly this many records whose body contains the text arrived. First passes the same barrier
   * as {@link #hasNoRecord}; more than expected fails at once.
   *
   * @param bodyText text the body contains
   * @param expected the exact count
   * @return this assertion
   */
  public LogsAssert hasRecordCount(String bodyText, int expected) {
    Objects.requireNonNull(bodyText, "bodyText");
    isNotNull();
    search(containing(bodyText), fetch.narrow(scope, bodyText)).awaitCount(descriptionText(), expected);
    return myself;
  }

  /**
   * Fails if a record whose body contains the text arrived. First makes sure the backend has ingested everything
   * emitted before this call (flush, then a marker record sent through the backend's OTLP endpoint must come
   * back, within the timeout), then looks once; the failure lists the records found.
   *
   * @param bodyText text the body contains
   * @return this assertion
   */
  public LogsAssert hasNoRecord(String bodyText) {
    Objects.requireNonNull(bodyText, "bodyText");
    isNotNull();
    Search<LogEntry> search = search(containing(bodyText), fetch.narrow(scope, bodyText));
    List<LogEntry> found = search.afterBarrier(descriptionText());
    if (!found.isEmpty()) {
      failWithActualExpectedAndMessage(search.lines(found), List.of(),
          "Expected no log record containing [%s]%s but found %d:%s", bodyText, fetch.origin(), found.size(),
          search.render(found));
    }
    return myself;
  }

  /**
   * Flushes and returns the records there now (those the query selects, for {@link #logQl}). Does not wait.
   *
   * @return the records in scope, oldest first
   */
  public List<LogEntry> records() {
    isNotNull();
    polling.flush();
    return fetch.apply(scope).items();
  }

  private LogEntryAssert find(Criterion<LogEntry> first, TelemetryQuery query) {
    isNotNull();
    Search<LogEntry> search = search(first, query);
    return LogEntryAssert.of(search.awaitMatch(descriptionText()), search, info);
  }

  private Search<LogEntry> search(Criterion<LogEntry> first, TelemetryQuery query) {
    return new Search<>("log record", Signal.LOGS, fetch, actual, scope, query, List.of(first), TelemetryFormat::log,
        polling);
  }

  private static Criterion<LogEntry> containing(String text) {
    return new Criterion<>("containing [" + text + "]", (log, lookup) -> log.body().contains(text));
  }
}
