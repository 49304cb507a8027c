package io.github.lgtmbootstrap.testkit.remote;

import io.github.lgtmbootstrap.testkit.model.LogEntry;
import io.github.lgtmbootstrap.testkit.query.QueryResult;
import io.github.lgtmbootstrap.testkit.query.TelemetryQuery;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The log questions of {@link RemoteTelemetrySource}, answered by Loki with the LogQL
 * <code>{service_name="..."} | k="v"</code> (other resource attributes are Loki labels or structured metadata
 * under their {@code _} names). Thread-safe.
 */
final class LokiSource {

  private final LokiClient loki;
  private final ExploreLinks explore;
  private final QueryScope window;
  private final int logLimit;

  LokiSource(LokiClient loki, ExploreLinks explore, QueryScope window, int logLimit) {
    this.loki = Objects.requireNonNull(loki, "loki");
    this.explore = Objects.requireNonNull(explore, "explore");
    this.window = Objects.requireNonNull(window, "window");
    this.logLimit = logLimit;
  }

  LokiClient client() {
    return loki;
  }

  QueryResult<LogEntry> logs(TelemetryQuery query) {
    String logql = logQlFor(query.resourceMatch(), query.traceId());
    return new QueryResult<>(runLogQl(logql, query), logql, explore.loki(logql, query.since()));
  }

  QueryResult<LogEntry> logql(String logql, TelemetryQuery scope) {
    return new QueryResult<>(runLogQl(logql, scope), logql, explore.loki(logql, scope.since()));
  }

  private List<LogEntry> runLogQl(String logql, TelemetryQuery scope) {
    List<LogEntry> entries = new ArrayList<>();
    for (LokiClient.Line line :
        loki.queryRange(logql, window.windowStart(scope.since()), window.windowEnd(), logLimit)) {
      LogEntry entry = LokiLogMapper.toEntry(line, scope.resourceMatch().keySet());
      if (QueryScope.inScope(entry.resource(), entry.epochNanos(), scope) && scope.admits(entry.attributes())) {
        entries.add(entry);
      }
    }
    return entries;
  }

  /**
   * <code>{service_name="x"} | k="v"</code>: Loki always indexes {@code service_name}; other resource attributes
   * may be index labels or structured metadata, and a label filter after the selector matches both.
   */
  static String logQlFor(Map<String, String> resourceMatch, Optional<String> traceId) {
    String serviceName = resourceMatch.get("service.name");
    StringBuilder logql = new StringBuilder(serviceName == null
        ? "{service_name=~\".+\"}"
        : "{service_name=" + QueryScope.quote(serviceName) + "}");
    resourceMatch.entrySet().stream()
        .filter(entry -> !entry.getKey().equals("service.name"))
        .sorted(Map.Entry.comparingByKey())
        .forEach(entry -> logql.append(" | ").append(StoreLabels.labelName(entry.getKey()))
            .append('=').append(QueryScope.quote(entry.getValue())));
    traceId.ifPresent(id -> logql.append(" | trace_id=").append(QueryScope.quote(id.toLowerCase(Locale.ROOT))));
    return logql.toString();
  }
}
