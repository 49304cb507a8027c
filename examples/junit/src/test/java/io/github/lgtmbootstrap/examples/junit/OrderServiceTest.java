package io.github.lgtmbootstrap.examples.junit;

import io.github.lgtmbootstrap.core.Lgtm;
import io.github.lgtmbootstrap.core.LgtmHandle;
import io.github.lgtmbootstrap.testkit.LgtmBackend;
import io.github.lgtmbootstrap.testkit.LgtmTest;
import io.opentelemetry.api.logs.Severity;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@LgtmTest // starts the in-JVM backend and points otel.exporter.otlp.* at it for this class
class OrderServiceTest {

  static LgtmHandle telemetry;

  @BeforeAll
  static void initTelemetry() {
    telemetry = Lgtm.init(); // exactly what the app does at start-up
  }

  @AfterAll
  static void closeTelemetry() {
    telemetry.close();
  }

  @Test
  void placingAnOrderIsTracedLoggedAndCounted(LgtmBackend lgtm) {
    new OrderService().placeOrder("book", 3, "card");

    lgtm.assertTraces().hasSpan("placeOrder").withAttribute("order.items", 3);
    lgtm.assertLogs().hasRecord("order placed: 3 x book").withSeverity(Severity.INFO).inSpan("placeOrder");
    // the growth during this test, whatever other tests of the JVM placed before
    lgtm.assertMetrics().hasCounter("orders.placed").withIncrease(1).withAttribute("payment", "card");
    lgtm.assertTraces().hasNoSpan("refundOrder");
  }
}
