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
}
