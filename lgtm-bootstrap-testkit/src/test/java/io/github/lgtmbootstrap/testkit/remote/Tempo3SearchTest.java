package io.github.lgtmbootstrap.testkit.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lgtmbootstrap.testkit.assertions.Polling;
import io.github.lgtmbootstrap.testkit.assertions.TracesAssert;
import io.github.lgtmbootstrap.testkit.model.Span;
import io.github.lgtmbootstrap.testkit.query.QueryResult;
import io.github.lgtmbootstrap.testkit.query.TelemetryQuery;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Tempo 3 cases of the otel-lgtm 0.31.0 recording: with the default {@code query_end_cutoff} (30 s) a fresh
 * trace is missing from search until the cutoff passed; with the cutoff at 0 a window that starts in the current
 * second is refused with a 400. Both must make an assertion wait, not fail.
 */
class Tempo3SearchTest {

  private static final FixtureStub.FixtureSet SET = FixtureStub.FixtureSet.OTEL_LGTM_0_31_0;
  private static final TelemetryQuery CHECKOUT =
      TelemetryQuery.since(SET.since()).withResourceAttribute("service.name", "checkout");

  private final FixtureStub tempo = FixtureStub.tempo(SET);
  private final FixtureStub loki = FixtureStub.loki(SET);
  private final FixtureStub prometheus = FixtureStub.prometheus(SET);
  private final Logger logger = Logger.getLogger(RemoteTelemetrySource.class.getName());
  private final List<LogRecord> logged = new CopyOnWriteArrayList<>();
  private final Handler handler = new Handler() {
    @Override
    public void publish(LogRecord record) {
      logged.add(record);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  };

  Tempo3SearchTest() {
    logger.addHandler(handler);
  }

  @AfterEach
  void stop() {
    logger.removeHandler(handler);
    tempo.close();
    loki.close();
    prometheus.close();
  }

  private RemoteTelemetrySource source(Clock clock) {
    return RemoteTelemetrySource.builder().setTempoUrl(tempo.url()).setLokiUrl(loki.url())
        .setPrometheusUrl(prometheus.url()).setClock(clock).build();
  }

  private RemoteTelemetrySource source() {
    return source(Clock.systemUTC());
  }

  @Test
  void defaultCutoffHidesAFreshTraceFromSearchUntilItPassedAndSaysWhyOnce() {
    // /status/config is not answered (the stub's 404): Tempo 3's default cutoff is assumed
    tempo.serve("tempo3_default_cutoff_search_fresh.txt");
    RemoteTelemetrySource source = source();

    QueryResult<Span> fresh = source.spans(CHECKOUT);
    assertThat(fresh.items()).isEmpty();
    assertThat(fresh.query()).startsWith("{resource.service.name=\"checkout\"}\n(Tempo v3.0.3 shows a trace to "
            + "search only 30s after it arrived (query_frontend.query_end_cutoff, Tempo 3's default of 30s")
        .contains("wait 30s longer")
        .contains("Set query_end_cutoff: 0s under query_frontend: in Tempo's configuration");
    assertThat(source.traceSearchDelay()).isEqualTo(Duration.ofSeconds(30));

    tempo.serve("tempo3_default_cutoff_search_after_35s.json");
    assertThat(source.spans(CHECKOUT).items()).extracting(Span::name)
        .containsExactly("POST /checkout", "charge-card");

    assertThat(logged).singleElement().satisfies(record -> {
      assertThat(record.getLevel()).isEqualTo(Level.WARNING);
      assertThat(java.text.MessageFormat.format(record.getMessage(), record.getParameters()))
          .contains("Tempo v3.0.3 shows a trace to search only 30s after it arrived")
          .contains("Tempo at " + tempo.url());
    });
    assertThat(tempo.unmatched()).singleElement().asString().contains("/status/config");
    assertThat(tempo.received()).extracting(FixtureStub.Received::path).containsSubsequence(
        "/api/status/buildinfo", "/status/config", "/api/search", "/api/search");
    assertThat(tempo.received()).filteredOn(r -> r.path().startsWith("/api/status/")).hasSize(1);
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {"tempo3_default_cutoff_search_fresh.txt",
      "tempo3_default_cutoff_search_nostartend.json", "tempo3_default_cutoff_search_start_now.txt"})
  void everyRecordedSearchBeforeTheDefaultCutoffIsAnEmptyAnswerNotAFailure(String recording) {
    tempo.serve(recording);
    QueryResult<Span> result = source().traceql("{resource.service.name=\"checkout\"}", CHECKOUT);
    assertThat(result.items()).isEmpty();
    assertThat(result.query()).contains("shows a trace to search only 30s after it arrived");
  }

  @Test
  void configuredCutoffIsReadFromTempoAndZeroMeansNoWaitAndNoNote() {
    UnrecordedAnswers.tempoConfiguration(tempo, "0s");
    RemoteTelemetrySource source = source();

    QueryResult<Span> result = source.spans(CHECKOUT);
    assertThat(result.items()).hasSize(2);
    assertThat(result.query()).isEqualTo("{resource.service.name=\"checkout\"}");
    assertThat(source.traceSearchDelay()).isZero();
    assertThat(logged).isEmpty();
  }

  @Test
  void aConfiguredCutoffIsTheWait() {
    UnrecordedAnswers.tempoConfiguration(tempo, "1m5s");
    tempo.serve("tempo3_default_cutoff_search_fresh.txt");
    RemoteTelemetrySource source = source();
    assertThat(source.traceSearchDelay()).isEqualTo(Duration.ofSeconds(65));
    assertThat(source.spans(CHECKOUT).query())
        .contains("(query_frontend.query_end_cutoff: 1m5s in its /status/config)");
  }

  @Test
  void windowStartingInTheCurrentSecondIsRefusedWith400AndTheAssertionWaitsInsteadOfFailingAtOnce() {
    UnrecordedAnswers.tempoConfiguration(tempo, "0s");
    tempo.serve("tempo3_cutoff0_search_start_now.txt");
    RemoteTelemetrySource source = source();

    QueryResult<Span> refused = source.spans(CHECKOUT);
    assertThat(refused.items()).isEmpty();
    assertThat(refused.query()).contains("(Nothing searchable in this window yet: Tempo rejected the query with "
        + "HTTP 400 when asked to search for traces matching this TraceQL from ");

    TracesAssert quick = new TracesAssert(source, CHECKOUT,
        Polling.of(Duration.ofMillis(300), Duration.ofMillis(50), () -> {}));
    assertThatThrownBy(() -> quick.hasSpan("POST /checkout"))
        .hasMessageContaining("did not happen within 300ms")
        .hasMessageContaining("the time window was empty once Tempo cut its end to now minus query_end_cutoff")
        .hasMessageNotContaining("stopped at once");

    tempo.serve("tempo3_cutoff0_search_fresh.json");
    quick.hasSpan("POST /checkout").withChild("charge-card");
  }

  @Test
  void searchWindowStartsStrictlyBeforeItsEndWhenTheTestStartedThisSecond() {
    UnrecordedAnswers.tempoConfiguration(tempo, "0s");
    Instant now = SET.since().plusMillis(999);
    source(Clock.fixed(now, ZoneOffset.UTC)).spans(CHECKOUT);

    FixtureStub.Received search = tempo.received().stream().filter(r -> r.path().equals("/api/search"))
        .findFirst().orElseThrow();
    long start = Long.parseLong(search.param("start"));
    // Tempo 3 with the cutoff at 0 cuts the end to the second of now: the start must be before it
    assertThat(start).isEqualTo(SET.since().getEpochSecond() - 1).isLessThan(now.getEpochSecond());
    assertThat(Long.parseLong(search.param("end"))).isGreaterThan(start);
  }

  @Test
  void externalBackendAddsTheCutoffToSpanWaitsOnTempo3AndNothingOnTempo2() {
    assertThat(backendOn(tempo).searchDelay()).isEqualTo(Duration.ofSeconds(30));
    try (FixtureStub tempo2 = FixtureStub.tempo()) {
      assertThat(backendOn(tempo2).searchDelay()).isZero();
      assertThat(tempo2.received()).extracting(FixtureStub.Received::path)
          .containsExactly("/api/status/buildinfo");
    }
  }

  private ExternalBackend backendOn(FixtureStub tempoStub) {
    java.util.Map<String, String> keys = java.util.Map.of(
        ExternalBackend.OTLP_ENDPOINT_KEY, "http://127.0.0.1:4318",
        ExternalBackend.TEMPO_URL_KEY, tempoStub.url().toString(),
        ExternalBackend.LOKI_URL_KEY, loki.url().toString(),
        ExternalBackend.PROMETHEUS_URL_KEY, prometheus.url().toString());
    return ExternalBackend.fromConfig(key -> Optional.ofNullable(keys.get(key))
        .map(value -> new io.github.lgtmbootstrap.testkit.internal.ConfigLookup.Setting(value, "key " + key)));
  }

  @Test
  void cutoffFromVersionAndConfiguration() {
    assertThat(TempoSearchCutoff.of(Optional.of("v2.8.2"), () -> {
      throw new AssertionError("Tempo 2 has no query_end_cutoff: its configuration is not asked for");
    }).cutoff()).isZero();
    assertThat(TempoSearchCutoff.of(Optional.of("v3.0.3"), Optional::empty).cutoff()).isEqualTo(Duration.ofSeconds(30));
    assertThat(TempoSearchCutoff.of(Optional.of("3.1.0"), () -> Optional.of("query_frontend:\n  query_end_cutoff: 500ms\n"))
        .cutoff()).isEqualTo(Duration.ofMillis(500));
    assertThat(TempoSearchCutoff.of(Optional.empty(), Optional::empty).cutoff()).isZero();
    assertThat(TempoSearchCutoff.of(Optional.of("main-1900ed7"), () -> Optional.of("query_end_cutoff: 10s"))
        .cutoff()).isEqualTo(Duration.ofSeconds(10));
    assertThat(TempoSearchCutoff.parseGoDuration("1h2m3.5s")).contains(Duration.ofMillis(3_723_500));
    assertThat(TempoSearchCutoff.parseGoDuration("30")).isEmpty();
    assertThat(TempoSearchCutoff.parseGoDuration("0")).contains(Duration.ZERO);
    assertThat(TempoSearchCutoff.none("v2.8.2").explanation()).isEmpty();
  }
}
