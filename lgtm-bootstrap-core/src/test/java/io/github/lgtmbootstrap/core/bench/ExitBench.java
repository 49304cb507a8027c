package io.github.lgtmbootstrap.core.bench;

import io.github.lgtmbootstrap.core.support.BlackHole;
import io.github.lgtmbootstrap.core.support.CaptureServer;
import io.github.lgtmbootstrap.core.support.ExitProbe;
import io.github.lgtmbootstrap.core.support.LatencyProxy;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Exit-time measurements, each sample a fresh JVM running {@link ExitProbe} (init, 10 spans, a counter, READY,
 * return from main without close: the shutdown hook ends the process):
 * <ol>
 *   <li>{@code bound}: READY to process exit against a black-holed endpoint (accepts TCP, never answers), a dead
 *       port (nothing listens), a backend answering after 5 s, and a live one, for several
 *       {@code lgtm.shutdown.timeout} values (dev profile);
 *   <li>{@code remote}: the production profile against a live backend behind a {@link LatencyProxy} (round trip
 *       0/100/300 ms) that also takes 0 or 1.5 s per request (Caddy checking a bcrypt-14 hash): did the spans
 *       arrive, and how long did exit take, for several bounds.
 * </ol>
 * Run with {@code src/test/bench/exit.sh [bound|remote|all] [samples]}.
 */
public final class ExitBench {

  private ExitBench() {}

  public static void main(String[] args) throws Exception {
    String what = args.length > 0 ? args[0] : "all";
    int n = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    System.out.printf(Locale.ROOT, "samples per cell: %d (fresh JVM each); java %s, %d cpus%n%n",
        n, System.getProperty("java.version"), Runtime.getRuntime().availableProcessors());
    if (what.equals("bound") || what.equals("all")) {
      bound(n);
    }
    if (what.equals("remote") || what.equals("all")) {
      remote(n, args.length > 2 ? args[2].split(",") : new String[] {"1000", "default"});
    }
  }

  private static void bound(int n) throws Exception {
    System.out.println("| backend | lgtm.shutdown.timeout ms | READY to exit, median ms | max ms | max - bound ms |");
    System.out.println("|---|---|---|---|---|");
    try (BlackHole hole = new BlackHole();
        CaptureServer live = new CaptureServer();
        CaptureServer slow = new CaptureServer().respondAfter(Duration.ofSeconds(5))) {
      String dead = "http://127.0.0.1:" + Measure.freePort();
      String[][] backends = {
        {"(no Lgtm.init: JVM exit alone)", "none"}, {"black hole", hole.endpoint()}, {"dead port", dead},
        {"answers after 5 s", slow.endpoint()}, {"live", live.endpoint()}
      };
      for (String[] backend : backends) {
        for (long bound : backend[1].equals("none") ? new long[] {0} : new long[] {300, 1000, 3000}) {
          List<Double> times = new ArrayList<>();
          for (int i = 0; i < n; i++) {
            times.add(runProbe(backend[1], String.valueOf(bound), "dev"));
          }
          double max = Collections.max(times);
          System.out.printf(Locale.ROOT, "| %s | %d | %.0f | %.0f | %+.0f |%n",
              backend[0], bound, Measure.median(times), max, max - bound);
        }
      }
    }
    System.out.println();
  }

  private static void remote(int n, String[] bounds) throws Exception {
    System.out.println("| round trip ms | backend ms per request | lgtm.shutdown.timeout | runs with spans arrived "
        + "| READY to exit, median ms | max ms |");
    System.out.println("|---|---|---|---|---|---|");
    for (long serverMillis : new long[] {0, 1500}) {
      for (long rtt : new long[] {0, 100, 300}) {
        for (String bound : bounds) {
          int arrived = 0;
          List<Double> times = new ArrayList<>();
          for (int i = 0; i < n; i++) {
            try (CaptureServer backend = new CaptureServer().respondAfter(Duration.ofMillis(serverMillis));
                LatencyProxy proxy = new LatencyProxy(backend.endpoint(), Duration.ofMillis(rtt))) {
              times.add(runProbe(proxy.endpoint(), bound, "production"));
              if (backend.requests().stream().anyMatch(r -> r.path().endsWith("/v1/traces"))) {
                arrived++;
              }
            }
          }
          System.out.printf(Locale.ROOT, "| %d | %d | %s | %d/%d | %.0f | %.0f |%n",
              rtt, serverMillis, bound, arrived, n, Measure.median(times), Collections.max(times));
        }
      }
    }
    System.out.println();
  }

  /** READY to process exit, in ms. */
  private static double runProbe(String endpoint, String bound, String profile) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Path stderr = Files.createTempFile("exit-bench", ".err");
    try {
      Process p =
          new ProcessBuilder(
                  java, "-cp", System.getProperty("java.class.path"),
                  "-Djava.util.logging.config.file=/dev/null",
                  ExitProbe.class.getName(), endpoint, bound, profile)
              .redirectError(stderr.toFile())
              .start();
      BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      boolean ready = false;
      for (String line; !ready && (line = r.readLine()) != null; ) {
        ready = line.equals("READY"); // skips the HANDLE line
      }
      long t0 = System.nanoTime();
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return 60_000;
      }
      if (!ready) {
        throw new IllegalStateException("probe ended without READY: " + Files.readString(stderr));
      }
      return (System.nanoTime() - t0) / 1e6;
    } finally {
      Files.deleteIfExists(stderr);
    }
  }
}
