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
 * Prometheus' HTTP API: PromQL instant queries ({@code /api/v1/query}), series, label values and readiness
 * ({@code /-/ready}). Errors come back as JSON ({@code {"status":"error","errorType":..,"error":..}}).
 */
final class PrometheusClient {

  static final String STORE = "Prometheus";

  /**
   * One sample of a series: its labels (including {@code __name__}), time and value. A native histogram sample
   * (what Prometheus makes of an OTLP exponential histogram) carries its count in {@code value} and its sum in
   * {@code nativeSum}; other samples have a NaN {@code nativeSum}.
   */
  record Sample(Map<String, String> labels, long epochNanos, double value, double nativeSum) {
    Sample(Map<String, String> labels, long epochNanos, double value) {
      this(labels, epochNanos, value, Double.NaN);
    }

    String name() {
      return labels.getOrDefault("__name__", "");
    }

    boolean isNativeHistogram() {
      return !Double.isNaN(nativeSum);
    }
  }

  private final StoreHttp http;

  PrometheusClient(StoreHttp http) {
    this.http = Objects.requireNonNull(http, "http");
  }

  URI baseUrl() {
    return http.baseUrl();
  }

  /** Whether Prometheus answers {@code /-/ready} with 2xx. */
  boolean isReady() {
    return http.isReady("/-/ready");
  }

  /**
   * Runs an instant query evaluated now.
   *
   * @param promql the query
   * @return one sample per series of a vector, every sample of a matrix, or the scalar as a label-less sample
   */
  List<Sample> query(String promql) {
    return query(promql, Map.of("query", promql));
  }

  /** An instant query evaluated at {@code time}: the series as they were then. */
  List<Sample> query(String promql, java.time.Instant time) {
    Objects.requireNonNull(time, "time");
    return query(promql, Map.of("query", promql, "time", time.getEpochSecond() + "."
        + String.format(java.util.Locale.ROOT, "%03d", time.getNano() / 1_000_000)));
  }

  private List<Sample> query(String promql, Map<String, String> params) {
    Objects.requireNonNull(promql, "promql");
    URI url = http.url("/api/v1/query", params);
    String body = http.get(url, new StoreHttp.Asked("to run this PromQL", promql), Map.of(), false).body();
    try {
      return parseQuery(body);
    } catch (RuntimeException e) {
      throw unreadable(url, promql, e);
    }
  }

  /** Label sets of the series matching a selector ({@code /api/v1/series}); null bounds use Prometheus' defaults. */
  List<Map<String, String>> series(String match, Instant start, Instant end) {
    Objects.requireNonNull(match, "match");
    Map<String, String> params = new LinkedHashMap<>();
    params.put("match[]", match);
    if (start != null) {
      params.put("start", Long.toString(start.getEpochSecond()));
    }
    if (end != null) {
      params.put("end", Long.toString(end.getEpochSecond() + 1));
    }
    URI url = http.url("/api/v1/series", params);
    String body = http.get(url, new StoreHttp.Asked("to list the series matching " + match, match), Map.of(), false)
        .body();
    try {
      List<Map<String, String>> series = new ArrayList<>();
      for (JsonElement element : Json.array(checkSuccess(body), "data")) {
        series.add(labels(element.getAsJsonObject()));
      }
      return series;
    } catch (RuntimeException e) {
      throw unreadable(url, match, e);
    }
  }

  /**
   * One series' exemplars from {@code /api/v1/query_exemplars}.
   *
   * @param seriesLabels the labels of the (bucket) series the exemplars sit on
   * @param exemplars the exemplars, with trace and span ids from their {@code trace_id}/{@code span_id} labels
   */
  record ExemplarSeries(Map<String, String> seriesLabels,
      List<io.github.lgtmbootstrap.testkit.model.Exemplar> exemplars) {}

  /** The exemplars of the series a query selects between two instants (Prometheus keeps them in memory). */
  List<ExemplarSeries> exemplars(String promql, Instant start, Instant end) {
    Objects.requireNonNull(promql, "promql");
    Map<String, String> params = new LinkedHashMap<>();
    params.put("query", promql);
    params.put("start", Long.toString(start.getEpochSecond()));
    params.put("end", Long.toString(end.getEpochSecond() + 1));
    URI url = http.url("/api/v1/query_exemplars", params);
    String body = http.get(url, new StoreHttp.Asked("to list the exemplars of " + promql, promql), Map.of(), false)
        .body();
    try {
      return parseExemplars(body);
    } catch (RuntimeException e) {
      throw unreadable(url, promql, e);
    }
  }

