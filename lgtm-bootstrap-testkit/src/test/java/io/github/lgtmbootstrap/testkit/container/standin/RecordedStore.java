package io.github.lgtmbootstrap.testkit.container.standin;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
 */
final class RecordedStore {

  private static final Set<String> TIME_PARAMS = Set.of("start", "end", "time");

  /** A line of INDEX.tsv. */
  private record Recording(String file, int status, String path, List<Map.Entry<String, String>> params,
      Map<String, String> requiredHeaders) {}

  /** A response. */
  private record Answer(int status, Map<String, String> headers, byte[] body) {
    static Answer text(int status, String text) {
      return new Answer(status, Map.of("Content-Type", "text/plain; charset=utf-8"),
          text.getBytes(StandardCharsets.UTF_8));
    }
  }

  private final String name;
  private final FixtureSet fixtures;
  private final List<Recording> recordings;
  private final Supplier<Optional<Instant>> arrival;
  private final Optional<Duration> queryEndCutoff;
  private final Consumer<String> log;

  private RecordedStore(String name, FixtureSet fixtures, String filePrefix, Supplier<Optional<Instant>> arrival,
      Optional<Duration> queryEndCutoff, Consumer<String> log) {
    this.name = name;
    this.fixtures = fixtures;
    // tempo3_* recordings show the cutoff (same requests, other answers); the store plays that behaviour itself.
    this.recordings = index(fixtures).stream()
        .filter(r -> r.file().startsWith(filePrefix) && !r.file().startsWith("tempo3_")).toList();
    this.arrival = arrival;
    this.queryEndCutoff = queryEndCutoff;
    this.log = log;
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
      return Answer.text(200, "query_frontend:\n    query_end_cutoff: " + queryEndCutoff.get().toSeconds() + "s\n");
    }
    Optional<Recording> found = find(path, params, headers);
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

  private Optional<Recording> find(String path, List<Map.Entry<String, String>> params, Map<String, String> headers) {
    List<Map.Entry<String, String>> wanted = withoutTime(params);
    return recordings.stream()
        .filter(r -> r.path().equals(path) && withoutTime(r.params()).equals(wanted))
        .filter(r -> r.requiredHeaders().entrySet().stream()
            .allMatch(h -> h.getValue().equalsIgnoreCase(headers.getOrDefault(h.getKey(), ""))))
        .max(Comparator.comparingInt(r -> r.requiredHeaders().size()));
  }

  private Answer recorded(Recording recording) {
    return new Answer(recording.status(), responseHeaders(recording.file()), fixtures.servedBytes(recording.file()));
  }

  /** The answer before any data arrived: the recorded shape with no results. */
  private Answer empty(Recording recording, String path) {
    if (path.startsWith("/api/traces/") || path.startsWith("/api/v2/traces/")) {
      return new Answer(404, Map.of(), new byte[0]);
    }
    JsonElement json;
    try {
      json = JsonParser.parseString(new String(fixtures.bytes(recording.file()), StandardCharsets.UTF_8));
    } catch (RuntimeException notJson) {
      return recorded(recording);
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
    return new Answer(200, responseHeaders(recording.file()), json.toString().getBytes(StandardCharsets.UTF_8));
  }

  private Map<String, String> responseHeaders(String file) {
    Map<String, String> headers = new TreeMap<>();
    String[] lines = new String(fixtures.bytes(file + ".headers"), StandardCharsets.UTF_8).split("\r?\n");
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      String header = colon > 0 ? lines[i].substring(0, colon).trim() : "";
      if (!header.isEmpty() && !Set.of("content-length", "transfer-encoding", "date")
          .contains(header.toLowerCase(Locale.ROOT))) {
        headers.put(header, lines[i].substring(colon + 1).trim());
      }
    }
    return headers;
  }

  private static List<Recording> index(FixtureSet fixtures) {
    List<Recording> recordings = new ArrayList<>();
    for (String line : new String(fixtures.bytes("INDEX.tsv"), StandardCharsets.UTF_8).split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      String[] columns = line.split("\t", -1);
      URI url = URI.create(columns[2].replace("[", "%5B").replace("]", "%5D"));
      Map<String, String> required = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      String extra = columns.length > 3 ? columns[3].trim() : "";
      if (extra.startsWith("-H ")) {
        int colon = extra.indexOf(':');
        required.put(extra.substring(3, colon).trim(), extra.substring(colon + 1).trim());
      }
      recordings.add(new Recording(columns[0], Integer.parseInt(columns[1].split(" ")[1]), url.getPath(),
          parseQuery(url.getRawQuery()), required));
    }
    return recordings;
  }

  private static List<Map.Entry<String, String>> parseQuery(String rawQuery) {
    List<Map.Entry<String, String>> params = new ArrayList<>();
    if (rawQuery != null && !rawQuery.isEmpty()) {
      for (String pair : rawQuery.split("&")) {
        int equals = pair.indexOf('=');
        params.add(Map.entry(decode(equals < 0 ? pair : pair.substring(0, equals)),
            decode(equals < 0 ? "" : pair.substring(equals + 1))));
      }
    }
    return params;
  }

  private static String decode(String text) {
    return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  private static List<Map.Entry<String, String>> withoutTime(List<Map.Entry<String, String>> params) {
    return params.stream().filter(p -> !TIME_PARAMS.contains(p.getKey()))
        .sorted(Map.Entry.comparingByKey()).toList();
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
