package com.example.shop;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.github.lgtmbootstrap.core.Lgtm;
import io.github.lgtmbootstrap.core.LgtmHandle;
import io.github.lgtmbootstrap.testkit.LgtmBackend;
import io.github.lgtmbootstrap.testkit.LgtmTest;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.trace.SpanKind;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@LgtmTest
class ShopTest {

  static LgtmHandle telemetry;
  static HttpServer server;

  @BeforeAll
  static void start() throws Exception {
    telemetry = Lgtm.init();
    server = Shop.start();
  }

  @AfterAll
  static void stop() {
    server.stop(0);
    telemetry.close();
  }

  @Test
  void aRequestIsTracedLoggedWithItsExceptionAndMeasured(LgtmBackend lgtm) throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/orders/7"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(202);

    lgtm.assertTraces().hasSpan("GET /orders").withKind(SpanKind.SERVER).withAttribute("http.route", "/orders");
    lgtm.assertLogs()
        .hasRecord("order failed, will retry")
        .withSeverity(Severity.WARN)
        .inSpan("GET /orders")
        .withException(IllegalStateException.class)
        .withAttribute("exception.message", "payment service unreachable")
        .withAttribute("exception.stacktrace");
    lgtm.assertMetrics()
        .hasHistogram("http.server.request.duration")
        .withCount(1)
        .withAttribute("http.response.status_code", 202);
  }
}