  static List<ExemplarSeries> parseExemplars(String body) {
    List<ExemplarSeries> series = new ArrayList<>();
    for (JsonElement element : Json.array(checkSuccess(body), "data")) {
      JsonObject one = element.getAsJsonObject();
      List<io.github.lgtmbootstrap.testkit.model.Exemplar> exemplars = new ArrayList<>();
      for (JsonElement exemplar : Json.array(one, "exemplars")) {
        JsonObject fields = exemplar.getAsJsonObject();
        Map<String, String> labels = fields.has("labels") ? labels(fields.getAsJsonObject("labels")) : Map.of();
        double seconds = fields.get("timestamp").getAsDouble();
        exemplars.add(new io.github.lgtmbootstrap.testkit.model.Exemplar(parseValue(Json.string(fields, "value")),
            Math.round(seconds * 1e3) * 1_000_000L,
            labels.getOrDefault("trace_id", "").toLowerCase(java.util.Locale.ROOT),
            labels.getOrDefault("span_id", "").toLowerCase(java.util.Locale.ROOT)));
      }
      series.add(new ExemplarSeries(labels(Json.child(one, "seriesLabels")), exemplars));
    }
    return series;
  }

  /** Values of one label ({@code /api/v1/label/{name}/values}), such as every metric name for {@code __name__}. */
  List<String> labelValues(String label) {
    Objects.requireNonNull(label, "label");
    URI url = http.url("/api/v1/label/" + StoreHttp.encode(label) + "/values", Map.of());
    String what = "values of label " + label;
    String asking = "__name__".equals(label) ? "to list its metric names" : "to list the " + what;
    String body = http.get(url, new StoreHttp.Asked(asking, what), Map.of(), false).body();
    try {
      return Json.strings(Json.array(checkSuccess(body), "data"));
    } catch (RuntimeException e) {
      throw unreadable(url, what, e);
    }
  }

  static List<Sample> parseQuery(String body) {
    JsonObject data = Json.child(checkSuccess(body), "data");
    String type = Json.string(data, "resultType");
    List<Sample> samples = new ArrayList<>();
    switch (type) {
      case "vector":
        for (JsonElement element : Json.array(data, "result")) {
          JsonObject series = element.getAsJsonObject();
          Map<String, String> labels = labels(Json.child(series, "metric"));
          if (series.has("histogram")) {
            samples.add(nativeHistogram(labels, series.getAsJsonArray("histogram")));
          } else {
            samples.add(sample(labels, series.getAsJsonArray("value")));
          }
        }
        break;
      case "matrix":
        for (JsonElement element : Json.array(data, "result")) {
          JsonObject series = element.getAsJsonObject();
          Map<String, String> labels = labels(Json.child(series, "metric"));
          for (JsonElement value : Json.array(series, "values")) {
            samples.add(sample(labels, value.getAsJsonArray()));
          }
          for (JsonElement histogram : Json.array(series, "histograms")) {
            samples.add(nativeHistogram(labels, histogram.getAsJsonArray()));
          }
        }
        break;
      case "scalar":
        samples.add(sample(Map.of(), data.getAsJsonArray("result")));
        break;
      default:
        throw new IllegalArgumentException("unsupported resultType '" + type + "'");
    }
    return samples;
  }

  private static JsonObject checkSuccess(String body) {
    JsonObject root = Json.object(body);
    if (!"success".equals(Json.string(root, "status"))) {
      throw new IllegalArgumentException("status is not success: " + Json.abbreviate(body));
    }
    return root;
  }

  private static Sample sample(Map<String, String> labels, JsonArray pair) {
    double seconds = pair.get(0).getAsDouble();
    long nanos = Math.round(seconds * 1000d) * 1_000_000L;
    return new Sample(labels, nanos, parseValue(pair.get(1).getAsString()));
  }

  /** {@code [time, {"count": "7", "sum": "910", "buckets": [...]}]}: keeps count and sum. */
  private static Sample nativeHistogram(Map<String, String> labels, JsonArray pair) {
    long nanos = Math.round(pair.get(0).getAsDouble() * 1000d) * 1_000_000L;
    JsonObject histogram = pair.get(1).getAsJsonObject();
    return new Sample(labels, nanos, parseValue(Json.string(histogram, "count")),
        parseValue(Json.string(histogram, "sum")));
  }

  static double parseValue(String text) {
    switch (text) {
      case "+Inf":
        return Double.POSITIVE_INFINITY;
      case "-Inf":
        return Double.NEGATIVE_INFINITY;
      case "NaN":
        return Double.NaN;
      default:
        return Double.parseDouble(text);
    }
  }

  private static Map<String, String> labels(JsonObject object) {
    Map<String, String> labels = new LinkedHashMap<>();
    object.entrySet().forEach(entry -> labels.put(entry.getKey(), entry.getValue().getAsString()));
    return labels;
  }

  private static BackendQueryException unreadable(URI url, String query, RuntimeException e) {
    return new BackendQueryException(
        STORE + " answered something that is not a Prometheus response (" + e.getMessage() + ")\n  URL:   "
            + StoreHttp.redact(url) + "\n  query: " + query,
        e);
  }
}
