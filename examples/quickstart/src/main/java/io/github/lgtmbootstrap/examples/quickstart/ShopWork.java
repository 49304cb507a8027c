package io.github.lgtmbootstrap.examples.quickstart;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.logs.Logger;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;

/** A small piece of "checkout" work: nested spans, a log line inside them, a counter and a histogram. */
final class ShopWork {

  private static final AttributeKey<String> PAYMENT = AttributeKey.stringKey("payment.method");
  private static final AttributeKey<String> ORDER_ID = AttributeKey.stringKey("order.id");

  private final Tracer tracer;
  private final Logger log;
  private final LongCounter orders;
  private final DoubleHistogram orderValue;

  ShopWork(OpenTelemetry otel) {
    tracer = otel.getTracer("quickstart.shop");
    // With lgtm-bootstrap-logback on the class path, an ordinary logback/SLF4J logger does this for you;
    // here the OpenTelemetry log API is used directly so the demo needs nothing else.
    log = otel.getLogsBridge().get("quickstart.shop.Checkout");
    orders = otel.getMeter("quickstart.shop").counterBuilder("orders.placed").setUnit("{order}").build();
    orderValue = otel.getMeter("quickstart.shop").histogramBuilder("order.value").setUnit("USD").build();
  }

  /** Handles one checkout; returns its trace id. */
  String checkout(String orderId, double amount) throws InterruptedException {
    Span request = tracer.spanBuilder("POST /checkout").setSpanKind(SpanKind.SERVER).startSpan();
    try (Scope ignored = request.makeCurrent()) {
      request.setAttribute(ORDER_ID, orderId);
      child("load-cart", 3);
      Span charge = tracer.spanBuilder("charge-card").setSpanKind(SpanKind.CLIENT).startSpan();
      try (Scope alsoIgnored = charge.makeCurrent()) {
        charge.setAttribute(PAYMENT, "card");
        Thread.sleep(8); // stands in for the payment provider's latency
        log.logRecordBuilder()
            .setSeverity(Severity.INFO)
            .setSeverityText("INFO")
            .setBody("order " + orderId + " placed")
            .setAttribute(ORDER_ID, orderId)
            .emit();
      } finally {
        charge.end();
      }
      child("send-confirmation", 2);
      orders.add(1, Attributes.of(PAYMENT, "card"));
      orderValue.record(amount, Attributes.of(PAYMENT, "card"));
      return request.getSpanContext().getTraceId();
    } finally {
      request.end();
    }
  }

  private void child(String name, long millis) throws InterruptedException {
    Span span = tracer.spanBuilder(name).startSpan();
    try (Scope ignored = span.makeCurrent()) {
      Thread.sleep(millis);
    } finally {
      span.end();
    }
  }
}
