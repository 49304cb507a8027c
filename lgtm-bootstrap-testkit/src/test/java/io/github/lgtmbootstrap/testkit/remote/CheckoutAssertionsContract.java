package io.github.lgtmbootstrap.testkit.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lgtmbootstrap.testkit.assertions.LogsAssert;
import io.github.lgtmbootstrap.testkit.assertions.MetricsAssert;
import io.github.lgtmbootstrap.testkit.assertions.Polling;
import io.github.lgtmbootstrap.testkit.assertions.TracesAssert;
import io.github.lgtmbootstrap.testkit.model.LogEntry;
import io.github.lgtmbootstrap.testkit.model.NumberPoint;
import io.github.lgtmbootstrap.testkit.model.Span;
import io.github.lgtmbootstrap.testkit.query.TelemetryQuery;
import io.github.lgtmbootstrap.testkit.query.TelemetrySource;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * One set of assertions on the checkout telemetry of the recorded fixtures ({@code fixtures/sent/*.json}), run
 * unchanged against every backend: the embedded store that received those OTLP/JSON files, and the external
 * backend whose Tempo, Loki and Prometheus are played from the answers the real stores gave for the same data.
 */
abstract class CheckoutAssertionsContract {

  /** The backend's source, holding the checkout telemetry. */
  abstract TelemetrySource source();

  /** The window on it: since the data arrived, resource service.name=checkout. */
  abstract TelemetryQuery scope();

  /** What a failure message names as the query that ran, such as the TraceQL. */
  abstract String expectedSpanQueryText();

  private Polling polling() {
    return Polling.of(Duration.ofSeconds(5), Duration.ofMillis(50), () -> {});
  }

  private TracesAssert traces() {
    return new TracesAssert(source(), scope(), polling());
  }

  @Test
  void rootSpanWithAttributesStatusAndChild() {
    traces().hasSpan("POST /checkout")
        .isRoot()
        .withKind(SpanKind.SERVER)
        .withStatus(StatusCode.OK)
        .withAttribute("http.route", "/checkout")
        .withAttribute("http.response.status_code", 200)
        .withAttribute("order.id", "ord-42")
        .withResourceAttribute("service.namespace", "shop")
        .withChild("charge-card");
  }

  @Test
  void childSpanWithTypedAttributesAndEvent() {
    traces().hasSpan("charge-card")
        .withKind(SpanKind.CLIENT)
        .withParent("POST /checkout")
        .inSameTraceAs("POST /checkout")
        .withAttribute("payment.amount", 42.5)
        .withAttribute("payment.provider", "acme-pay")
        .withEvent("card.authorized");
    traces().hasSpanCount("charge-card", 1);
  }

  @Test
  void logRecordsWithSeverityAttributesAndTraceContext() {
    LogsAssert logs = new LogsAssert(source(), scope(), polling());
    logs.hasRecord("payment provider slow")
        .withSeverity(Severity.WARN)
        .withAttribute("payment.provider", "acme-pay")
        .withAttribute("retry", 1)
        .withResourceAttribute("service.instance.id", "checkout-1")
        .inSpan("charge-card")
        .inTraceOf("POST /checkout");
    logs.hasRecord("checkout started").withSeverity(Severity.INFO).withAttribute("order.id", "ord-42");
    logs.hasRecord("inventory reservation failed").withSeverity(Severity.ERROR).withTraceContext();
  }

  @Test
  void counterFoundByItsOpenTelemetryName() {
    new MetricsAssert(source(), scope(), polling()).hasCounter("checkout.orders")
        .withValue(7)
        .withAttribute("payment.method", "card")
        .withResourceAttribute("service.name", "checkout");
  }

  @Test
  void missingSpanFailsShowingTheQueryAndWhatArrived() {
    TracesAssert quick = new TracesAssert(source(), scope(),
        Polling.of(Duration.ofMillis(300), Duration.ofMillis(50), () -> {}));
    assertThatThrownBy(() -> quick.hasSpan("POST /refund"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("POST /refund")
        .hasMessageContaining(expectedSpanQueryText())
        .hasMessageContaining("POST /checkout")
        .hasMessageContaining("charge-card");
  }

  @Test
  void traceQlRunsOnEveryBackend() {
    assertThat(source().traceql("{resource.service.name=\"checkout\"}", scope()).items())
        .extracting(Span::name).containsExactlyInAnyOrder("POST /checkout", "charge-card");
  }

  @Test
  void logQlRunsOnEveryBackend() {
    assertThat(source().logql("{service_name=\"checkout\"}", scope()).items())
        .extracting(LogEntry::severity).containsExactlyInAnyOrder(Severity.INFO, Severity.WARN, Severity.ERROR);
  }

  @Test
  void promQlRunsOnEveryBackend() {
    assertThat(source().promql("checkout_orders_total", scope()).items()).singleElement().satisfies(metric -> {
      assertThat(metric.storedName()).isEqualTo("checkout_orders_total");
      assertThat(metric.points()).singleElement().isInstanceOfSatisfying(NumberPoint.class, point ->
          assertThat(point.value()).isEqualTo(7.0));
    });
  }
  @Test
  void traceQlAssertionNarrowsToWhatTheQuerySelects() {
    TracesAssert selected = TracesAssert.traceQl(source(), "{resource.service.name=\"checkout\"}", scope(),
        polling());
    selected.hasSpan("charge-card")
        .withParent("POST /checkout")
        .withAttribute("payment.provider", "acme-pay");
    selected.hasSpanCount("POST /checkout", 1);
    assertThat(selected.hasAnySpan().span().serviceName()).isEqualTo("checkout");
  }

  @Test
  void traceQlAssertionFailureNamesTheQueryAndListsItsResult() {
    TracesAssert quick = TracesAssert.traceQl(source(), "{resource.service.name=\"checkout\"}", scope(),
        Polling.of(Duration.ofMillis(300), Duration.ofMillis(50), () -> {}));
    assertThatThrownBy(() -> quick.hasSpan("POST /refund"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expected a span named [POST /refund] in the result of TraceQL "
            + "{resource.service.name=\"checkout\"}")
        .hasMessageContaining("did not happen within 300ms")
        .hasMessageContaining("Query: {resource.service.name=\"checkout\"}")
        .hasMessageContaining("POST /checkout [SERVER")
        .hasMessageContaining("charge-card [CLIENT");
  }

  @Test
  void logQlAssertionNarrowsToWhatTheQuerySelects() {
    LogsAssert selected = LogsAssert.logQl(source(), "{service_name=\"checkout\"}", scope(), polling());
    selected.hasRecord("payment provider slow").withSeverity(Severity.WARN).inSpan("charge-card");
    selected.hasRecordCount("checkout", 1);
    assertThat(selected.records()).hasSize(3);
  }

  @Test
  void promQlAssertionFindsTheSeriesByEitherName() {
    MetricsAssert selected = MetricsAssert.promQl(source(), "checkout_orders_total", scope(), polling());
    selected.hasMetric("checkout.orders").withValue(7).withAttribute("payment.method", "card");
    selected.hasMetric("checkout_orders_total").withValue(7);
    assertThat(selected.hasAnyMetric().metric().storedName()).isEqualTo("checkout_orders_total");
  }

  @Test
  void promQlAssertionFailureNamesTheQuery() {
    MetricsAssert quick = MetricsAssert.promQl(source(), "checkout_orders_total", scope(),
        Polling.of(Duration.ofMillis(300), Duration.ofMillis(50), () -> {}));
    assertThatThrownBy(() -> quick.hasMetric("checkout.orders").withValue(8))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("in the result of PromQL checkout_orders_total")
        .hasMessageContaining("Query: checkout_orders_total")
        .hasMessageContaining("did not happen within 300ms");
  }

  @Test
  void badPromQlFailsAtOnceInsteadOfWaiting() {
    // a minute-long timeout: only failing fast keeps this test quick, and the message says it polled once
    MetricsAssert bad = MetricsAssert.promQl(source(), "sum(rate(checkout_orders_total[5m])", scope(),
        Polling.of(Duration.ofMinutes(1), Duration.ofMillis(50), () -> {}));
    assertThatThrownBy(bad::hasAnyMetric)
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expected a metric of any name in the result of PromQL "
            + "sum(rate(checkout_orders_total[5m])")
        .hasMessageContaining("waiting cannot fix, so the assertion stopped at once (after ")
        .hasMessageContaining(", 1 poll):")
        .hasMessageContaining(expectedBadPromQlText())
        .hasMessageNotContaining("did not happen within");
  }

  /** What the backend says about {@code sum(rate(checkout_orders_total[5m])}. */
  abstract String expectedBadPromQlText();
}
