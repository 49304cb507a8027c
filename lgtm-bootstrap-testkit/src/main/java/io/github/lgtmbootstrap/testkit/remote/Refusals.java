package io.github.lgtmbootstrap.testkit.remote;

import java.util.Locale;

/**
 * Why a store refused a request (HTTP 4xx), in a test author's terms: which part of what they wrote or configured
 * to change. The store's own text is shown next to it; this only names the cause behind the texts Tempo, Loki
 * and Prometheus are known to answer.
 */
final class Refusals {

  private Refusals() {}

  /**
   * The reason for a refusal.
   *
   * @param store Tempo, Loki or Prometheus
   * @param status the 4xx status
   * @param text the store's error text
   * @return one sentence, without a final period
   */
  static String reason(String store, int status, String text) {
    String lower = text.toLowerCase(Locale.ROOT);
    if (status == 401 || status == 403) {
      return "the credentials were missing or not accepted; set the header the stack expects (such as "
          + "Authorization, or X-Scope-OrgID for a multi-tenant store) with " + ExternalBackend.HEADERS_KEY;
    }
    if (status == 404 || status == 405) {
      return "there is no " + store + " query API at this URL; point the " + store + " URL at " + store
          + "'s own HTTP port (" + defaultPort(store) + " in grafana/otel-lgtm), not at Grafana or the OTLP port";
    }
    if (status == 408 || status == 425 || status == 429) {
      return store + " is busy or rate-limits this client; the testkit asks again while the assertion waits";
    }
    if (status == 413 || status == 414 || status == 431) {
      return "the request is too long for " + store + "; match on fewer or shorter attributes";
    }
    if (TempoClient.isWindowRefusal(text)) {
      return "the time window was empty once " + store + " cut its end to now minus query_end_cutoff; traces "
          + "this recent are not searchable yet";
    }
    if (lower.contains("trace ids can only contain hex") || lower.contains("invalid trace id")) {
      return "the trace id is not a trace id; it must be 32 hex characters, as Span.traceId() returns it";
    }
    if (lower.contains("at least one regexp or equality matcher")
        || lower.contains("at least one non-empty matcher")) {
      return "the " + language(store) + " selects everything; give it at least one label matcher that cannot "
          + "match the empty string, such as {service_name=\"checkout\"}";
    }
    if (lower.contains("parse error") || lower.contains("invalid traceql") || lower.contains("syntax error")
        || lower.contains("bad_data")) {
      return "the " + language(store) + " does not parse; fix the query (the position is in " + store
          + "'s text below)";
    }
    if (lower.contains("max_duration") || lower.contains("exceeds") || lower.contains("too far")
        || lower.contains("time range") || lower.contains("limit")) {
      return "the request is over one of " + store + "'s limits (time range, size or series); narrow the query "
          + "or raise the limit in " + store + "'s configuration";
    }
    return store + " did not accept the request as the testkit sent it";
  }

  private static String language(String store) {
    switch (store) {
      case TempoClient.STORE:
        return "TraceQL";
      case LokiClient.STORE:
        return "LogQL";
      case PrometheusClient.STORE:
        return "PromQL";
      default:
        return "query";
    }
  }

  private static String defaultPort(String store) {
    switch (store) {
      case TempoClient.STORE:
        return "3200";
      case LokiClient.STORE:
        return "3100";
      case PrometheusClient.STORE:
        return "9090";
      default:
        return "its query port";
    }
  }
}
