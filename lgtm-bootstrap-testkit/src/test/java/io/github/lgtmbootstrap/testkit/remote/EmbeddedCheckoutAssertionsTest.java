package io.github.lgtmbootstrap.testkit.remote;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lgtmbootstrap.testkit.embedded.EmbeddedBackend;
import io.github.lgtmbootstrap.testkit.query.TelemetryQuery;
import io.github.lgtmbootstrap.testkit.query.TelemetrySource;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The checkout assertions against the embedded backend, fed the fixtures' OTLP/JSON files over HTTP. */
class EmbeddedCheckoutAssertionsTest extends CheckoutAssertionsContract {

  private static EmbeddedBackend backend;
  private static Instant since;

  @BeforeAll
  static void sendTheRecordedTelemetry() throws IOException, InterruptedException {
    backend = EmbeddedBackend.builder().start();
    since = Instant.now();
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    for (String signal : new String[] {"traces", "logs", "metrics"}) {
      HttpResponse<String> response = client.send(HttpRequest.newBuilder(
              URI.create(backend.otlpEndpoint() + "/v1/" + signal))
          .timeout(Duration.ofSeconds(10))
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofByteArray(FixtureStub.bytes("sent/" + signal + ".json")))
          .build(), HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as("POST /v1/" + signal + ": " + response.body()).isEqualTo(200);
    }
  }

  @AfterAll
  static void stop() {
    backend.close();
  }

  @Override
  TelemetrySource source() {
    return backend;
  }

  @Override
  TelemetryQuery scope() {
    return TelemetryQuery.since(since).withResourceAttribute("service.name", "checkout");
  }

  @Override
  String expectedBadPromQlText() {
    return "PromQL query outside the subset the embedded backend supports";
  }

  @Override
  String expectedSpanQueryText() {
    return "embedded store";
  }
}
