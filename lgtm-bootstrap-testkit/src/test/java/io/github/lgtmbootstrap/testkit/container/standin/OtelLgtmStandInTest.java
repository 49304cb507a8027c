package io.github.lgtmbootstrap.testkit.container.standin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The stand-in's behaviour without a container: its reading of Tempo's configuration, and its stores on a
 * loopback port, playing the recordings and Tempo 3's {@code query_end_cutoff}.
 */
class OtelLgtmStandInTest {

  private static final String TRACE_ID = "5b8efff798038103d269b633813fc60c";
  private static final String SEARCH = "/api/search?q=%7Bresource.service.name%3D%22checkout%22%7D&limit=20";

  private final HttpClient http = HttpClient.newHttpClient();
  private final AtomicReference<Instant> arrived = new AtomicReference<>();
  private final List<String> log = new CopyOnWriteArrayList<>();
  private HttpServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  private URI serve(RecordedStore store) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", store::handle);
    server.start();
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  private URI tempo(Duration cutoff) throws IOException {
    return serve(RecordedStore.tempo(FixtureSet.OTEL_LGTM_0_31_0, () -> Optional.ofNullable(arrived.get()),
        Optional.of(cutoff), log::add));
  }

  private HttpResponse<String> get(URI base, String pathAndQuery) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(base + pathAndQuery)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String window(long start, long end) {
    return "&start=" + start + "&end=" + end;
  }

  @Test
  void readsQueryEndCutoffAsAGoDuration() {
    assertThat(OtelLgtmStandIn.queryEndCutoff("query_frontend:\n  query_end_cutoff: 0s\n")).contains(Duration.ZERO);
    assertThat(OtelLgtmStandIn.queryEndCutoff("query_frontend:\n    query_end_cutoff: \"1m30s\"\n"))
        .contains(Duration.ofSeconds(90));
    assertThat(OtelLgtmStandIn.queryEndCutoff("server:\n  http_listen_port: 3200\n")).isEmpty();
    assertThatThrownBy(() -> OtelLgtmStandIn.queryEndCutoff("query_frontend:\n  query_end_cutoff: 30x\n"))
        .hasMessageContaining("'30x' is not a Go duration");
  }

  @Test
  void readsTheConfigFileLikeRunTempoShDoes() {
    assertThat(OtelLgtmStandIn.tempoConfigFile("")).isEqualTo("/otel-lgtm/tempo-config.yaml");
    assertThat(OtelLgtmStandIn.tempoConfigFile("--query-frontend.mcp-server.enabled=true")).isEqualTo(
        "/otel-lgtm/tempo-config.yaml");
    assertThat(OtelLgtmStandIn.tempoConfigFile("--config.file=/a.yaml -config.file=/b.yaml")).isEqualTo("/b.yaml");
  }

  @Test
  void beforeSpansArriveSearchesAreEmptyAndTracesUnknown() throws Exception {
    URI tempo = tempo(Duration.ZERO);
    long now = Instant.now().getEpochSecond();
    HttpResponse<String> search = get(tempo, SEARCH + window(now - 3600, now + 60));
    assertThat(search.statusCode()).isEqualTo(200);
    assertThat(search.body()).startsWith("{\"traces\":[]");
    assertThat(get(tempo, "/api/traces/" + TRACE_ID).statusCode()).isEqualTo(404);
    arrived.set(Instant.now());
    assertThat(get(tempo, SEARCH + window(now - 3600, now + 60)).body()).contains(TRACE_ID);
    assertThat(get(tempo, "/api/traces/" + TRACE_ID).statusCode()).isEqualTo(200);
  }

  @Test
  void withTheCutoffAt0ASearchStartingNowIsRefusedAsByTempo3() throws Exception {
    URI tempo = tempo(Duration.ZERO);
    arrived.set(Instant.now().minusSeconds(60));
    long now = Instant.now().getEpochSecond();
    HttpResponse<String> refused = get(tempo, SEARCH + window(now + 5, now + 60));
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.body()).startsWith("http parameter start must be before end. received start=" + (now + 5));
  }

  @Test
  void withTheDefaultCutoffAFreshTraceIsMissingFromSearchButFoundById() throws Exception {
    URI tempo = tempo(Duration.ofHours(1));
    arrived.set(Instant.now());
    long now = Instant.now().getEpochSecond();
    assertThat(get(tempo, SEARCH + window(now - 7200, now + 60)).body()).startsWith("{\"traces\":[]");
    assertThat(get(tempo, "/api/traces/" + TRACE_ID).body()).contains("POST /checkout");
    assertThat(get(tempo, "/status/config").body()).contains("query_end_cutoff: 3600s");
    arrived.set(Instant.now().minus(Duration.ofHours(2)));
    assertThat(get(tempo, SEARCH + window(now - 7200 * 2, now + 60)).body()).contains(TRACE_ID);
  }

  @Test
  void prometheusOfOtelLgtm0310KeepsTheIdentifyingResourceAttributesOnTargetInfo() throws Exception {
    URI prometheus = serve(RecordedStore.prometheus(FixtureSet.OTEL_LGTM_0_31_0,
        () -> Optional.of(Instant.now()), log::add));
    assertThat(get(prometheus, "/api/v1/query?query=target_info%7Bservice_name%3D%22checkout%22%7D").body())
        .contains("\"service_name\":\"checkout\"");
  }

  @Test
  void theTargetInfoJoinByJobGetsTheDerivedAnswerMarkedAsSuch() throws Exception {
    URI prometheus = serve(RecordedStore.prometheus(FixtureSet.TEMPO_2, () -> Optional.ofNullable(arrived.get()),
        log::add));
    String byJob = "/api/v1/query?query=target_info%7Bjob%3D~%22(.%2B%2F)%3Fcheckout%22%7D&time=1795649630";
    HttpResponse<String> before = get(prometheus, byJob);
    assertThat(before.statusCode()).isEqualTo(200);
    assertThat(before.body()).contains("\"result\":[]");
    arrived.set(Instant.now());
    HttpResponse<String> after = get(prometheus, byJob);
    assertThat(after.body()).contains("\"__name__\":\"target_info\"", "\"job\":\"shop/checkout\"");
    assertThat(after.headers().firstValue(RecordedStore.ORIGIN_HEADER)).hasValueSatisfying(origin ->
        assertThat(origin).startsWith("derived: "));
    assertThat(get(prometheus, "/api/v1/query?query=checkout_orders_total").headers()
        .firstValue(RecordedStore.ORIGIN_HEADER)).hasValue("recorded: prom_query_checkout_orders_total.json");
    assertThat(log).singleElement().asString().startsWith("stand-in Prometheus answers GET /api/v1/query "
        + "[query=target_info{job=~\"(.+/)?checkout\"}] unrecorded (derived: ");
  }

  @Test
  void anUnrecordedRequestIs404AndLogged() throws Exception {
    URI loki = serve(RecordedStore.loki(FixtureSet.TEMPO_2, () -> Optional.of(Instant.now()), log::add));
    HttpResponse<String> response = get(loki, "/loki/api/v1/query_range?query=%7Bjob%3D%22x%22%7D");
    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(log).singleElement().asString()
        .startsWith("stand-in Loki: no recorded response for GET /loki/api/v1/query_range [query={job=\"x\"}]");
  }
}
