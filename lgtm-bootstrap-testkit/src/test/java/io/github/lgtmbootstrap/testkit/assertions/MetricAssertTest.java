package io.github.lgtmbootstrap.testkit.assertions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lgtmbootstrap.testkit.model.InstrumentationScope;
import io.github.lgtmbootstrap.testkit.model.Metric;
import io.github.lgtmbootstrap.testkit.model.MetricType;
import io.github.lgtmbootstrap.testkit.model.NumberPoint;
import io.github.lgtmbootstrap.testkit.query.QueryResult;
import io.github.lgtmbootstrap.testkit.query.TelemetryQuery;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Metric requirements the end-to-end tests do not reach: description, point and resource attributes, timeouts. */
class MetricAssertTest {

  private static final Polling SHORT = Polling.of(Duration.ofMillis(100), Duration.ofMillis(20), () -> {});

  private static final Metric ORDERS = new Metric("checkout.orders", "checkout.orders", "Orders placed", "{order}",
      MetricType.SUM, true, List.of(new NumberPoint(Map.of("region", "eu"), 1, 2, 7)),
      Map.of("service.name", "checkout"), InstrumentationScope.UNKNOWN);

  private static MetricsAssert assertMetrics(Polling polling) {
    return new MetricsAssert(new OneMetric(), TelemetryQuery.since(Instant.EPOCH), polling);
  }

  @Test
  void descriptionPointAttributeAndResourceAttributeMatchWhatArrived() {
    Metric found = assertMetrics(SHORT).hasMetric("checkout.orders")
        .withDescription("Orders placed")
        .withAttribute("region", "eu")
        .withResourceAttribute("service.name", "checkout")
        .metric();

    assertThat(found).isEqualTo(ORDERS);
  }

  @Test
  void wrongDescriptionFailsNamingTheRequirementAndShowingTheMetric() {
    assertThatThrownBy(() -> assertMetrics(SHORT).hasMetric("checkout.orders").withDescription("Orders paid"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("with description \"Orders paid\"")
        .hasMessageContaining("checkout.orders [SUM monotonic, unit={order}]");
  }

  @Test
  void wrongPointAttributeFailsNamingKeyAndValue() {
    assertThatThrownBy(() -> assertMetrics(SHORT).hasMetric("checkout.orders").withAttribute("region", "us"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("with a point with region=")
        .hasMessageContaining("us");
  }

  @Test
  void withTimeoutReplacesOnlyTheTimeoutAndStillRejectsNonPositiveOnes() {
    Polling longer = SHORT.withTimeout(Duration.ofSeconds(3));

    assertThat(longer.timeout()).isEqualTo(Duration.ofSeconds(3));
    assertThat(longer.interval()).isEqualTo(SHORT.interval());
    assertThatThrownBy(() -> SHORT.withTimeout(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
  }

  private static final class OneMetric extends EmptySource {
    @Override
    public QueryResult<Metric> metrics(TelemetryQuery query) {
      return QueryResult.of(query.name().map(ORDERS.name()::equals).orElse(true) ? List.of(ORDERS) : List.of(),
          "metrics");
    }
  }
}
