package io.github.lgtmbootstrap.examples.httpservice;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lgtmbootstrap.testkit.LgtmBackend;
import io.github.lgtmbootstrap.testkit.LgtmTest;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.trace.SpanKind;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Starts the shop and the inventory service as two processes exporting to the testkit's embedded backend, sends
 * one request to the shop, and checks what arrived: one trace across both services, their logs in it, and the
 * request metrics.
 */
@LgtmTest
class HttpServiceTest {

  private static ServiceProcess inventory;
  private static ServiceProcess shop;
  private final HttpClient user = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeAll
  static void startServices(LgtmBackend lgtm) throws Exception {
    Map<String, String> environment = new HashMap<>(lgtm.exporterEnvironment());
    environment.put("PORT", "0");
    inventory = ServiceProcess.start("inventory", InventoryService.class, environment);
    environment.put("INVENTORY_URL", inventory.url());
    shop = ServiceProcess.start("shop", ShopService.class, environment);
  }

  @AfterAll
  static void stopServices() throws Exception {
    if (shop != null) {
      shop.close();
    }
    if (inventory != null) {
      inventory.close();
    }
  }

  @Test
  void oneCheckoutIsOneTraceAcrossBothServicesWithTheirLogsAndMetrics(LgtmBackend lgtm) throws Exception {
    HttpResponse<String> response = checkout("42");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("ordered");

    // The trace tree: shop server -> shop client -> inventory server -> inventory's own span.
    lgtm.assertTraces()
        .hasSpan("GET /checkout/{sku}")
        .withKind(SpanKind.SERVER)
        .isRoot()
        .withResourceAttribute("service.name", "shop")
        .withAttribute("http.route", "/checkout/{sku}")
        .withAttribute("url.path", "/checkout/42")
        .withAttribute("http.response.status_code", 200)
        .withChild("GET");
    lgtm.assertTraces()
        .hasSpan("GET")
        .withKind(SpanKind.CLIENT)
        .withResourceAttribute("service.name", "shop")
        .withParent("GET /checkout/{sku}")
        .withChild("GET /stock/{sku}");
    lgtm.assertTraces()
        .hasSpan("GET /stock/{sku}")
        .withKind(SpanKind.SERVER)
        .withResourceAttribute("service.name", "inventory")
        .inSameTraceAs("GET /checkout/{sku}")
        .withParent("GET")
        .withChild("lookupStock");
    lgtm.assertTraces()
        .hasSpan("lookupStock")
        .withResourceAttribute("service.name", "inventory")
        .withAttribute("inventory.sku", "42");

    // Each service's log line, from plain SLF4J calls, sits in that service's span of the same trace.
    lgtm.assertLogs()
        .hasRecord("stock checked for sku 42")
        .withSeverity(Severity.INFO)
        .withResourceAttribute("service.name", "inventory")
        .inTraceOf("GET /checkout/{sku}")
        .inSpan("GET /stock/{sku}");
    lgtm.assertLogs()
        .hasRecord("checkout of sku 42")
        .withSeverity(Severity.INFO)
        .withResourceAttribute("service.name", "shop")
        .inSpan("GET /checkout/{sku}");

    // Request metrics on both sides, and the shop's own counter.
    lgtm.assertMetrics()
        .hasHistogram("http.server.request.duration")
        .withResourceAttribute("service.name", "shop")
        .withAttribute("http.route", "/checkout/{sku}")
        .withAttribute("http.request.method", "GET")
        .withAttribute("http.response.status_code", 200);
    lgtm.assertMetrics()
        .hasHistogram("http.server.request.duration")
        .withResourceAttribute("service.name", "inventory")
        .withAttribute("http.route", "/stock/{sku}");
    lgtm.assertMetrics()
        .hasHistogram("http.client.request.duration")
        .withResourceAttribute("service.name", "shop")
        .withAttribute("server.address", "127.0.0.1")
        .withAttribute("http.response.status_code", 200);
    lgtm.assertMetrics()
        .hasCounter("shop.checkouts")
        .withAttribute("checkout.outcome", "ordered")
        .withValueAtLeast(1);
  }

  @Test
  void soldOutIsAClientErrorNotAServerError(LgtmBackend lgtm) throws Exception {
    HttpResponse<String> response = checkout("0");

    assertThat(response.statusCode()).isEqualTo(409);
    lgtm.assertTraces()
        .hasSpan("GET /checkout/{sku}")
        .withAttribute("url.path", "/checkout/0")
        .withAttribute("http.response.status_code", 409)
        .withStatus(io.opentelemetry.api.trace.StatusCode.UNSET);
    lgtm.assertLogs().hasRecord("checkout of sku 0: 0 in stock, sold out").inSpan("GET /checkout/{sku}");
  }

  private HttpResponse<String> checkout(String sku) throws Exception {
    return user.send(
        HttpRequest.newBuilder(URI.create(shop.url() + "/checkout/" + sku)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
