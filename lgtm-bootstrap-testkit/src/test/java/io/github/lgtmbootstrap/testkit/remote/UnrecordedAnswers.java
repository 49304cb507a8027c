package io.github.lgtmbootstrap.testkit.remote;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.Map;

/**
 * Answers the fixture stubs give to requests that were not recorded, each derived from a recording or from the
 * store's documentation (see where each comes from below). Recording them from the real stores would replace
 * these; the exact requests are the ones registered here.
 */
final class UnrecordedAnswers {

  /** What the testkit asks Prometheus for the checkout resource's {@code target_info} (by job, never service_name). */
  static final String TARGET_INFO_OF_CHECKOUT = "target_info{job=~\"(.+/)?checkout\"}";

  private UnrecordedAnswers() {}

  /** Registers every derived answer the checkout contract needs on the stubs of one fixture set. */
  static void register(FixtureStub tempo, FixtureStub prometheus) {
    targetInfoOfCheckout(prometheus, false);
    if (tempo.set() == FixtureStub.FixtureSet.OTEL_LGTM_0_31_0) {
      // the recording of this set ran Tempo with query_end_cutoff: 0s (its README)
      tempoConfiguration(tempo, "0s");
    }
  }

  /**
   * {@code target_info} of the one recorded resource, selected by {@code job}. The recorded stores held only that
   * resource, so the answer is the recorded {@code target_info{service_name="checkout"}} of the first set. For
   * Prometheus 3.14 it is {@code prom_query_target_info.keep_identifying.json} (recorded with
   * {@code keep_identifying_resource_attributes: true}) without {@code service_name}, {@code service_namespace}
   * and {@code service_instance_id}, which DIFF.md lists as the label set 3.14 records without that flag; with
   * {@code keepIdentifying} it is that file unchanged.
   */
  static void targetInfoOfCheckout(FixtureStub prometheus, boolean keepIdentifying) {
    String body;
    if (prometheus.set() == FixtureStub.FixtureSet.LEGACY) {
      body = prometheus.set().text("prom_query_target_info.json");
    } else {
      body = prometheus.set().text("prom_query_target_info.keep_identifying.json");
      if (!keepIdentifying) {
        JsonObject root = JsonParser.parseString(body).getAsJsonObject();
        for (JsonElement series : root.getAsJsonObject("data").getAsJsonArray("result")) {
          JsonObject metric = series.getAsJsonObject().getAsJsonObject("metric");
          metric.remove("service_name");
          metric.remove("service_namespace");
          metric.remove("service_instance_id");
        }
        body = root.toString();
      }
    }
    prometheus.answerUnrecorded("/api/v1/query", Map.of("query", TARGET_INFO_OF_CHECKOUT), 200,
        "application/json", body);
  }

  /**
   * Tempo's {@code /status/config}: the running configuration as YAML (Tempo's API documentation); only the
   * one setting the testkit reads is written here, under the block Tempo 3 keeps it in.
   */
  static void tempoConfiguration(FixtureStub tempo, String queryEndCutoff) {
    tempo.answerUnrecorded("/status/config", Map.of(), 200, "text/plain; charset=utf-8",
        "query_frontend:\n    max_outstanding_per_tenant: 2000\n    query_end_cutoff: " + queryEndCutoff + "\n");
  }
}
