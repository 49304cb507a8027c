package io.github.lgtmbootstrap.testkit.remote;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.github.lgtmbootstrap.testkit.query.BackendQueryException;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Loki's query API: LogQL log queries ({@code /loki/api/v1/query_range}), labels and label values, readiness
 * ({@code /ready}).
 *
 * <p>Loki stores OTLP log records with a few resource attributes as index (stream) labels and everything else
 * (other resource attributes, record attributes, {@code trace_id}, {@code span_id}, {@code severity_text}, ...)
 * as structured metadata. By default it answers one stream per distinct label set, mixing both kinds; with the
 * request header {@code X-Loki-Response-Encoding-Flags: categorize-labels} (Loki 3) it keeps them apart. This
 * client reads both encodings.
 */
final class LokiClient {

  static final String STORE = "Loki";
  static final String ENCODING_FLAGS_HEADER = "X-Loki-Response-Encoding-Flags";

  /** One log line as Loki returned it. */
  record Line(long epochNanos, String line, Map<String, String> indexLabels, Map<String, String> metadata) {}

  private final StoreHttp http;
  private final boolean categorizeLabels;

  /**
   * Creates the client.
   *
   * @param http the connection
   * @param categorizeLabels whether to ask Loki to keep index labels and structured metadata apart
   */
  LokiClient(StoreHttp http, boolean categorizeLabels) {
    this.http = Objects.requireNonNull(http, "http");
    this.categorizeLabels = categorizeLabels;
  }

  URI baseUrl() {
    return http.baseUrl();
  }

  /** Whether Loki answers {@code /ready} with 2xx. */
  boolean isReady() {
    return http.isReady("/ready");
  }

  /**
   * Runs a LogQL log query.
   *
   * @param logql the query
   * @param start lower bound, or null for Loki's default (the last hour)
   * @param end upper bound, or null for now
   * @param limit maximum number of lines, or 0 for Loki's default (100)
   * @return the lines, newest first
   */
  List<Line> queryRange(String logql, Instant start, Instant end, int limit) {
    Objects.requireNonNull(logql, "logql");
    Map<String, String> params = new LinkedHashMap<>();
    params.put("query", logql);
    if (start != null) {
      params.put("start", Long.toString(nanos(start)));
    }
    if (end != null) {
      params.put("end", Long.toString(nanos(end)));
    }
    if (limit > 0) {
      params.put("limit", Integer.toString(limit));
    }
    URI url = http.url("/loki/api/v1/query_range", params);
    Map<String, String> headers =
        categorizeLabels ? Map.of(ENCODING_FLAGS_HEADER, "categorize-labels") : Map.of();
    StoreHttp.Asked asked = new StoreHttp.Asked("to run this LogQL"
        + (start == null ? "" : " from " + start + " to " + (end == null ? "now" : end.toString())), logql);
    String body = http.get(url, asked, headers, false).body();
    try {
      return parseStreams(body);
    } catch (RuntimeException e) {
      throw unreadable(url, logql, e);
    }
  }

  /** Index label names ({@code /loki/api/v1/labels}) between the bounds (null for Loki's default window). */
  List<String> labels(Instant start, Instant end) {
    return stringList("/loki/api/v1/labels", "label names", start, end);
  }

  /** Values of one index label ({@code /loki/api/v1/label/{name}/values}). */
  List<String> labelValues(String label, Instant start, Instant end) {
    Objects.requireNonNull(label, "label");
    return stringList(
        "/loki/api/v1/label/" + StoreHttp.encode(label) + "/values", "values of label " + label, start, end);
  }

  private List<String> stringList(String path, String what, Instant start, Instant end) {
    Map<String, String> params = new LinkedHashMap<>();
    if (start != null) {
      params.put("start", Long.toString(nanos(start)));
    }
    if (end != null) {
      params.put("end", Long.toString(nanos(end)));
    }
    URI url = http.url(path, params);
    String body = http.get(url, new StoreHttp.Asked("to list the " + what, what), Map.of(), false).body();
    try {
      return Json.strings(Json.array(Json.object(body), "data"));
    } catch (RuntimeException e) {
      throw unreadable(url, what, e);
    }
  }

  static List<Line> parseStreams(String body) {
    JsonObject data = Json.child(Json.object(body), "data");
    String resultType = Json.string(data, "resultType");
    if (!resultType.isEmpty() && !"streams".equals(resultType)) {
      throw new IllegalArgumentException(
          "expected resultType streams (a log query), got " + resultType + "; metric queries are not supported here");
    }
    List<Line> lines = new ArrayList<>();
    for (JsonElement streamElement : Json.array(data, "result")) {
      JsonObject stream = streamElement.getAsJsonObject();
      Map<String, String> labels = stringMap(Json.child(stream, "stream"));
      for (JsonElement valueElement : Json.array(stream, "values")) {
        JsonArray value = valueElement.getAsJsonArray();
        long nanos = Long.parseLong(value.get(0).getAsString());
        String line = value.get(1).getAsString();
        Map<String, String> metadata = new LinkedHashMap<>();
        if (value.size() > 2 && value.get(2).isJsonObject()) {
          // categorize-labels: {"structuredMetadata":{...},"parsed":{...}}
          JsonObject categories = value.get(2).getAsJsonObject();
          metadata.putAll(stringMap(Json.child(categories, "structuredMetadata")));
          metadata.putAll(stringMap(Json.child(categories, "parsed")));
        }
        lines.add(new Line(nanos, line, labels, metadata));
      }
    }
    lines.sort((a, b) -> Long.compare(b.epochNanos(), a.epochNanos()));
    return lines;
  }

  private static Map<String, String> stringMap(JsonObject object) {
    Map<String, String> map = new LinkedHashMap<>();
    object.entrySet().forEach(entry -> {
      if (entry.getValue().isJsonPrimitive()) {
        map.put(entry.getKey(), entry.getValue().getAsString());
      }
    });
    return map;
  }

  static long nanos(Instant instant) {
    return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
  }

  private static BackendQueryException unreadable(URI url, String query, RuntimeException e) {
    return new BackendQueryException(
        STORE + " answered something that is not a Loki response (" + e.getMessage() + ")\n  URL:   "
            + StoreHttp.redact(url) + "\n  query: " + query,
        e);
  }
}
