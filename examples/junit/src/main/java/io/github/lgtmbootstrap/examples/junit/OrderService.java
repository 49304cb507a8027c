package io.github.lgtmbootstrap.examples.junit;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Your code: places an order, and says so with a span, a log line and a counter. */
public final class OrderService {

  private static final Logger log = LoggerFactory.getLogger(OrderService.class);
  private static final AttributeKey<String> PAYMENT = AttributeKey.stringKey("payment");

  private final Tracer tracer = GlobalOpenTelemetry.getTracer("orders");
  private final LongCounter ordersPlaced =
      GlobalOpenTelemetry.getMeter("orders").counterBuilder("orders.placed").setUnit("{order}").build();

  public String placeOrder(String item, int quantity, String payment) {
    Span span = tracer.spanBuilder("placeOrder").setAttribute("order.items", quantity).startSpan();
    try (Scope ignored = span.makeCurrent()) {
      String orderId = UUID.randomUUID().toString();
      log.info("order placed: {} x {}", quantity, item);
      ordersPlaced.add(1, Attributes.of(PAYMENT, payment));
      return orderId;
    } finally {
      span.end();
    }
  }
}
