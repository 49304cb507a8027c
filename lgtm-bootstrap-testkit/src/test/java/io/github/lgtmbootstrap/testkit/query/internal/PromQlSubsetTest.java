package io.github.lgtmbootstrap.testkit.query.internal;

import static io.github.lgtmbootstrap.testkit.query.internal.SubsetFixtures.METRICS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lgtmbootstrap.testkit.model.HistogramPoint;
import io.github.lgtmbootstrap.testkit.model.Metric;
import io.github.lgtmbootstrap.testkit.model.NumberPoint;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PromQlSubsetTest {

  private static List<Metric> select(String promql) {
    return PromQlSubset.compile(promql).apply(METRICS);
  }

  @Test
  void selectsByTranslatedPrometheusName() {
    assertThat(select("checkout_orders_total")).singleElement().satisfies(metric -> {
      assertThat(metric.name()).isEqualTo("checkout.orders");
      assertThat(metric.storedName()).isEqualTo("checkout_orders_total");
      assertThat(metric.points()).hasSize(2);
    });
    assertThat(select("checkout_payload_size_bytes_total")).extracting(Metric::name).containsExactly("checkout.payload.size");
    assertThat(select("queue_depth")).extracting(Metric::name).containsExactly("queue.depth");
    // the OpenTelemetry name is not a Prometheus name
    assertThat(select("checkout_orders")).isEmpty();
  }

  @Test
  void labelMatchersFilterPointsOnAttributesUnderLabelNames() {
    assertThat(select("checkout_orders_total{payment_method=\"card\"}")).singleElement().satisfies(metric ->
        assertThat(metric.points()).singleElement().isInstanceOfSatisfying(NumberPoint.class, point ->
            assertThat(point.value()).isEqualTo(7.0)));
    assertThat(select("checkout_orders_total{payment_method!=\"card\"}").get(0).points()).hasSize(1);
    assertThat(select("checkout_orders_total{payment_method=~\"card|invoice\"}").get(0).points()).hasSize(2);
    assertThat(select("checkout_orders_total{payment_method!~\".*\"}")).isEmpty();
    assertThat(select("checkout_orders_total{payment_method=\"cash\"}")).isEmpty();
  }

  @Test
  void resourceLabelsAreJobInstanceAndPromotedAttributes() {
    assertThat(select("checkout_orders_total{job=\"shop/checkout\", instance=\"checkout-1\", service_name=\"checkout\", "
        + "host_name=\"devbox\", deployment_environment=\"test\"}")).hasSize(1);
    assertThat(select("queue_depth{job=\"inventory\", instance=\"\"}")).hasSize(1);
    // telemetry.sdk.* is not promoted by otel-lgtm's Prometheus: it lives on target_info only
    assertThat(select("checkout_orders_total{telemetry_sdk_language=\"java\"}")).isEmpty();
  }

  @Test
  void nameMatchersSelectAcrossMetrics() {
    assertThat(select("{__name__=~\"checkout_.*\"}")).extracting(Metric::name)
        .containsExactly("checkout.orders", "checkout.payload.size", "checkout.duration");
    assertThat(select("{__name__=~\"checkout_.*\", service_name=\"checkout\", payment_method=\"card\"}"))
        .extracting(Metric::name).containsExactly("checkout.orders");
  }

  @Test
  void histogramsAnswerToBucketSumAndCountAndComeBackWhole() {
    for (String name : List.of("checkout_duration_milliseconds_bucket", "checkout_duration_milliseconds_sum",
        "checkout_duration_milliseconds_count")) {
      assertThat(select(name + "{http_route=\"/checkout\"}")).singleElement().satisfies(metric -> {
        assertThat(metric.storedName()).isEqualTo("checkout_duration_milliseconds");
        assertThat(metric.points()).singleElement().isInstanceOfSatisfying(HistogramPoint.class, point ->
            assertThat(point.count()).isEqualTo(7));
      });
    }
    assertThat(select("checkout_duration_milliseconds")).isEmpty();
  }

  @Test
  void emptyQueryIsRejected() {
    assertThatThrownBy(() -> PromQlSubset.compile("  "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("found the end of the query at column 3 where it expected a metric name or {");
  }

  @ParameterizedTest
  @CsvSource(delimiterString = " ==> ", quoteCharacter = '#', value = {
      "sum(checkout_orders_total) ==> 'sum(...)' at column 1",
      "rate(checkout_orders_total[5m]) ==> 'rate(...)' at column 1",
      "checkout_orders_total[5m] ==> '[5m]' at column 22",
      "checkout_orders_total offset 5m ==> 'offset 5m' at column 23",
      "checkout_orders_total + 1 ==> '+ 1' at column 23",
      "sum by (le) (checkout_duration_milliseconds_bucket) ==> 'sum' at column 1",
      "checkout_duration_milliseconds_bucket{le=\"100\"} ==> 'le (histogram bucket matchers)' at column 39",
      "checkout_orders_total{payment_method=card} ==> expected a \"string\"",
      "checkout_orders_total{payment_method>\"a\"} ==> expected =, !=, =~ or !~ after payment_method",
      "{payment_method=\"card\"} ==> 'a selector without metric name'",
      })
  void outsideTheSubsetIsRejectedNamingSubsetAndPart(String promql, String part) {
    assertThatThrownBy(() -> PromQlSubset.compile(promql))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("PromQL query outside the subset the embedded backend supports")
        .hasMessageContaining(part)
        .hasMessageContaining("Supported: one instant vector selector");
  }
}
