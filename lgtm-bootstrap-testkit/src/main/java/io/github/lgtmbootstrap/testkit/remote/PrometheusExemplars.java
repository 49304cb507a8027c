package io.github.lgtmbootstrap.testkit.remote;

import io.github.lgtmbootstrap.testkit.model.Exemplar;
import io.github.lgtmbootstrap.testkit.model.Metric;
import io.github.lgtmbootstrap.testkit.query.QueryResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A histogram's exemplars from Prometheus: {@code /api/v1/query_exemplars} on its {@code _bucket} series (where
 * Prometheus keeps them, with {@code trace_id}/{@code span_id} labels), limited to the series of the metric's
 * resource ({@code job} = {@code service.namespace/service.name}, {@code instance} = {@code service.instance.id}).
 */
final class PrometheusExemplars {

  private PrometheusExemplars() {}

  static QueryResult<Exemplar> of(PrometheusClient prometheus, Metric metric, Instant start, Instant end) {
    String stem = metric.storedName().replaceFirst("_(bucket|sum|count)$", "");
    String promql = stem + "_bucket";
    List<Exemplar> exemplars = new ArrayList<>();
    for (PrometheusClient.ExemplarSeries series : prometheus.exemplars(promql, start, end)) {
      if (sameResource(series.seriesLabels(), metric.resource())) {
        exemplars.addAll(series.exemplars());
      }
    }
    return QueryResult.of(exemplars, "query_exemplars(" + promql + ")");
  }

  private static boolean sameResource(Map<String, String> labels, Map<String, Object> resource) {
    Object service = resource.get("service.name");
    if (service == null) {
      return true;
    }
    Object namespace = resource.get("service.namespace");
    String job = namespace == null ? service.toString() : namespace + "/" + service;
    Object instance = resource.get("service.instance.id");
    return job.equals(labels.getOrDefault("job", job))
        && (instance == null || instance.toString().equals(labels.getOrDefault("instance", instance.toString())));
  }
}
