package io.github.lgtmbootstrap.testkit.container.standin;

import static io.github.lgtmbootstrap.testkit.fixtures.RecordedExchanges.parseQuery;
import static io.github.lgtmbootstrap.testkit.fixtures.RecordedExchanges.withoutTime;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpExchange;
import io.github.lgtmbootstrap.testkit.fixtures.DerivedAnswers;
import io.github.lgtmbootstrap.testkit.fixtures.RecordedExchanges;
import io.github.lgtmbootstrap.testkit.fixtures.RecordedExchanges.Recording;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One store of the stand-in (Tempo, Loki or Prometheus) answering with what the real store answered while the
 * fixtures were recorded: a request is matched against {@code INDEX.tsv} by path, query parameters other than the
 * time ones and the recorded request header. Until the store's signal has arrived over OTLP, results are empty
 * (a trace by id is 404), as on a fresh otel-lgtm. A Tempo 3 store also plays {@code query_end_cutoff}: searches
 * see a trace only {@code cutoff} after it arrived, and with the cutoff at 0 a search whose start is not before
 * its end is refused with Tempo's 400.
 *
 * <p>Requests the testkit sends that were not recorded get the answers {@link DerivedAnswers} derives from the
 * recordings (such as Prometheus' {@code target_info} selected by {@code job}); the store lists them in its log
 * when it starts, and every answer says where it came from in its {@value #ORIGIN_HEADER} header.
 */
final class RecordedStore {

  /** The response header saying whether an answer was recorded (and in which file) or derived (and how). */
  static final String ORIGIN_HEADER = "X-Stand-In-Answer";

  /** An answer that was not recorded: its request (parameters without time ones), body and origin. */
  private record Derived(String path, List<Map.Entry<String, String>> params, String contentType, String body,
      String origin) {}

  /** A response. */
  private record Answer(int status, Map<String, String> headers, byte[] body) {
    static Answer text(int status, String text) {
      return new Answer(status, Map.of("Content-Type", "text/plain; charset=utf-8"),
          text.getBytes(StandardCharsets.UTF_8));
    }

    Answer from(String origin) {
      Map<String, String> marked = new LinkedHashMap<>(headers);
      marked.put(ORIGIN_HEADER, origin);
      return new Answer(status, marked, body);
    }
  }

  private final String name;
  private final FixtureSet fixtures;
  private final List<Recording> recordings;
  private final List<Derived> derived;
  private final Supplier<Optional<Instant>> arrival;
  private final Optional<Duration> queryEndCutoff;
  private final Consumer<String> log;

  private RecordedStore(String name, FixtureSet fixtures, String filePrefix, Supplier<Optional<Instant>> arrival,
      Optional<Duration> queryEndCutoff, Consumer<String> log) {
    this.name = name;
    this.fixtures = fixtures;
    // tempo3_* recordings show the cutoff (same requests, other answers); the store plays that behaviour itself.
    this.recordings = RecordedExchanges.index(fixtures.text("INDEX.tsv")).stream()
        .filter(r -> r.file().startsWith(filePrefix) && !r.file().startsWith("tempo3_")).toList();
    this.derived = filePrefix.equals("prom_") ? List.of(new Derived("/api/v1/query",
        List.of(Map.entry("query", DerivedAnswers.TARGET_INFO_OF_CHECKOUT)), "application/json",
        // otel-lgtm 0.31.0 keeps the identifying attributes on target_info (see FixtureSet#servedBytes)
        DerivedAnswers.targetInfoOfCheckout(fixtures::text, fixtures == FixtureSet.TEMPO_2, true),
        "derived: the recorded target_info{service_name=\"checkout\"}, the only resource recorded"))
        : List.of();
    this.arrival = arrival;
    this.queryEndCutoff = queryEndCutoff;
    this.log = log;
    for (Derived answer : derived) {
      log.accept("stand-in " + name + " answers GET " + answer.path() + " " + answer.params() + " unrecorded ("
          + answer.origin() + ")");
    }
  }

  static RecordedStore tempo(FixtureSet fixtures, Supplier<Optional<Instant>> spans, Optional<Duration> cutoff,
      Consumer<String> log) {
    return new RecordedStore("Tempo", fixtures, "tempo_", spans, cutoff, log);
  }

  static RecordedStore loki(FixtureSet fixtures, Supplier<Optional<Instant>> logs, Consumer<String> log) {
    return new RecordedStore("Loki", fixtures, "loki_", logs, Optional.empty(), log);
  }

  static RecordedStore prometheus(FixtureSet fixtures, Supplier<Optional<Instant>> metrics, Consumer<String> log) {
    return new RecordedStore("Prometheus", fixtures, "prom_", metrics, Optional.empty(), log);
  }

  void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      URI uri = exchange.getRequestURI();
      Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      exchange.getRequestHeaders().forEach((header, values) -> headers.put(header, String.join(",", values)));
      Answer answer = answer(uri.getPath(), parseQuery(uri.getRawQuery()), headers);
      answer.headers().forEach((header, value) -> exchange.getResponseHeaders().add(header, value));
      exchange.sendResponseHeaders(answer.status(), answer.body().length == 0 ? -1 : answer.body().length);
      if (answer.body().length > 0) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(answer.body());
        }
      }
    }
  }

  private Answer answer(String path, List<Map.Entry<String, String>> params, Map<String, String> headers) {
    if (path.equals("/status/config") && queryEndCutoff.isPresent()) {
      return Answer.text(200, DerivedAnswers.tempoConfiguration(queryEndCutoff.get().toSeconds() + "s"))
          .from("derived: the stand-in's own query_end_cutoff");
    }
    Optional<Recording> found = RecordedExchanges.find(recordings, path, params, headers);
    Optional<Derived> unrecorded = derived.stream()
        .filter(d -> d.path().equals(path) && d.params().equals(withoutTime(params))).findFirst();
    if (found.isEmpty() && unrecorded.isPresent()) {
      Derived answer = unrecorded.get();
      Answer full = new Answer(200, Map.of("Content-Type", answer.contentType()),
          answer.body().getBytes(StandardCharsets.UTF_8)).from(answer.origin());
      return arrival.get().isPresent() ? full : emptied(full);
    }
    if (found.isEmpty()) {
      String text = "stand-in " + name + ": no recorded response for GET " + path + " " + withoutTime(params);
      log.accept(text);
      return Answer.text(404, text);
    }
    Recording recording = found.get();
    if (recording.status() != 200) {
      return recorded(recording);
    }
    Instant now = Instant.now();
    Optional<Instant> arrived = arrival.get();
    if (path.equals("/api/search") && queryEndCutoff.isPresent()) {
      Duration cutoff = queryEndCutoff.get();
      Optional<Long> start = longParam(params, "start");
      Optional<Long> end = longParam(params, "end");
      if (start.isPresent() && end.isPresent()) {
        long clampedEnd = Math.min(end.get(), now.minus(cutoff).getEpochSecond());
        if (start.get() >= clampedEnd && cutoff.isZero()) {
          return Answer.text(400, "http parameter start must be before end. received start=" + start.get()
              + " end=" + clampedEnd);
        }
      }
      arrived = arrived.filter(at -> !at.isAfter(now.minus(cutoff)));
    }
    return arrived.isPresent() ? recorded(recording) : empty(recording, path);
  }

  private Answer recorded(Recording recording) {
    return new Answer(recording.status(), responseHeaders(recording.file()), fixtures.servedBytes(recording.file()))
        .from("recorded: " + recording.file());
  }

  /** The answer before any data arrived: the recorded shape with no results. */
  private Answer empty(Recording recording, String path) {
    if (path.startsWith("/api/traces/") || path.startsWith("/api/v2/traces/")) {
      return new Answer(404, Map.of(), new byte[0]);
    }
    return emptied(recorded(recording));
  }

  /** This answer with its results taken out (unchanged when its body is not JSON). */
  private static Answer emptied(Answer answer) {
    JsonElement json;
    try {
      json = JsonParser.parseString(new String(answer.body(), StandardCharsets.UTF_8));
    } catch (RuntimeException notJson) {
      return answer;
    }
    if (json.isJsonObject()) {
      JsonObject object = json.getAsJsonObject();
      if (object.has("traces")) {
        object.add("traces", new JsonArray());
      }
      JsonElement data = object.get("data");
      if (data != null && data.isJsonArray()) {
        object.add("data", new JsonArray());
      } else if (data != null && data.isJsonObject() && data.getAsJsonObject().has("result")) {
        data.getAsJsonObject().add("result", new JsonArray());
      }
    }
    return new Answer(200, answer.headers(), json.toString().getBytes(StandardCharsets.UTF_8))
        .from(answer.headers().getOrDefault(ORIGIN_HEADER, "") + ", results left out: no data arrived yet");
  }

  private Map<String, String> responseHeaders(String file) {
    return RecordedExchanges.responseHeaders(fixtures.text(file + ".headers"));
  }

  private static Optional<Long> longParam(List<Map.Entry<String, String>> params, String param) {
    return params.stream().filter(p -> p.getKey().equals(param)).findFirst().flatMap(p -> {
      try {
        return Optional.of(Long.parseLong(p.getValue()));
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
    });
  }
}
