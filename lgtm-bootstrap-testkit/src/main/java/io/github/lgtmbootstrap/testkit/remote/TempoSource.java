package io.github.lgtmbootstrap.testkit.remote;

import io.github.lgtmbootstrap.testkit.model.Span;
import io.github.lgtmbootstrap.testkit.query.QueryResult;
import io.github.lgtmbootstrap.testkit.query.TelemetryQuery;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The span questions of {@link RemoteTelemetrySource}, answered by Tempo: with a trace id, Tempo's trace-by-id
 * (which sees a trace seconds before search does); otherwise the TraceQL search
 * <code>{resource.k="v" &amp;&amp; ...}</code> over the resource match and the time window, then each trace by id.
 * Every span of a matching trace is returned, so assertions can show near misses. Thread-safe.
 */
final class TempoSource {

  private static final int MAX_SPANS_PER_SPAN_SET = 1000;

  private final TempoClient tempo;
  private final ExploreLinks explore;
  private final QueryScope window;
  private final int traceLimit;

  TempoSource(TempoClient tempo, ExploreLinks explore, QueryScope window, int traceLimit) {
    this.tempo = Objects.requireNonNull(tempo, "tempo");
    this.explore = Objects.requireNonNull(explore, "explore");
    this.window = Objects.requireNonNull(window, "window");
    this.traceLimit = traceLimit;
  }

  TempoClient client() {
    return tempo;
  }

  QueryResult<Span> spans(TelemetryQuery query) {
    if (query.traceId().isPresent()) {
      String traceId = query.traceId().get().toLowerCase(Locale.ROOT);
      List<Span> spans = new ArrayList<>();
      addTrace(traceId, query, spans);
      return new QueryResult<>(spans, traceId, explore.tempo(traceId, query.since()));
    }
    String traceql = traceQlFor(query.resourceMatch());
    List<Span> spans = new ArrayList<>();
    for (TempoClient.Hit hit : tempo.search(traceql, window.windowStart(query.since()), window.windowEnd(),
        traceLimit, 0)) {
      addTrace(hit.traceId(), query, spans);
    }
    return new QueryResult<>(spans, traceql, explore.tempo(traceql, query.since()));
  }

  QueryResult<Span> traceql(String traceql, TelemetryQuery scope) {
    List<TempoClient.Hit> hits =
        tempo.search(traceql, window.windowStart(scope.since()), window.windowEnd(), traceLimit, 0);
    int mostMatched = hits.stream().filter(hit -> !hit.allSpansListed()).mapToInt(TempoClient.Hit::matched)
        .max().orElse(0);
    if (mostMatched > 0) {
      // Tempo lists 3 spans per span set unless asked for more: ask once more, for all of them
      hits = tempo.search(traceql, window.windowStart(scope.since()), window.windowEnd(), traceLimit,
          Math.min(mostMatched, MAX_SPANS_PER_SPAN_SET));
    }
    List<Span> spans = new ArrayList<>();
    for (TempoClient.Hit hit : hits) {
      for (Span span : tempo.trace(hit.traceId()).orElse(List.of())) {
        if (hit.matchedSpanIds().contains(span.spanId())
            && QueryScope.inScope(span.resource(), span.endEpochNanos(), scope)) {
          spans.add(span);
        }
      }
    }
    return new QueryResult<>(spans, traceql, explore.tempo(traceql, scope.since()));
  }

  /** Adds every span of a trace that is in the query's scope (time window and resource match). */
  private void addTrace(String traceId, TelemetryQuery query, List<Span> spans) {
    for (Span span : tempo.trace(traceId).orElse(List.of())) {
      if (QueryScope.inScope(span.resource(), span.endEpochNanos(), query)) {
        spans.add(span);
      }
    }
  }

  /** <code>{resource.k="v" &amp;&amp; ...}</code>, or <code>{}</code> for no match. */
  static String traceQlFor(Map<String, String> resourceMatch) {
    List<String> conditions = new ArrayList<>();
    resourceMatch.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(entry ->
        conditions.add("resource." + entry.getKey() + "=" + QueryScope.quote(entry.getValue())));
    return "{" + String.join(" && ", conditions) + "}";
  }
}
