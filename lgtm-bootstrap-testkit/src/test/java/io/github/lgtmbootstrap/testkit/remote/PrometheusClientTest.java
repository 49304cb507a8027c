package io.github.lgtmbootstrap.testkit.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lgtmbootstrap.testkit.model.HistogramPoint;
import io.github.lgtmbootstrap.testkit.model.Metric;
import io.github.lgtmbootstrap.testkit.model.MetricType;
import io.github.lgtmbootstrap.testkit.model.NumberPoint;
import io.github.lgtmbootstrap.testkit.query.BackendQueryException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PrometheusClientTest {

  private final FixtureStub stub = FixtureStub.prometheus();

  @AfterEach
  void stopStub() {
    stub.close();
  }

  private PrometheusClient client() {
    return new PrometheusClient(TempoClientTest.http(stub, "Prometheus", Duration.ofSeconds(5)));
  }

  @Test
  void counterSeriesMapsToMonotonicSumWithResourceFromJobInstanceAndPromotedLabels() {
    List<PrometheusClient.Sample> samples = client().query("checkout_orders_total");
    assertThat(stub.unmatched()).isEmpty();

    List<Metric> metrics = new PrometheusMetricMapper(Map.of(), Set.of()).toMetrics("checkout.orders", samples);

    assertThat(metrics).singleElement().satisfies(metric -> {
      assertThat(metric.name()).isEqualTo("checkout.orders");
      assertThat(metric.storedName()).isEqualTo("checkout_orders_total");
      assertThat(metric.type()).isEqualTo(MetricType.SUM);
      assertThat(metric.monotonic()).isTrue();
      assertThat(metric.unit()).isEmpty();
      assertThat(metric.resource()).containsEntry("service.name", "checkout")
          .containsEntry("service.namespace", "shop").containsEntry("service.instance.id", "checkout-1")
          .containsEntry("host.name", "devbox");
      assertThat(metric.points()).singleElement().isInstanceOfSatisfying(NumberPoint.class, point -> {
        assertThat(point.value()).isEqualTo(7.0);
        assertThat(point.attributes()).containsOnlyKeys("payment_method").containsEntry("payment_method", "card");
        assertThat(point.epochNanos()).isEqualTo(1795649602417000000L);
      });
    });
  }

  @Test
  void targetInfoAddsTheNonPromotedResourceAttributes() {
    Map<String, Map<String, String>> targets = new LinkedHashMap<>();
    for (PrometheusClient.Sample sample : client().query("target_info{service_name=\"checkout\"}")) {
      targets.put(PrometheusMetricMapper.target(sample.labels()), sample.labels());
    }
    List<Metric> metrics = new PrometheusMetricMapper(targets, Set.of())
        .toMetrics("checkout.orders", client().query("checkout_orders_total"));

    assertThat(stub.unmatched()).isEmpty();
    assertThat(metrics.get(0).resource()).containsEntry("telemetry.sdk.version", "1.44.1")
        .containsEntry("telemetry.sdk.name", "opentelemetry").containsEntry("service.version", "1.2.3");
    assertThat(((NumberPoint) metrics.get(0).points().get(0)).attributes()).containsOnlyKeys("payment_method");
  }

  @Test
  void histogramSeriesFoldIntoOnePointWithPerBucketCounts() {
    // The fixtures hold the label sets of checkout.duration's series (prom_series.json) but no instant query of
    // them; values are those sent (count 7, sum 910, bounds 50/100/200, counts 1/3/2/1), cumulative as stored.
    Map<String, Double> cumulative = Map.of("50", 1d, "100", 4d, "200", 6d, "+Inf", 7d);
    List<PrometheusClient.Sample> samples = new ArrayList<>();
    for (Map<String, String> series : client().series("{service_name=\"checkout\"}", null, null)) {
      String name = series.get("__name__");
      if (!name.startsWith("checkout_duration_milliseconds")) {
        continue;
      }
      double value = name.endsWith("_bucket") ? cumulative.getOrDefault(series.get("le"), -1d)
          : name.endsWith("_sum") ? 910d : 7d;
      samples.add(new PrometheusClient.Sample(series, 1_000L, value));
    }
    assertThat(samples).filteredOn(s -> s.name().endsWith("_bucket")).extracting(s -> s.labels().get("le"))
        .containsExactlyInAnyOrder("50", "100", "200", "+Inf");
    assertThat(stub.unmatched()).isEmpty();

    List<Metric> metrics = new PrometheusMetricMapper(Map.of(), Set.of()).toMetrics("checkout.duration", samples);

    assertThat(metrics).singleElement().satisfies(metric -> {
      assertThat(metric.type()).isEqualTo(MetricType.HISTOGRAM);
      assertThat(metric.storedName()).isEqualTo("checkout_duration_milliseconds");
      assertThat(metric.unit()).isEqualTo("ms");
      assertThat(metric.points()).singleElement().isInstanceOfSatisfying(HistogramPoint.class, point -> {
        assertThat(point.count()).isEqualTo(7);
        assertThat(point.sum()).isEqualTo(910.0);
        assertThat(point.explicitBounds()).containsExactly(50.0, 100.0, 200.0);
        assertThat(point.bucketCounts()).containsExactly(1L, 3L, 2L, 1L);
        assertThat(point.attributes()).containsOnlyKeys("http_route").containsEntry("http_route", "/checkout");
      });
    });
  }

  @Test
  void nativeHistogramSamplesBecomeExponentialHistogramPointsWithCountAndSum() {
    // Shape of Prometheus' native histogram answers (no recording: the fixtures' histogram is a classic one).
    String body = "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"metric\":"
        + "{\"__name__\":\"rpc_duration_seconds\",\"job\":\"shop/checkout\",\"instance\":\"checkout-1\"},"
        + "\"histogram\":[1795649602.5,{\"count\":\"7\",\"sum\":\"0.91\",\"buckets\":[[0,\"0.1\",\"0.2\",\"7\"]]}]}]}}";
    List<Metric> metrics = new PrometheusMetricMapper(Map.of(), Set.of())
        .toMetrics("rpc.duration", PrometheusClient.parseQuery(body));
    assertThat(metrics).singleElement().satisfies(metric -> {
      assertThat(metric.type()).isEqualTo(MetricType.EXPONENTIAL_HISTOGRAM);
      assertThat(metric.unit()).isEqualTo("s");
      assertThat(metric.points()).singleElement().isInstanceOfSatisfying(HistogramPoint.class, point -> {
        assertThat(point.count()).isEqualTo(7);
        assertThat(point.sum()).isEqualTo(0.91);
        assertThat(point.bucketCounts()).isEmpty();
      });
    });
  }

  @Test
  void matrixAnswersGiveOnePointPerSample() {
    List<PrometheusClient.Sample> samples =
        PrometheusClient.parseQuery(FixtureStub.text("prom_query_range_checkout_orders_total.json"));
    assertThat(samples).hasSize(5).allSatisfy(sample -> assertThat(sample.value()).isEqualTo(7.0));
  }

  @Test
  void aggregatedVectorWithoutNameMapsUnderItsQuery() {
    List<PrometheusClient.Sample> samples = client().query("histogram_quantile(0.9, sum by (le) (checkout_duration_milliseconds_bucket))");
    assertThat(stub.unmatched()).isEmpty();
    assertThat(samples).singleElement().satisfies(sample -> {
      assertThat(sample.labels()).isEmpty();
      assertThat(sample.value()).isEqualTo(200.0);
    });
  }

  @Test
  void unknownMetricIsAnEmptyVector() {
    assertThat(client().query("does_not_exist_total")).isEmpty();
    assertThat(stub.unmatched()).isEmpty();
  }

  @Test
  void badPromQlShowsPrometheusJsonError() {
    assertThatThrownBy(() -> client().query("sum(rate(checkout_orders_total[5m])"))
        .isInstanceOfSatisfying(BackendQueryException.class, e -> assertThat(e.retryable()).isFalse())
        .hasMessageContaining("Prometheus rejected the query with HTTP 400 when asked to run this PromQL: the PromQL "
            + "does not parse")
        .hasMessageContaining("Prometheus said: bad_data: invalid parameter \"query\": 1:36: parse error: unclosed "
            + "left parenthesis")
        .hasMessageContaining("query: sum(rate(checkout_orders_total[5m])");
  }

  @Test
  void listsMetricNamesAndSeries() {
    assertThat(client().labelValues("__name__")).contains("checkout_orders_total", "checkout_payload_size_bytes_total",
        "checkout_duration_milliseconds_bucket");
    assertThat(client().series("{service_name=\"checkout\"}", null, null)).hasSize(9);
    assertThat(stub.unmatched()).isEmpty();
  }

  @Test
  void readiness() {
    assertThat(client().isReady()).isTrue();
    assertThat(stub.received().get(0).path()).isEqualTo("/-/ready");
  }
}
