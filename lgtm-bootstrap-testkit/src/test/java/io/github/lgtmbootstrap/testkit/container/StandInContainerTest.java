package io.github.lgtmbootstrap.testkit.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.exception.NotFoundException;
import io.github.lgtmbootstrap.testkit.assertions.LogsAssert;
import io.github.lgtmbootstrap.testkit.assertions.MetricsAssert;
import io.github.lgtmbootstrap.testkit.assertions.Polling;
import io.github.lgtmbootstrap.testkit.assertions.TracesAssert;
import io.github.lgtmbootstrap.testkit.container.standin.FixtureSet;
import io.github.lgtmbootstrap.testkit.container.standin.StandInImage;
import io.github.lgtmbootstrap.testkit.internal.ConfigLookup;
import io.github.lgtmbootstrap.testkit.query.BackendQueryException;
import io.github.lgtmbootstrap.testkit.query.TelemetryQuery;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.trace.SpanKind;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testcontainers.DockerClientFactory;

/**
 * The container backend on a real engine (Docker, or podman as in CI), with the otel-lgtm stand-in image built
 * locally ({@link StandInImage}): Testcontainers starts it, waits for otel-lgtm's start-up line, maps every port
 * and copies the testkit's Tempo configuration in; telemetry sent over OTLP/HTTP is then found through the Tempo,
 * Loki and Prometheus APIs (answering with the recorded fixtures of both sets), store errors carry the container
 * log, a reused container survives its backend, and a closed one is gone. Skipped without an engine, or where
 * the stand-in cannot be built (not Linux).
 */
@ExtendWith(DockerAvailableCondition.class)
class StandInContainerTest {

  /** Before the recorded data of both fixture sets was sent; the stand-in checks only Tempo's start < end. */
  private static final Instant SINCE = Instant.ofEpochSecond(1795649500L);

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  private static ContainerBackend backend;

  @BeforeAll
  static void start() {
    Optional<String> unbuildable = StandInImage.unbuildableReason();
    Assumptions.assumeTrue(unbuildable.isEmpty(), () -> "Skipped: " + unbuildable.orElseThrow());
    backend = ContainerBackend.start(keys(Map.of(ContainerBackend.IMAGE_KEY,
        StandInImage.get(FixtureSet.OTEL_LGTM_0_31_0))));
  }

  @AfterAll
  static void stop() {
    if (backend != null) {
      backend.close();
    }
  }

  private static Function<String, Optional<ConfigLookup.Setting>> keys(Map<String, String> values) {
    return key -> Optional.ofNullable(values.get(key)).map(value -> new ConfigLookup.Setting(value, "key " + key));
  }

  private static Polling polling() {
    return Polling.of(Duration.ofSeconds(30), Duration.ofMillis(200), () -> {});
  }

  private static TelemetryQuery scope() {
    return TelemetryQuery.since(SINCE).withResourceAttribute("service.name", "checkout");
  }

