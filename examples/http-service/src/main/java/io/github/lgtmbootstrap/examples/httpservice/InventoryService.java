package io.github.lgtmbootstrap.examples.httpservice;

import com.sun.net.httpserver.HttpServer;
import io.github.lgtmbootstrap.core.Lgtm;
import io.github.lgtmbootstrap.core.http.LgtmHttpServer;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The back service: answers {@code GET /stock/{sku}} with how many items are in stock.
 *
 * <p>Run: {@code mvn -q -pl examples/http-service exec:java
 * -Dexec.mainClass=io.github.lgtmbootstrap.examples.httpservice.InventoryService} (port from {@code PORT},
 * default 8081).
 */
public final class InventoryService {

  private static final Logger log = LoggerFactory.getLogger(InventoryService.class);

  private InventoryService() {}

  public static void main(String[] args) throws IOException {
    // The JDK server otherwise waits for the client's delayed ACK on small responses (~40 ms per request).
    System.setProperty("sun.net.httpserver.nodelay", "true");
    Lgtm.builder().setServiceName("inventory").init();

    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", Exchanges.port("PORT", 8081)), 0);
    server.setExecutor(Executors.newFixedThreadPool(4));
    LgtmHttpServer.trace(server.createContext("/stock", exchange -> {
      String sku = Exchanges.lastSegment(exchange);
      LgtmHttpServer.updateRoute("/stock/{sku}");
      int inStock = lookUp(sku);
      log.info("stock checked for sku {}: {} left", sku, inStock);
      Exchanges.reply(exchange, 200, Integer.toString(inStock));
    }));
    server.start();
    System.out.println("inventory listening on http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Pretends to ask a database; a span of its own, so the trace shows where the time goes. */
  private static int lookUp(String sku) {
    Tracer tracer = GlobalOpenTelemetry.getTracer("inventory");
    Span span = tracer.spanBuilder("lookupStock").setAttribute("inventory.sku", sku).startSpan();
    try (Scope ignored = span.makeCurrent()) {
      return sku.equals("0") ? 0 : Math.floorMod(sku.hashCode(), 9) + 1;
    } finally {
      span.end();
    }
  }
}
