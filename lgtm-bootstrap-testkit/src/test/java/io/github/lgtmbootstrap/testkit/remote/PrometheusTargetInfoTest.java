package io.github.lgtmbootstrap.testkit.remote;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lgtmbootstrap.testkit.model.Metric;
import io.github.lgtmbootstrap.testkit.query.TelemetryQuery;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Prometheus 3.14 leaves {@code service_name}, {@code service_namespace} and {@code service_instance_id} off
 * {@code target_info} unless {@code otlp.keep_identifying_resource_attributes} is set (grafana/otel-lgtm sets it, a
 * user's own Prometheus may not): the resource join must go through {@code job} and {@code instance}.
 */
class PrometheusTargetInfoTest {

  @Test
  void recordedTargetInfoByServiceNameIsEmptyOnPrometheus314WithoutKeepIdentifying() {
    assertThat(PrometheusClient.parseQuery(FixtureStub.FixtureSet.LEGACY.text("prom_query_target_info.json")))
        .singleElement().satisfies(sample -> assertThat(sample.labels()).containsEntry("service_name", "checkout"));
    assertThat(PrometheusClient.parseQuery(
        FixtureStub.FixtureSet.OTEL_LGTM_0_31_0.text("prom_query_target_info.json"))).isEmpty();
    assertThat(PrometheusClient.parseQuery(
        FixtureStub.FixtureSet.OTEL_LGTM_0_31_0.text("prom_query_target_info.keep_identifying.json")))
        .singleElement().satisfies(sample -> assertThat(sample.labels())
            .containsEntry("job", "shop/checkout").containsEntry("instance", "checkout-1"));
  }

  @Test
  void targetInfoIsSelectedByJobAndInstanceNeverByServiceLabels() {
    Map<String, String> all = new LinkedHashMap<>();
    all.put("service.name", "checkout");
    all.put("service.namespace", "shop");
    all.put("service.instance.id", "checkout-1");
    all.put("lgtm.test.run.id", "r-1");
    assertThat(PrometheusSource.targetInfoFor(all))
        .isEqualTo("target_info{job=\"shop/checkout\",instance=\"checkout-1\",lgtm_test_run_id=\"r-1\"}");
    assertThat(PrometheusSource.targetInfoFor(Map.of("service.name", "check.out+v2")))
        .isEqualTo("target_info{job=~\"(.+/)?check\\\\.out\\\\+v2\"}");
    assertThat(PrometheusSource.targetInfoFor(Map.of("service.namespace", "shop")))
        .isEqualTo("target_info{job=~\"shop/.+\"}");
    assertThat(PrometheusSource.targetInfoFor(Map.of("lgtm.test.run.id", "r-1")))
        .isEqualTo("target_info{lgtm_test_run_id=\"r-1\"}");
  }

  @ParameterizedTest(name = "{0}, keep_identifying_resource_attributes={1}")
  @CsvSource({"LEGACY, false", "OTEL_LGTM_0_31_0, false", "OTEL_LGTM_0_31_0, true"})
  void metricResourceIsJoinedThroughJobAndInstanceOnEveryVersion(FixtureStub.FixtureSet set,
      boolean keepIdentifying) {
    try (FixtureStub tempo = FixtureStub.tempo(set); FixtureStub loki = FixtureStub.loki(set);
        FixtureStub prometheus = FixtureStub.prometheus(set)) {
      UnrecordedAnswers.targetInfoOfCheckout(prometheus, keepIdentifying);
      RemoteTelemetrySource source = RemoteTelemetrySource.builder().setTempoUrl(tempo.url())
          .setLokiUrl(loki.url()).setPrometheusUrl(prometheus.url()).build();

      List<Metric> metrics = source.metrics(TelemetryQuery.since(set.since())
          .withResourceAttribute("service.name", "checkout").withName("checkout.orders")).items();

      assertThat(metrics).singleElement().satisfies(metric -> assertThat(metric.resource())
          .containsEntry("service.name", "checkout").containsEntry("service.namespace", "shop")
          .containsEntry("service.instance.id", "checkout-1")
          .containsEntry("telemetry.sdk.name", "opentelemetry")
          .containsEntry("deployment.environment", "test"));
      assertThat(prometheus.unmatched()).isEmpty();
    }
  }

  @Test
  void seriesWithoutPromotedServiceLabelsGetTheirServiceFromJobAndInstance() {
    PrometheusMetricMapper mapper = new PrometheusMetricMapper(Map.of(), Set.of());
    assertThat(mapper.resource(Map.of("__name__", "checkout_orders_total", "job", "shop/checkout",
        "instance", "checkout-1")))
        .containsEntry("service.name", "checkout").containsEntry("service.namespace", "shop")
        .containsEntry("service.instance.id", "checkout-1");
  }
}
