package io.github.lgtmbootstrap.testkit.query.internal;

import io.github.lgtmbootstrap.testkit.model.HistogramPoint;
import io.github.lgtmbootstrap.testkit.model.InstrumentationScope;
import io.github.lgtmbootstrap.testkit.model.LogEntry;
import io.github.lgtmbootstrap.testkit.model.Metric;
import io.github.lgtmbootstrap.testkit.model.MetricType;
import io.github.lgtmbootstrap.testkit.model.NumberPoint;
import io.github.lgtmbootstrap.testkit.model.Span;
import io.github.lgtmbootstrap.testkit.model.SpanEvent;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import java.util.List;
import java.util.Map;

/** The checkout telemetry of the recorded fixtures (sent/*.json), built directly in the model. */
final class SubsetFixtures {

  static final String TRACE_ID = "5b8efff798038103d269b633813fc60c";
  static final Map<String, Object> RESOURCE = Map.of(
      "service.name", "checkout", "service.namespace", "shop", "service.version", "1.2.3",
      "service.instance.id", "checkout-1", "deployment.environment", "test", "host.name", "devbox",
      "telemetry.sdk.language", "java");
  static final InstrumentationScope SCOPE = new InstrumentationScope("com.example.checkout", "0.1.0");

  static final Span ROOT = new Span(TRACE_ID, "eee19b7ec3c1b174", "", "POST /checkout", SpanKind.SERVER,
      StatusCode.OK, "", 1795649566854271513L, 1795649567104271513L,
      Map.of("http.request.method", "POST", "http.route", "/checkout", "http.response.status_code", 200L,
          "order.id", "ord-42"),
      List.of(), RESOURCE, SCOPE);
  static final Span CHILD = new Span(TRACE_ID, "eee19b7ec3c1b175", "eee19b7ec3c1b174", "charge-card",
      SpanKind.CLIENT, StatusCode.UNSET, "", 1795649566874271513L, 1795649567024271513L,
      Map.of("payment.provider", "acme-pay", "payment.amount", 42.5, "retried", true),
      List.of(new SpanEvent("card.authorized", 1795649566875271513L, Map.of("card.brand", "visa"))),
      RESOURCE, SCOPE);
  static final Span OTHER_SERVICE = new Span("0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331", "",
      "GET /stock", SpanKind.SERVER, StatusCode.ERROR, "out of stock", 1L, 2L, Map.of("http.route", "/stock"),
      List.of(), Map.of("service.name", "inventory"), SCOPE);

  static final LogEntry INFO = new LogEntry(1795649566855271513L, Severity.INFO, "INFO",
      "checkout started for order ord-42",
      Map.of("order.id", "ord-42", "code.function", "CheckoutController.checkout"),
      TRACE_ID, "eee19b7ec3c1b174", RESOURCE, SCOPE);
  static final LogEntry WARN = new LogEntry(1795649566879271513L, Severity.WARN, "WARN",
      "payment provider slow, retrying", Map.of("payment.provider", "acme-pay", "retry", 1L),
      TRACE_ID, "eee19b7ec3c1b175", RESOURCE, SCOPE);
  static final LogEntry ERROR = new LogEntry(1795649567103271513L, Severity.ERROR, "ERROR",
      "inventory reservation failed: out of stock",
      Map.of("exception.type", "com.example.OutOfStockException"), TRACE_ID, "eee19b7ec3c1b174", RESOURCE, SCOPE);
  static final LogEntry OTHER_LOG = new LogEntry(5L, Severity.INFO, "INFO", "stock checked", Map.of(), "", "",
      Map.of("service.name", "inventory"), SCOPE);

  static final Metric ORDERS = new Metric("checkout.orders", "checkout.orders", "", "{order}", MetricType.SUM, true,
      List.of(new NumberPoint(Map.of("payment.method", "card"), 0, 10, 7),
          new NumberPoint(Map.of("payment.method", "invoice"), 0, 10, 2)),
      RESOURCE, SCOPE);
  static final Metric PAYLOAD = new Metric("checkout.payload.size", "checkout.payload.size", "", "By",
      MetricType.SUM, true, List.of(new NumberPoint(Map.of(), 0, 10, 2048)), RESOURCE, SCOPE);
  static final Metric DURATION = new Metric("checkout.duration", "checkout.duration", "", "ms",
      MetricType.HISTOGRAM, false,
      List.of(new HistogramPoint(Map.of("http.route", "/checkout"), 0, 10, 7, 910, List.of(50d, 100d, 200d),
          List.of(1L, 3L, 2L, 1L))),
      RESOURCE, SCOPE);
  static final Metric QUEUE = new Metric("queue.depth", "queue.depth", "", "", MetricType.GAUGE, false,
      List.of(new NumberPoint(Map.of(), 0, 10, 3)), Map.of("service.name", "inventory"), SCOPE);

  static final List<Span> SPANS = List.of(ROOT, CHILD, OTHER_SERVICE);
  static final List<LogEntry> LOGS = List.of(INFO, WARN, ERROR, OTHER_LOG);
  static final List<Metric> METRICS = List.of(ORDERS, PAYLOAD, DURATION, QUEUE);

  private SubsetFixtures() {}
}
