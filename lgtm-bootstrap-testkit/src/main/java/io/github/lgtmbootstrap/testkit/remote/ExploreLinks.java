package io.github.lgtmbootstrap.testkit.remote;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Grafana Explore deep links that open the query a source ran, in the Tempo, Loki or Prometheus data source
 * (Grafana 10+ {@code panes} URL state, URL-encoded JSON).
 */
final class ExploreLinks {

  /** Data source uids, as provisioned by grafana/otel-lgtm unless configured otherwise. */
  record DatasourceUids(String tempo, String loki, String prometheus) {
    static final DatasourceUids OTEL_LGTM = new DatasourceUids("tempo", "loki", "prometheus");

    DatasourceUids {
      Objects.requireNonNull(tempo, "tempo");
      Objects.requireNonNull(loki, "loki");
      Objects.requireNonNull(prometheus, "prometheus");
    }
  }

  private final Optional<URI> grafanaUrl;
  private final DatasourceUids uids;

  ExploreLinks(Optional<URI> grafanaUrl, DatasourceUids uids) {
    this.grafanaUrl = grafanaUrl.map(ExploreLinks::withoutTrailingSlash);
    this.uids = uids;
  }

  Optional<URI> tempo(String traceqlOrTraceId, Instant since) {
    JsonObject query = query("tempo", uids.tempo(), "A");
    query.addProperty("queryType", "traceql");
    query.addProperty("query", traceqlOrTraceId);
    return link(uids.tempo(), List.of(query), since);
  }

  Optional<URI> loki(String logql, Instant since) {
    JsonObject query = query("loki", uids.loki(), "A");
    query.addProperty("expr", logql);
    query.addProperty("queryType", "range");
    return link(uids.loki(), List.of(query), since);
  }

  Optional<URI> prometheus(List<String> promql, Instant since) {
    List<JsonObject> queries = new java.util.ArrayList<>();
    for (int i = 0; i < promql.size(); i++) {
      JsonObject query = query("prometheus", uids.prometheus(), String.valueOf((char) ('A' + Math.min(i, 25))));
      query.addProperty("expr", promql.get(i));
      query.addProperty("range", true);
      query.addProperty("instant", false);
      queries.add(query);
    }
    return link(uids.prometheus(), queries, since);
  }

  private static JsonObject query(String type, String uid, String refId) {
    JsonObject datasource = new JsonObject();
    datasource.addProperty("type", type);
    datasource.addProperty("uid", uid);
    JsonObject query = new JsonObject();
    query.addProperty("refId", refId);
    query.add("datasource", datasource);
    return query;
  }

  private Optional<URI> link(String uid, List<JsonObject> queries, Instant since) {
    if (grafanaUrl.isEmpty()) {
      return Optional.empty();
    }
    JsonArray queryArray = new JsonArray();
    queries.forEach(queryArray::add);
    JsonObject range = new JsonObject();
    // a minute of slack before the test started, so clock skew does not hide the data
    range.addProperty("from", Long.toString(since.minusSeconds(60).toEpochMilli()));
    range.addProperty("to", "now");
    JsonObject pane = new JsonObject();
    pane.addProperty("datasource", uid);
    pane.add("queries", queryArray);
    pane.add("range", range);
    JsonObject panes = new JsonObject();
    panes.add("lgtm", pane);
    return Optional.of(URI.create(grafanaUrl.get() + "/explore?schemaVersion=1&orgId=1&panes="
        + StoreHttp.encode(panes.toString())));
  }

  private static URI withoutTrailingSlash(URI uri) {
    String text = uri.toString();
    return text.endsWith("/") ? URI.create(text.substring(0, text.length() - 1)) : uri;
  }
}
