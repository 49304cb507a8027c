package io.github.lgtmbootstrap.benchmarks;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * The baseline receiver: a loopback HTTP server that reads each OTLP body and answers 200 without decoding or
 * storing it, so what a benchmark measures on top of it is decoding and storing, not the transport.
 */
final class NoDecodeSink {

  private NoDecodeSink() {}

  /** Starts the sink on an ephemeral loopback port; the caller stops it. */
  static HttpServer start() throws IOException {
    HttpServer sink = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    sink.createContext(
        "/",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    sink.start();
    return sink;
  }

  /** The sink's base URL, such as {@code http://127.0.0.1:40123}. */
  static String endpoint(HttpServer sink) {
    return "http://127.0.0.1:" + sink.getAddress().getPort();
  }
}