  private static HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
    return HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Posts the recorded OTLP/JSON payloads of a fixture set, as an app's exporter would. */
  static void sendRecordedTelemetry(String otlpEndpoint, String fixtureDirectory) throws Exception {
    for (String signal : new String[] {"traces", "logs", "metrics"}) {
      byte[] body;
      try (InputStream in = StandInContainerTest.class.getResourceAsStream(
          "/" + fixtureDirectory + "sent/" + signal + ".json")) {
        body = Objects.requireNonNull(in, signal + ".json").readAllBytes();
      }
      HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(otlpEndpoint + "/v1/" + signal))
          .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as("OTLP/HTTP POST of %s: %s", signal, response.body()).isEqualTo(200);
    }
  }

  @Test
  void everyPortOfOtelLgtmIsMappedToAFreeHostPort() throws Exception {
    LgtmStack stack = backend.stack();
    assertThat(LgtmPorts.ALL).allSatisfy(port -> assertThat(stack.url(port).getPort()).isPositive());
    assertThat(LgtmPorts.ALL.stream().map(port -> stack.url(port).getPort()).distinct()).hasSize(LgtmPorts.ALL.size());
    assertThat(backend.otlpEndpoint()).isEqualTo(stack.url(LgtmPorts.OTLP_HTTP).toString());
    assertThat(get(stack.url(LgtmPorts.GRAFANA).resolve("/api/health")).statusCode()).isEqualTo(200);
    assertThat(get(stack.url(LgtmPorts.TEMPO).resolve("/ready")).body()).contains("ready");
    assertThat(get(stack.url(LgtmPorts.LOKI).resolve("/ready")).body()).contains("ready");
    assertThat(get(stack.url(LgtmPorts.PROMETHEUS).resolve("/-/ready")).statusCode()).isEqualTo(200);
    assertThat(get(stack.url(LgtmPorts.OTLP_GRPC)).statusCode()).isEqualTo(415);
    assertThat(backend.kind()).isEqualTo("container");
    assertThat(backend.sharedBetweenRuns()).isFalse();
  }

  @Test
  void theStartupLineTheWaitStrategyWaitsForIsInTheLog() {
    assertThat(backend.stack().logTail(100))
        .contains("The OpenTelemetry collector and the Grafana LGTM stack are up and running.");
  }

  @Test
  void theTestkitsTempoConfigReachesTheContainer() throws Exception {
    assertThat(backend.stack().logTail(100))
        .contains("Tempo config /otel-lgtm/tempo-config.yaml (" + OtelLgtmImage.tempoConfig().length + " chars)")
        .contains("query_end_cutoff=0s");
    assertThat(get(backend.stack().url(LgtmPorts.TEMPO).resolve("/status/config")).body())
        .contains("query_end_cutoff: 0s");
  }

  @Test
  void telemetrySentOverOtlpIsFoundInTempoLokiAndPrometheus() throws Exception {
    sendRecordedTelemetry(backend.otlpEndpoint(), "fixtures/otel-lgtm-0.31.0/");
    new TracesAssert(backend.source(), scope(), polling()).hasSpan("POST /checkout").withKind(SpanKind.SERVER)
        .withAttribute("order.id", "ord-42").withChild("charge-card");
    new LogsAssert(backend.source(), scope(), polling()).hasRecord("payment provider slow")
        .withSeverity(Severity.WARN).inSpan("charge-card");
    new MetricsAssert(backend.source(), scope(), polling()).hasCounter("checkout.orders").withValue(7)
        .withAttribute("payment.method", "card").withResourceAttribute("service.name", "checkout");
    assertThat(backend.stack().logTail(100)).contains("OTLP/HTTP received");
    // every request the clients sent had a recorded or derived answer (the stand-in logs each one it had not)
    assertThat(backend.stack().logTail(1000)).doesNotContain("no recorded response");
  }

  @Test
  void storeErrorsCarryTheContainerLog() {
    assertThatThrownBy(() -> backend.source().promql("sum(rate(checkout_orders_total[5m])", scope()))
        .isInstanceOf(BackendQueryException.class)
        .hasMessageContaining("Prometheus rejected the query with HTTP 400")
        .hasMessageContaining("lines of the container log")
        .hasMessageContaining("query_end_cutoff=0s");
  }

  @Test
  void theOlderFixtureSetIsServedByItsOwnStandIn() throws Exception {
    ContainerBackend older = ContainerBackend.start(keys(Map.of(ContainerBackend.IMAGE_KEY,
        StandInImage.get(FixtureSet.TEMPO_2))));
    try {
      assertThat(older.stack().logTail(100)).contains("fixtures TEMPO_2", "query_end_cutoff=n/a (Tempo 2)");
      sendRecordedTelemetry(older.otlpEndpoint(), "fixtures/");
      new TracesAssert(older.source(), scope(), polling()).hasSpan("charge-card").withParent("POST /checkout");
      new LogsAssert(older.source(), scope(), polling()).hasRecord("checkout started").withSeverity(Severity.INFO);
      new MetricsAssert(older.source(), scope(), polling()).hasCounter("checkout.orders").withValue(7);
      assertThat(older.stack().logTail(1000)).doesNotContain("no recorded response");
    } finally {
      older.close();
    }
  }

  @Test
  void anImageOlderThanTempo3KeepsItsOwnTempoConfig() throws Exception {
    String standIn = StandInImage.get(FixtureSet.OTEL_LGTM_0_31_0);
    String tagged = StandInImage.REPOSITORY + ":0.28.0";
    DockerClientFactory.lazyClient().tagImageCmd(standIn, StandInImage.REPOSITORY, "0.28.0").exec();
    ContainerBackend own = null;
    try {
      own = ContainerBackend.start(keys(Map.of(ContainerBackend.IMAGE_KEY, tagged)));
      assertThat(own.stack().logTail(100)).contains("query_end_cutoff=30s")
          .doesNotContain("(" + OtelLgtmImage.tempoConfig().length + " chars)");
      URI tempo = own.stack().url(LgtmPorts.TEMPO);
      assertThat(get(tempo.resolve("/status/config")).body()).contains("query_end_cutoff: 30s");
      long sent = System.nanoTime();
      sendRecordedTelemetry(own.otlpEndpoint(), "fixtures/otel-lgtm-0.31.0/");
      long now = Instant.now().getEpochSecond();
      String search = get(tempo.resolve("/api/search?q=%7Bresource.service.name%3D%22checkout%22%7D&limit=20&start="
          + (now - 3600) + "&end=" + (now + 60))).body();
      // A trace younger than the cutoff is missing from search; only meaningful while it still is that young.
      if (Duration.ofNanos(System.nanoTime() - sent).compareTo(Duration.ofSeconds(25)) < 0) {
        assertThat(search).startsWith("{\"traces\":[]");
      }
      assertThat(get(tempo.resolve("/api/traces/5b8efff798038103d269b633813fc60c")).statusCode()).isEqualTo(200);
    } finally {
      if (own != null) {
        own.close();
      }
      DockerClientFactory.lazyClient().removeImageCmd(tagged).exec();
    }
  }

  @Test
  void aReusedContainerOutlivesItsBackendAndIsFoundAgain() {
    ContainerConfig config = new ContainerConfig(StandInImage.get(FixtureSet.OTEL_LGTM_0_31_0), true,
        ContainerBackend.DEFAULT_STARTUP_TIMEOUT);
    TestcontainersLgtmStack first = TestcontainersLgtmStack.start(config, true);
    String id = first.containerId();
    try {
      assertThat(first.reused()).isTrue();
      first.close();
      assertThat(running(id)).as("a reused container is left running by close()").isTrue();
      TestcontainersLgtmStack second = TestcontainersLgtmStack.start(config, true);
      assertThat(second.containerId()).isEqualTo(id);
      assertThat(second.url(LgtmPorts.TEMPO)).isEqualTo(first.url(LgtmPorts.TEMPO));
    } finally {
      DockerClientFactory.lazyClient().removeContainerCmd(id).withForce(true).exec();
    }
  }

  @Test
  void closingTheBackendRemovesItsContainer() {
    ContainerBackend own = ContainerBackend.start(keys(Map.of(ContainerBackend.IMAGE_KEY,
        StandInImage.get(FixtureSet.OTEL_LGTM_0_31_0))));
    String id = ((TestcontainersLgtmStack) own.stack()).containerId();
    assertThat(running(id)).isTrue();
    own.close();
    assertThat(running(id)).as("container %s after close()", id).isFalse();
  }

  private static boolean running(String id) {
    try {
      return Boolean.TRUE.equals(DockerClientFactory.lazyClient().inspectContainerCmd(id).exec().getState()
          .getRunning());
    } catch (NotFoundException e) {
      return false;
    }
  }
}
