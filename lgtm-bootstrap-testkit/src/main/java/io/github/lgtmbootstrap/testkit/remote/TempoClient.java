package io.github.lgtmbootstrap.testkit.remote;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.github.lgtmbootstrap.testkit.model.Span;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Tempo's query API: trace by id ({@code /api/traces/{id}}), TraceQL search ({@code /api/search}), tag listing
 * and readiness ({@code /ready}).
 *
 * <p>Search answers only trace summaries, and lags trace-by-id by the time Tempo needs to flush to its search
 * index (about 10 s by default on Tempo 2), and on Tempo 3 by its {@code query_end_cutoff} (30 s by default; see
 * {@link TempoSearchCutoff}); callers that know the trace id look it up directly.
 */
final class TempoClient {

  static final String STORE = "Tempo";
  private static final Map<String, String> ACCEPT_JSON = Map.of("Accept", "application/json");

  private final StoreHttp http;

  TempoClient(StoreHttp http) {
    this.http = Objects.requireNonNull(http, "http");
  }

  URI baseUrl() {
    return http.baseUrl();
  }

  /** Whether Tempo answers {@code /ready} with 2xx. */
  boolean isReady() {
    return http.isReady("/ready");
  }

  /**
   * Looks a trace up by id.
   *
   * @param traceId 32 hex characters
   * @return all spans of the trace, empty when Tempo does not (yet) know it
   */
  Optional<List<Span>> trace(String traceId) {
    Objects.requireNonNull(traceId, "traceId");
    URI url = http.url("/api/traces/" + StoreHttp.encode(traceId), Map.of());
    StoreHttp.Answer answer =
        http.get(url, new StoreHttp.Asked("to look up trace " + traceId, "trace " + traceId), ACCEPT_JSON, true);
    if (answer.status() == 404) {
      return Optional.empty();
    }
    try {
      return Optional.of(TempoTraceJson.parse(answer.body()));
    } catch (RuntimeException e) {
      throw unreadable(url, "trace " + traceId, e);
    }
  }

  /**
   * One trace of a search answer: its id and the ids of its spans that matched, as far as Tempo listed them
   * ({@code spss} spans per span set, 3 by default).
   */
  record Hit(String traceId, java.util.Set<String> matchedSpanIds, int matched) {
    boolean allSpansListed() {
      return matchedSpanIds.size() >= matched;
    }
  }

  /**
   * Runs a TraceQL search.
   *
   * @param traceql the query
   * @param start lower time bound (seconds precision), or null to search recent data only
   * @param end upper time bound, or null
   * @param limit maximum number of traces, or 0 for Tempo's default
   * @param spansPerSpanSet spans listed per span set ({@code spss}), or 0 for Tempo's default (3)
   * @return the matching traces, in Tempo's order
   */
  List<Hit> search(String traceql, Instant start, Instant end, int limit, int spansPerSpanSet) {
    Objects.requireNonNull(traceql, "traceql");
    Map<String, String> params = new LinkedHashMap<>();
    params.put("q", traceql);
    if (start != null) {
      params.put("start", Long.toString(start.getEpochSecond()));
    }
    if (end != null) {
      params.put("end", Long.toString(end.getEpochSecond() + (end.getNano() > 0 ? 1 : 0)));
    }
    if (limit > 0) {
      params.put("limit", Integer.toString(limit));
    }
    if (spansPerSpanSet > 0) {
      params.put("spss", Integer.toString(spansPerSpanSet));
    }
    URI url = http.url("/api/search", params);
    StoreHttp.Asked asked = new StoreHttp.Asked("to search for traces matching this TraceQL" + (start == null
        ? " in its recent data"
        : " from " + Instant.ofEpochSecond(start.getEpochSecond())
            + (end == null ? "" : " to " + Instant.ofEpochSecond(Long.parseLong(params.get("end"))))), traceql);
    StoreHttp.Answer answer = http.exchange(url, asked, ACCEPT_JSON);
    if (answer.status() == 400 && isWindowRefusal(StoreHttp.errorText(answer.body()))) {
      throw new WindowNotSearchable(http.refused(url, asked, answer).getMessage());
    }
    if (answer.status() / 100 != 2) {
      throw http.refused(url, asked, answer);
    }
    String body = answer.body();
    try {
      JsonObject root = Json.object(body);
      List<Hit> hits = new ArrayList<>();
      for (JsonElement traceElement : Json.array(root, "traces")) {
        JsonObject trace = traceElement.getAsJsonObject();
        String id = Json.string(trace, "traceID");
        if (id.isEmpty()) {
          continue;
        }
        java.util.Set<String> spanIds = new java.util.LinkedHashSet<>();
        int matched = 0;
        JsonArray spanSets = Json.array(trace, "spanSets");
        if (spanSets.isEmpty() && trace.has("spanSet")) {
          spanSets.add(trace.get("spanSet"));
        }
        for (JsonElement spanSetElement : spanSets) {
          JsonObject spanSet = spanSetElement.getAsJsonObject();
          for (JsonElement span : Json.array(spanSet, "spans")) {
            String spanId = Json.string(span.getAsJsonObject(), "spanID");
            if (!spanId.isEmpty()) {
              spanIds.add(normaliseSpanId(spanId));
            }
          }
          String count = Json.string(spanSet, "matched");
          matched += count.isEmpty() ? 0 : Integer.parseInt(count);
        }
        hits.add(new Hit(normaliseTraceId(id), spanIds, Math.max(matched, spanIds.size())));
      }
      return hits;
    } catch (RuntimeException e) {
      throw unreadable(url, traceql, e);
    }
  }

