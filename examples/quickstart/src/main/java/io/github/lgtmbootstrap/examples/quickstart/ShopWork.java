package io.github.lgtmbootstrap.examples.quickstart;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A small piece of "checkout" work: nested spans, a log line inside them, a counter and a histogram. */
final class ShopWork {

  private static final AttributeKey<String> PAYMENT = AttributeKey.stringKey("payment.method");
  private static final AttributeKey<String> ORDER_ID = AttributeKey.stringKey("order.id");

  // An ordinary SLF4J logger: lgtm-bootstrap-logback (on the class path) turns each line into a log record
  // carrying the active span's trace_id/span_id; no logback.xml, no appender code.
  private static final Logger log = LoggerFactory.getLogger(ShopWork.class);

  private final Tracer tracer;
  private final LongCounter orders;
  private final DoubleHistogram orderValue;

  ShopWork(OpenTelemetry otel) {
    tracer = otel.getTracer("quickstart.shop");
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
        log.atInfo().addKeyValue(ORDER_ID.getKey(), orderId).log("order {} placed", orderId);
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
