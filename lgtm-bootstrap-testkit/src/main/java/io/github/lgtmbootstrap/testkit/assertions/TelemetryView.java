package io.github.lgtmbootstrap.testkit.assertions;

import io.github.lgtmbootstrap.testkit.model.Exemplar;
import io.github.lgtmbootstrap.testkit.model.LogEntry;
import io.github.lgtmbootstrap.testkit.model.Metric;
import io.github.lgtmbootstrap.testkit.model.Span;
import io.github.lgtmbootstrap.testkit.query.QueryResult;
import io.github.lgtmbootstrap.testkit.query.Signal;
import io.github.lgtmbootstrap.testkit.query.TelemetryQuery;
import io.github.lgtmbootstrap.testkit.query.TelemetrySource;
import java.time.Instant;
import java.util.Objects;

/**
 * A source together with what a test's assertions need around it: the test's window and how to wait. As a
 * {@link TelemetrySource} it answers like its source; the assertion classes' one-argument constructors take the
 * window and polling from it, which is what AssertJ's soft assertions need to proxy them:
 *
 * <pre>{@code
 * SoftAssertions softly = new SoftAssertions();
 * softly.proxy(TracesAssert.class, TelemetrySource.class, lgtm.view()).hasNoSpan("refund").hasSpanCount("checkout", 1);
 * softly.proxy(LogsAssert.class, TelemetrySource.class, lgtm.view()).hasNoRecord("payment failed");
 * softly.assertAll();
 * }</pre>
 *
 * @param source where to look
 * @param scope what the test may see
 * @param polling how to wait
 */
public record TelemetryView(TelemetrySource source, TelemetryQuery scope, Polling polling) implements TelemetrySource {

  /**
   * Creates the view.
   *
   * @param source where to look
   * @param scope what the test may see
   * @param polling how to wait
   */
  public TelemetryView {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(polling, "polling");
  }

  /** The view of a source as the one-argument constructors see it: everything it holds, default polling. */
  static TelemetryView of(TelemetrySource source) {
    Objects.requireNonNull(source, "source");
    return source instanceof TelemetryView view ? view
        : new TelemetryView(source, TelemetryQuery.since(Instant.EPOCH), Polling.defaults());
  }

  @Override
  public QueryResult<Span> spans(TelemetryQuery query) {
    return source.spans(query);
  }

  @Override
  public QueryResult<LogEntry> logs(TelemetryQuery query) {
    return source.logs(query);
  }

  @Override
  public QueryResult<Metric> metrics(TelemetryQuery query) {
    return source.metrics(query);
  }

  @Override
  public QueryResult<Span> traceql(String traceql, TelemetryQuery scope) {
    return source.traceql(traceql, scope);
  }

  @Override
  public QueryResult<LogEntry> logql(String logql, TelemetryQuery scope) {
    return source.logql(logql, scope);
  }

  @Override
  public QueryResult<Metric> promql(String promql, TelemetryQuery scope) {
    return source.promql(promql, scope);
  }

  @Override
  public boolean keepsAttributeTypes(Signal signal) {
    return source.keepsAttributeTypes(signal);
  }

  @Override
  public QueryResult<Metric> metricsAt(TelemetryQuery query, Instant at) {
    return source.metricsAt(query, at);
  }

  @Override
  public QueryResult<Exemplar> exemplars(Metric metric, TelemetryQuery scope) {
    return source.exemplars(metric, scope);
  }
}
