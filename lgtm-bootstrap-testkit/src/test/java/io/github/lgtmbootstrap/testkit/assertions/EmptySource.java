package io.github.lgtmbootstrap.testkit.assertions;

import io.github.lgtmbootstrap.testkit.model.LogEntry;
import io.github.lgtmbootstrap.testkit.model.Metric;
import io.github.lgtmbootstrap.testkit.model.Span;
import io.github.lgtmbootstrap.testkit.query.QueryResult;
import io.github.lgtmbootstrap.testkit.query.TelemetryQuery;
import io.github.lgtmbootstrap.testkit.query.TelemetrySource;
import java.util.List;

/** A source with nothing in it and no query languages; test stubs override the one signal they serve. */
public class EmptySource implements TelemetrySource {

  @Override
  public QueryResult<Span> spans(TelemetryQuery query) {
    return QueryResult.of(List.of(), "spans");
  }

  @Override
  public QueryResult<LogEntry> logs(TelemetryQuery query) {
    return QueryResult.of(List.of(), "logs");
  }

  @Override
  public QueryResult<Metric> metrics(TelemetryQuery query) {
    return QueryResult.of(List.of(), "metrics");
  }

  @Override
  public QueryResult<Span> traceql(String traceql, TelemetryQuery scope) {
    throw new UnsupportedOperationException();
  }

  @Override
  public QueryResult<LogEntry> logql(String logql, TelemetryQuery scope) {
    throw new UnsupportedOperationException();
  }

  @Override
  public QueryResult<Metric> promql(String promql, TelemetryQuery scope) {
    throw new UnsupportedOperationException();
  }
}
