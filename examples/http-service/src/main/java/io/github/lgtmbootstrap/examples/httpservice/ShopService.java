package io.github.lgtmbootstrap.examples.httpservice;

import com.sun.net.httpserver.HttpServer;
import io.github.lgtmbootstrap.core.Lgtm;
import io.github.lgtmbootstrap.core.http.LgtmHttpClient;
import io.github.lgtmbootstrap.core.http.LgtmHttpServer;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.LongCounter;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The front service: {@code GET /checkout/{sku}} asks the inventory service whether the item is in stock and
 * answers {@code ordered} (200) or {@code sold out} (409).
 *
 * <p>Run: {@code mvn -q -pl examples/http-service exec:java
 * -Dexec.mainClass=io.github.lgtmbootstrap.examples.httpservice.ShopService} (port from {@code PORT}, default
 * 8080; inventory at {@code INVENTORY_URL}, default {@code http://127.0.0.1:8081}).
 */
public final class ShopService {

  private static final Logger log = LoggerFactory.getLogger(ShopService.class);
  private static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("checkout.outcome");

  private ShopService() {}

  public static void main(String[] args) throws IOException {
    System.setProperty("sun.net.httpserver.nodelay", "true");
    Lgtm.builder().setServiceName("shop").init();

    String inventory = System.getenv().getOrDefault("INVENTORY_URL", "http://127.0.0.1:8081");
    HttpClient client = LgtmHttpClient.wrap(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build());
    LongCounter checkouts =
        GlobalOpenTelemetry.getMeter("shop").counterBuilder("shop.checkouts").setUnit("{checkout}").build();

    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", Exchanges.port("PORT", 8080)), 0);
    server.setExecutor(Executors.newFixedThreadPool(4));
    LgtmHttpServer.trace(server.createContext("/checkout", exchange -> {
      String sku = Exchanges.lastSegment(exchange);
      LgtmHttpServer.updateRoute("/checkout/{sku}");
      HttpRequest stockRequest = HttpRequest.newBuilder(URI.create(inventory + "/stock/" + sku))
          .timeout(Duration.ofSeconds(5)).build();
      int inStock;
      try {
        inStock = Integer.parseInt(client.send(stockRequest, HttpResponse.BodyHandlers.ofString()).body().trim());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while asking the inventory", e);
      }
      boolean ordered = inStock > 0;
      checkouts.add(1, Attributes.of(OUTCOME, ordered ? "ordered" : "sold_out"));
      log.info("checkout of sku {}: {} in stock, {}", sku, inStock, ordered ? "ordered" : "sold out");
      Exchanges.reply(exchange, ordered ? 200 : 409, ordered ? "ordered" : "sold out");
    }));
    server.start();
    System.out.println("shop listening on http://127.0.0.1:" + server.getAddress().getPort());
  }
}
