package io.github.lgtmbootstrap.testkit.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lgtmbootstrap.testkit.model.Span;
import io.github.lgtmbootstrap.testkit.query.BackendQueryException;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TempoClientTest {

  static final String TRACE_ID = "5b8efff798038103d269b633813fc60c";
  static final Instant SINCE = Instant.ofEpochSecond(1795646000L);

  private final FixtureStub stub = FixtureStub.tempo();

  @AfterEach
  void stopStub() {
    stub.close();
  }

  static StoreHttp http(FixtureStub stub, String store, Duration timeout) {
    return new StoreHttp(store, stub.url(), HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build(),
        Map.of("Authorization", "Bearer s3cr3t"), timeout);
  }

  private TempoClient client() {
    return new TempoClient(http(stub, "Tempo", Duration.ofSeconds(5)));
  }

  @Test
  void traceByIdMapsBase64IdsStringEnumsAndTypedAttributesIntoSpans() {
    List<Span> spans = client().trace(TRACE_ID).orElseThrow();

    assertThat(spans).extracting(Span::name).containsExactly("POST /checkout", "charge-card");
    Span root = spans.get(0);
    assertThat(root.traceId()).isEqualTo(TRACE_ID);
    assertThat(root.spanId()).isEqualTo("eee19b7ec3c1b174");
    assertThat(root.isRoot()).isTrue();
    assertThat(root.kind()).isEqualTo(SpanKind.SERVER);
    assertThat(root.statusCode()).isEqualTo(StatusCode.OK);
    assertThat(root.duration()).isEqualTo(Duration.ofMillis(250));
    assertThat(root.attributes()).containsEntry("http.request.method", "POST")
        .containsEntry("http.response.status_code", 200L).containsEntry("order.id", "ord-42");
    assertThat(root.resource()).containsEntry("service.name", "checkout")
        .containsEntry("service.namespace", "shop").containsEntry("service.instance.id", "checkout-1");
    assertThat(root.scope().name()).isEqualTo("com.example.checkout");
    assertThat(root.scope().version()).isEqualTo("0.1.0");

    Span child = spans.get(1);
    assertThat(child.parentSpanId()).isEqualTo("eee19b7ec3c1b174");
    assertThat(child.spanId()).isEqualTo("eee19b7ec3c1b175");
    assertThat(child.kind()).isEqualTo(SpanKind.CLIENT);
    assertThat(child.statusCode()).isEqualTo(StatusCode.UNSET);
    assertThat(child.attributes()).containsEntry("payment.amount", 42.5).containsEntry("payment.provider", "acme-pay");
    assertThat(child.events()).singleElement().satisfies(event -> {
      assertThat(event.name()).isEqualTo("card.authorized");
      assertThat(event.epochNanos()).isEqualTo(1795649566875271513L);
      assertThat(event.attributes()).containsEntry("card.brand", "visa");
    });
    assertThat(stub.unmatched()).isEmpty();
    assertThat(stub.received()).singleElement().satisfies(request -> {
      assertThat(request.headers()).containsEntry("Accept", "application/json");
      assertThat(request.headers()).containsEntry("Authorization", "Bearer s3cr3t");
    });
  }

  @Test
  void v2TraceShapeParsesToTheSameSpans() {
    List<Span> v1 = TempoTraceJson.parse(FixtureStub.text("tempo_api_traces_id_default.json"));
    List<Span> v2 = TempoTraceJson.parse(FixtureStub.text("tempo_api_v2_traces_id.json"));
    assertThat(v2).containsExactlyInAnyOrderElementsOf(v1);
  }

  @Test
  void unknownTraceIsEmptyNotAnError() {
    assertThat(client().trace("00000000000000000000000000000001")).isEqualTo(Optional.empty());
    assertThat(stub.unmatched()).isEmpty();
  }

  @Test
  void invalidTraceIdShowsTempoOwnPlainTextError() {
    assertThatThrownBy(() -> client().trace("not-a-trace-id"))
        .isInstanceOf(BackendQueryException.class)
        .hasMessageContaining("Tempo rejected the query with HTTP 400 when asked to look up trace not-a-trace-id: "
            + "the trace id is not a trace id; it must be 32 hex characters")
        .hasMessageContaining("trace IDs can only contain hex characters")
        .hasMessageContaining(stub.url() + "/api/traces/not-a-trace-id")
        .hasMessageContaining("query: trace not-a-trace-id")
        .hasMessageNotContaining("s3cr3t");
  }

  @Test
  void searchSendsTraceQlWithWindowAndLimitAndReadsMatchedSpans() {
    List<TempoClient.Hit> hits = client().search(
        "{resource.service.name=\"checkout\"}", SINCE, SINCE.plusSeconds(3660), 20, 0);

    assertThat(stub.unmatched()).isEmpty();
    FixtureStub.Received request = stub.received().get(0);
    assertThat(request.path()).isEqualTo("/api/search");
    assertThat(request.param("start")).isEqualTo("1795646000");
    assertThat(request.param("end")).isEqualTo("1795649660");
    assertThat(hits).singleElement().satisfies(hit -> {
      assertThat(hit.traceId()).isEqualTo(TRACE_ID);
      assertThat(hit.matchedSpanIds()).containsExactly("eee19b7ec3c1b174", "eee19b7ec3c1b175");
      assertThat(hit.matched()).isEqualTo(2);
      assertThat(hit.allSpansListed()).isTrue();
    });
  }

  @Test
  void searchWithoutWindowAsksRecentData() {
    List<TempoClient.Hit> hits = client().search(
        "{resource.service.name=\"checkout\" && name=\"charge-card\"}", null, null, 0, 0);

    assertThat(stub.unmatched()).isEmpty();
    assertThat(hits).singleElement().satisfies(hit ->
        assertThat(hit.matchedSpanIds()).containsExactly("eee19b7ec3c1b175"));
  }

  @Test
  void searchPassesSpansPerSpanSet() {
    List<TempoClient.Hit> hits = client().search(
        "{resource.service.name=\"checkout\"} | select(span.payment.provider)", null, null, 0, 10);

    assertThat(stub.unmatched()).isEmpty();
    assertThat(stub.received().get(0).param("spss")).isEqualTo("10");
    assertThat(hits).hasSize(1);
  }

  @Test
  void aDifferentQueryThanRecordedIsCaughtByTheStub() {
    assertThatThrownBy(() -> client().search("{resource.service.name=\"other\"}", SINCE, SINCE, 20, 0))
        .isInstanceOf(BackendQueryException.class)
        .hasMessageContaining("HTTP 404");
    assertThat(stub.unmatched()).hasSize(1);
  }

  @Test
  void badTraceQlShowsTempoParseError() {
    assertThatThrownBy(() -> client().search("{resource.service.name=}", null, null, 0, 0))
        .isInstanceOfSatisfying(BackendQueryException.class, e -> assertThat(e.retryable()).isFalse())
        .hasMessageContaining("Tempo rejected the query with HTTP 400 when asked to search for traces matching this "
            + "TraceQL in its recent data: the TraceQL does not parse")
        .hasMessageContaining("Tempo said: invalid TraceQL query: parse error at line 1, col 24")
        .hasMessageContaining("query: {resource.service.name=}");
  }

  @Test
  void listsTagNamesAndValues() {
    assertThat(client().tagNames()).contains("service.name", "order.id", "payment.amount").hasSize(16);
    assertThat(client().tagValues("service.name")).containsExactly("checkout");
    assertThat(stub.unmatched()).isEmpty();
  }

  @Test
  void v2TagValuesShapeIsReadToo() {
    assertThat(Json.array(Json.object(FixtureStub.text("tempo_api_v2_search_tag_service.name_values.json")),
        "tagValues")).hasSize(1);
  }

  @Test
  void readinessAnswersTrueOnRecordedReadyAndFalseWhenDown() {
    TempoClient client = client();
    assertThat(client.isReady()).isTrue();
    stub.close();
    assertThat(client.isReady()).isFalse();
  }

  @Test
  void serverErrorNamesStoreStatusAndBody() {
    stub.answerEverythingWith(503, "text/plain", "too many outstanding requests");
    assertThatThrownBy(() -> client().trace(TRACE_ID))
        .isInstanceOfSatisfying(BackendQueryException.class, e -> assertThat(e.retryable()).isTrue())
        .hasMessageContaining("Tempo failed with HTTP 503: too many outstanding requests")
        .hasMessageContaining("/api/traces/" + TRACE_ID);
  }

  @Test
  void rateLimitedQueryIsWorthRetrying() {
    stub.answerEverythingWith(429, "text/plain", "max outstanding requests per tenant reached");
    assertThatThrownBy(() -> client().trace(TRACE_ID))
        .isInstanceOfSatisfying(BackendQueryException.class, e -> assertThat(e.retryable()).isTrue())
        .hasMessageContaining("Tempo rejected the query with HTTP 429 when asked to look up trace " + TRACE_ID
            + ": Tempo is busy or rate-limits this client; the testkit asks again while the assertion waits")
        .hasMessageContaining("Tempo said: max outstanding requests per tenant");
  }

  @Test
  void missingCredentialsSayWhichKeySetsThem() {
    stub.answerEverythingWith(401, "text/plain", "no org id");
    assertThatThrownBy(() -> client().trace(TRACE_ID))
        .isInstanceOfSatisfying(BackendQueryException.class, e -> assertThat(e.retryable()).isFalse())
        .hasMessageContaining("Tempo rejected the query with HTTP 401 when asked to look up trace " + TRACE_ID
            + ": the credentials were missing or not accepted")
        .hasMessageContaining(ExternalBackend.HEADERS_KEY)
        .hasMessageContaining("Tempo said: no org id")
        .hasMessageNotContaining("s3cr3t");
  }

  @Test
  void aUrlWithoutTempoBehindItSaysWhereToPointIt() {
    stub.answerEverythingWith(404, "text/plain", "404 page not found");
    assertThatThrownBy(() -> client().search("{}", SINCE, SINCE.plusSeconds(60), 20, 0))
        .isInstanceOfSatisfying(BackendQueryException.class, e -> assertThat(e.retryable()).isFalse())
        .hasMessageContaining("when asked to search for traces matching this TraceQL from "
            + SINCE + " to " + SINCE.plusSeconds(60) + ": there is no Tempo query API at this URL; point the Tempo "
            + "URL at Tempo's own HTTP port (3200 in grafana/otel-lgtm)");
  }

  @Test
  void slowStoreTimesOutWithinTheRequestTimeout() {
    stub.hang();
    TempoClient client = new TempoClient(http(stub, "Tempo", Duration.ofMillis(300)));
    assertThatThrownBy(() -> client.search("{}", SINCE, SINCE, 20, 0))
        .isInstanceOfSatisfying(BackendQueryException.class, e -> assertThat(e.retryable()).isTrue())
        .hasMessageContaining("Tempo did not answer within 300 ms")
        .hasMessageContaining("query: {}");
  }

  @Test
  void unreachableStoreSaysSo() {
    TempoClient client = client();
    stub.close();
    assertThatThrownBy(() -> client.trace(TRACE_ID))
        .isInstanceOfSatisfying(BackendQueryException.class, e -> assertThat(e.retryable()).isTrue())
        .hasMessageContaining("Tempo is unreachable")
        .hasMessageContaining(stub.url().toString());
  }
}
