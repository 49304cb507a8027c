package com.example.shop;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.lgtmbootstrap.core.Lgtm;
import io.github.lgtmbootstrap.core.http.LgtmHttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A user's service: one traced HTTP handler that logs a failure with its exception. */
public final class Shop {

  private static final Logger log = LoggerFactory.getLogger(Shop.class);

  private Shop() {}

  /** Starts the service on an ephemeral loopback port. */
  public static HttpServer start() throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    LgtmHttpServer.trace(server.createContext("/orders", Shop::order));
    server.start();
    return server;
  }

  private static void order(HttpExchange exchange) throws IOException {
    try {
      throw new IllegalStateException("payment service unreachable");
    } catch (IllegalStateException e) {
      log.warn("order failed, will retry", e);
    }
    byte[] body = "accepted".getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(202, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  public static void main(String[] args) throws IOException {
    Lgtm.init();
    System.err.println("listening on port " + start().getAddress().getPort());
  }
}
