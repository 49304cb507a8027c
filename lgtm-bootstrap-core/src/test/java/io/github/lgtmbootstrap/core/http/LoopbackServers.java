package io.github.lgtmbootstrap.core.http;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** The HTTP tracing tests' server: JDK HttpServer on an ephemeral loopback port with its own two threads. */
final class LoopbackServers {

  private LoopbackServers() {}

  /** A server not yet started, so that tests can add their contexts first. */
  static HttpServer create() throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newFixedThreadPool(2));
    return server;
  }

  /** Stops {@code server} at once and its threads with it. */
  static void stop(HttpServer server) {
    server.stop(0);
    ((ExecutorService) server.getExecutor()).shutdownNow();
  }
}
