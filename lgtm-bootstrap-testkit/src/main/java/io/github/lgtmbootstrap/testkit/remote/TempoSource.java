package io.github.lgtmbootstrap.testkit.remote;

import io.github.lgtmbootstrap.testkit.model.Span;
import io.github.lgtmbootstrap.testkit.query.QueryResult;
import io.github.lgtmbootstrap.testkit.query.TelemetryQuery;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The span questions of {@link RemoteTelemetrySource}, answered by Tempo: with a trace id, Tempo's trace-by-id
 * (which sees a trace seconds before search does); otherwise the TraceQL search
 * <code>{resource.k="v" &amp;&amp; ...}</code> over the resource match and the time window, then each trace by id.
 * Every span of a matching trace is returned, so assertions can show near misses.
 *
 * <p>Searches work on Tempo 2 and 3: the window starts a second before {@code since}, so that its start stays
 * strictly before its end after Tempo 3 cuts the end to now minus {@code query_end_cutoff} (with the cutoff at 0 a
 * window starting in the current second is refused), and a refusal of a window that holds nothing searchable yet is
 * an empty answer, not an error. Before the first search it asks Tempo once for its version and configuration
 * ({@link TempoSearchCutoff}); when new traces stay out of search for a while, it says so once in the log and in
 * every search's query text, which failure messages show. Thread-safe.
 */
final class TempoSource {

  private static final int MAX_SPANS_PER_SPAN_SET = 1000;
  /** Tempo's search window is in whole seconds: start one earlier, so it is before the end Tempo 3 cuts to now. */
  private static final java.time.Duration SEARCH_START_MARGIN = java.time.Duration.ofSeconds(1);
  private static final Logger LOGGER = Logger.getLogger(RemoteTelemetrySource.class.getName());

  private final TempoClient tempo;
  private final ExploreLinks explore;
  private final QueryScope window;
  private final int traceLimit;
  private volatile TempoSearchCutoff cutoff;

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
    StringBuilder notes = new StringBuilder();
    List<Span> spans = new ArrayList<>();
    for (TempoClient.Hit hit : search(traceql, query, 0, notes)) {
      addTrace(hit.traceId(), query, spans);
    }
    return new QueryResult<>(spans, traceql + notes, explore.tempo(traceql, query.since()));
  }

  QueryResult<Span> traceql(String traceql, TelemetryQuery scope) {
    StringBuilder notes = new StringBuilder();
    List<TempoClient.Hit> hits = search(traceql, scope, 0, notes);
    int mostMatched = hits.stream().filter(hit -> !hit.allSpansListed()).mapToInt(TempoClient.Hit::matched)
        .max().orElse(0);
    if (mostMatched > 0) {
      // Tempo lists 3 spans per span set unless asked for more: ask once more, for all of them
      hits = search(traceql, scope, Math.min(mostMatched, MAX_SPANS_PER_SPAN_SET), new StringBuilder());
    }
    List<Span> spans = new ArrayList<>();
    for (TempoClient.Hit hit : hits) {
      for (Span span : tempo.trace(hit.traceId()).orElse(List.of())) {
        if (hit.matchedSpanIds().contains(span.spanId())
            && QueryScope.inScope(span.resource(), span.endEpochNanos(), scope) && scope.admits(span.attributes())) {
          spans.add(span);
        }
      }
    }
    return new QueryResult<>(spans, traceql + notes, explore.tempo(traceql, scope.since()));
  }

  /**
   * How long Tempo keeps a new trace out of search (Tempo 3's {@code query_end_cutoff}); asks Tempo once, and
   * logs once why when it is not zero.
   */
  TempoSearchCutoff cutoff() {
    TempoSearchCutoff known = cutoff;
    if (known == null) {
      synchronized (this) {
        known = cutoff;
        if (known == null) {
          known = TempoSearchCutoff.of(tempo.version(), tempo::configuration);
          if (known.delaysSearch()) {
            LOGGER.log(Level.WARNING, "{0} (Tempo at {1})",
                new Object[] {known.explanation(), StoreHttp.redact(tempo.baseUrl())});
          }
          cutoff = known;
        }
      }
    }
    return known;
  }

  /**
   * Searches the query's window; a window Tempo holds nothing searchable for yet is an empty answer. Adds to
   * {@code notes} what a reader of a failure needs to know about the answer.
   */
  private List<TempoClient.Hit> search(String traceql, TelemetryQuery scope, int spansPerSpanSet,
      StringBuilder notes) {
    TempoSearchCutoff known = cutoff();
    if (known.delaysSearch()) {
      notes.append("\n(").append(known.explanation()).append(')');
    }
    try {
      return tempo.search(traceql, window.windowStart(scope.since()).minus(SEARCH_START_MARGIN),
          window.windowEnd(), traceLimit, spansPerSpanSet);
    } catch (TempoClient.WindowNotSearchable e) {
      notes.append("\n(Nothing searchable in this window yet: ").append(e.getMessage().lines().findFirst()
          .orElse("")).append(')');
      return List.of();
    }
  }

  /** Adds every span of a trace that is in the query's scope (time window and resource match). */
  private void addTrace(String traceId, TelemetryQuery query, List<Span> spans) {
    for (Span span : tempo.trace(traceId).orElse(List.of())) {
      if (QueryScope.inScope(span.resource(), span.endEpochNanos(), query) && query.admits(span.attributes())) {
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