  /**
   * Whether a 400 to a search says that the window was empty after Tempo cut its end to now minus
   * {@code query_end_cutoff} (Tempo 3: "start must be before end" when the window starts in the current second, or
   * "query window falls entirely within query_end_cutoff"): nothing is searchable there yet, which waiting cures.
   */
  static boolean isWindowRefusal(String text) {
    String lower = text.toLowerCase(java.util.Locale.ROOT);
    return lower.contains("start must be before end") || lower.contains("query_end_cutoff");
  }

  /**
   * A search Tempo refused because its window held nothing searchable yet (see {@link #isWindowRefusal}); retryable.
   */
  static final class WindowNotSearchable extends io.github.lgtmbootstrap.testkit.query.BackendQueryException {
    private static final long serialVersionUID = 1L;

    WindowNotSearchable(String message) {
      super(message, null, true);
    }
  }

  /** Tempo's version from {@code /api/status/buildinfo}, such as {@code v3.0.3}; empty when it does not say. */
  Optional<String> version() {
    return http.probe("/api/status/buildinfo").flatMap(body -> {
      try {
        String version = Json.string(Json.object(body), "version");
        return version.isEmpty() ? Optional.empty() : Optional.of(version);
      } catch (RuntimeException notJson) {
        return Optional.empty();
      }
    });
  }

  /** The running configuration from {@code /status/config} (YAML text); empty when Tempo does not show it. */
  Optional<String> configuration() {
    return http.probe("/status/config");
  }

  /** Tag names Tempo has seen ({@code /api/search/tags}). */
  List<String> tagNames() {
    URI url = http.url("/api/search/tags", Map.of());
    String body = http.get(url, new StoreHttp.Asked("to list tag names", "tag names"), ACCEPT_JSON, false).body();
    try {
      return Json.strings(Json.array(Json.object(body), "tagNames"));
    } catch (RuntimeException e) {
      throw unreadable(url, "tag names", e);
    }
  }

  /** Values Tempo has seen for one tag ({@code /api/search/tag/{tag}/values}). */
  List<String> tagValues(String tag) {
    Objects.requireNonNull(tag, "tag");
    URI url = http.url("/api/search/tag/" + StoreHttp.encode(tag) + "/values", Map.of());
    String body = http.get(url, new StoreHttp.Asked("to list the values of tag " + tag, "values of tag " + tag),
        ACCEPT_JSON, false).body();
    try {
      List<String> values = new ArrayList<>();
      for (JsonElement value : Json.array(Json.object(body), "tagValues")) {
        // v1 answers plain strings, v2 {"type":..,"value":..}
        values.add(value.isJsonObject() ? Json.string(value.getAsJsonObject(), "value") : value.getAsString());
      }
      return values;
    } catch (RuntimeException e) {
      throw unreadable(url, "values of tag " + tag, e);
    }
  }

  static String normaliseSpanId(String id) {
    String lower = id.toLowerCase(java.util.Locale.ROOT);
    return lower.length() >= 16 ? lower : "0".repeat(16 - lower.length()) + lower;
  }

  /** Tempo drops leading zeros of trace ids in search answers; the model uses 32 hex characters. */
  static String normaliseTraceId(String id) {
    String lower = id.toLowerCase(java.util.Locale.ROOT);
    return lower.length() >= 32 ? lower : "0".repeat(32 - lower.length()) + lower;
  }

  private io.github.lgtmbootstrap.testkit.query.BackendQueryException unreadable(
      URI url, String query, RuntimeException e) {
    return new io.github.lgtmbootstrap.testkit.query.BackendQueryException(
        STORE + " answered something that is not a Tempo response (" + e.getMessage() + ")\n  URL:   "
            + StoreHttp.redact(url) + "\n  query: " + query,
        e);
  }
}
