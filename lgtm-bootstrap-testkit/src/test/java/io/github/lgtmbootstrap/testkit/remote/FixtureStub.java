package io.github.lgtmbootstrap.testkit.remote;

import static io.github.lgtmbootstrap.testkit.fixtures.RecordedExchanges.find;
import static io.github.lgtmbootstrap.testkit.fixtures.RecordedExchanges.parseQuery;
import static io.github.lgtmbootstrap.testkit.fixtures.RecordedExchanges.withoutTime;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.lgtmbootstrap.testkit.fixtures.RecordedExchanges;
import io.github.lgtmbootstrap.testkit.fixtures.RecordedExchanges.Recording;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A loopback HTTP server that plays one store (Tempo, Loki or Prometheus) from the real recorded responses in
 * {@code src/test/resources/fixtures} (one {@link FixtureSet} per recorded stack): a request is answered with the recording whose path and query parameters
 * (ignoring the time parameters {@code start}, {@code end}, {@code time}) and request headers match what
 * {@code INDEX.tsv} recorded, with the recorded status line, headers and byte-exact body. Any other request gets
 * a 404 from the stub and is listed in {@link #unmatched()}, so a client that sends a wrong query fails its test.
 *
 * <p>A test may put one recording first ({@link #serve}), such as Tempo 3's answer to a search made before
 * {@code query_end_cutoff} passed, and may add an answer that was not recorded ({@link #answerUnrecorded}); such
 * answers are derived from recordings or from the stores' documentation, and each says where it comes from.
 */
final class FixtureStub implements AutoCloseable {

  /** The recorded stacks. */
  enum FixtureSet {
    /** Tempo 2.8.2, Loki 3.4.6, Prometheus 3.3.1 (the first recording). */
    LEGACY("", 1795649500L),
    /** Tempo 3.0.3, Loki 3.7.6, Prometheus 3.14.0: the versions grafana/otel-lgtm 0.31.0 ships. */
    OTEL_LGTM_0_31_0("otel-lgtm-0.31.0/", 1795649500L + 246157L);

    private final String directory;
    private final long sinceEpochSecond;

    FixtureSet(String directory, long sinceEpochSecond) {
      this.directory = directory;
      this.sinceEpochSecond = sinceEpochSecond;
    }

    /** A bit before the recorded data was sent (the stub ignores time parameters; a window must include it). */
    java.time.Instant since() {
      return java.time.Instant.ofEpochSecond(sinceEpochSecond);
    }

    String text(String file) {
      return FixtureStub.text(directory + file);
    }

    byte[] bytes(String file) {
      return FixtureStub.bytes(directory + file);
    }
  }

  /** A request the stub received. */
  record Received(String path, List<Map.Entry<String, String>> params, Map<String, String> headers) {
    String param(String name) {
      return params.stream().filter(p -> p.getKey().equals(name)).map(Map.Entry::getValue).findFirst().orElse(null);
    }
  }

  private final HttpServer server;
  private final FixtureSet set;
  private final List<Recording> recordings;
  private final List<Recording> all;
  private final List<Recording> first = new CopyOnWriteArrayList<>();
  private final List<Unrecorded> unrecorded = new CopyOnWriteArrayList<>();
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final List<String> unmatched = new CopyOnWriteArrayList<>();
  private final CountDownLatch released = new CountDownLatch(1);
  private volatile Override override;

  private record Override(int status, String contentType, String body, boolean hang) {}

  private record Unrecorded(String path, List<Map.Entry<String, String>> params, int status, String contentType,
      byte[] body) {}

  private FixtureStub(FixtureSet set, String filePrefix) {
    this.set = set;
    this.all = index(set);
    this.recordings = all.stream().filter(r -> r.file().startsWith(filePrefix)).toList();
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", this::handle);
    server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool(runnable -> {
      Thread thread = new Thread(runnable, "fixture-stub-" + filePrefix);
      thread.setDaemon(true);
      return thread;
    }));
    server.start();
  }

  static FixtureStub tempo() {
    return tempo(FixtureSet.LEGACY);
  }

  static FixtureStub loki() {
    return loki(FixtureSet.LEGACY);
  }

  static FixtureStub prometheus() {
    return prometheus(FixtureSet.LEGACY);
  }

  static FixtureStub tempo(FixtureSet set) {
    return new FixtureStub(set, "tempo_");
  }

  static FixtureStub loki(FixtureSet set) {
    return new FixtureStub(set, "loki_");
  }

  static FixtureStub prometheus(FixtureSet set) {
    return new FixtureStub(set, "prom_");
  }

  FixtureSet set() {
    return set;
  }

  /**
   * Answers requests that match this recording (of the stub's set, whatever store prefix it has) with it, before
   * any other recording of the same request.
   */
  FixtureStub serve(String file) {
    Recording recording = all.stream().filter(r -> r.file().equals(file)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException(file + " is not in " + set + "'s INDEX.tsv"));
    first.add(0, recording);
    return this;
  }

  /**
   * Answers a request that was not recorded (path and query parameters, time parameters ignored). Use only for
   * answers derived from recordings or documented by the store, and say so where it is called.
   */
  FixtureStub answerUnrecorded(String path, Map<String, String> params, int status, String contentType,
      String body) {
    List<Map.Entry<String, String>> entries =
        params.entrySet().stream().map(e -> Map.entry(e.getKey(), e.getValue())).toList();
    unrecorded.add(new Unrecorded(path, withoutTime(entries), status, contentType,
        body.getBytes(StandardCharsets.UTF_8)));
    return this;
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  List<Received> received() {
    return List.copyOf(received);
  }

  List<String> unmatched() {
    return List.copyOf(unmatched);
  }

  /** Answers every following request with this status and body instead of a recording (for 5xx). */
  void answerEverythingWith(int status, String contentType, String body) {
    override = new Override(status, contentType, body, false);
  }

  /** Never answers following requests (until closed), to exercise client timeouts. */
  void hang() {
    override = new Override(0, "", "", true);
  }

  @java.lang.Override
  public void close() {
    released.countDown();
    server.stop(0);
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      URI uri = exchange.getRequestURI();
      List<Map.Entry<String, String>> params = parseQuery(uri.getRawQuery());
      Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, String.join(",", values)));
      received.add(new Received(uri.getPath(), params, headers));
      Override current = override;
      if (current != null) {
        if (current.hang()) {
          released.await(30, TimeUnit.SECONDS);
          return;
        }
        send(exchange, current.status(), Map.of("Content-Type", current.contentType()),
            current.body().getBytes(StandardCharsets.UTF_8));
        return;
      }
      Recording preferred = find(first, uri.getPath(), params, headers).orElse(null);
      if (preferred != null) {
        send(exchange, preferred.status(), responseHeaders(set.directory + preferred.file()),
            set.bytes(preferred.file()));
        return;
      }
      for (Unrecorded answer : unrecorded) {
        if (answer.path().equals(uri.getPath()) && answer.params().equals(withoutTime(params))) {
          send(exchange, answer.status(), Map.of("Content-Type", answer.contentType()), answer.body());
          return;
        }
      }
      Recording recording = find(recordings, uri.getPath(), params, headers).orElse(null);
      if (recording == null) {
        String text = "fixture stub: no recorded response for GET " + uri.getPath() + " " + withoutTime(params)
            + " headers " + headers;
        unmatched.add(text);
        send(exchange, 404, Map.of("Content-Type", "text/plain"), text.getBytes(StandardCharsets.UTF_8));
        return;
      }
      send(exchange, recording.status(), responseHeaders(set.directory + recording.file()),
          set.bytes(recording.file()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void send(HttpExchange exchange, int status, Map<String, String> headers, byte[] body)
      throws IOException {
    headers.forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  private static Map<String, String> responseHeaders(String file) {
    return RecordedExchanges.responseHeaders(text(file + ".headers"));
  }

  static byte[] bytes(String file) {
    try (InputStream in = FixtureStub.class.getResourceAsStream("/fixtures/" + file)) {
      Objects.requireNonNull(in, "fixture " + file + " missing from test resources");
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String text(String file) {
    return new String(bytes(file), StandardCharsets.UTF_8);
  }

  static List<Recording> index(FixtureSet set) {
    return RecordedExchanges.index(set.text("INDEX.tsv"));
  }
}
