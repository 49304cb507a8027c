package io.github.lgtmbootstrap.core.bench;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Side-by-side measurements in one run, each sample in a fresh JVM, modes interleaved:
 * <ol>
 *   <li>start-up: {@code Lgtm.init()} vs bare {@code AutoConfiguredOpenTelemetrySdk.initialize()} with the same
 *       exporters (OTLP http/protobuf, all three signals) and the same resource providers on the class path;
 *   <li>exit time with a black-holed endpoint (accepts TCP, never answers): READY to process exit;
 *   <li>the OTLP sender: JDK HttpClient vs OkHttp (start-up, exit, jar count and size).
 * </ol>
 * Run by {@code src/test/bench/measure.sh}; arguments: the JDK-sender class path, the OkHttp-sender class path,
 * samples per cell.
 */
public final class Measure {

  private Measure() {}

  public static void main(String[] args) throws Exception {
    String jdkCp = Files.readString(Path.of(args[0])).trim();
    String okCp = Files.readString(Path.of(args[1])).trim();
    int n = args.length > 2 ? Integer.parseInt(args[2]) : 7;
    String probeCp = System.getProperty("probe.classes");

    try (BlackHole hole = new BlackHole()) {
      String dead = "http://127.0.0.1:" + freePort(); // nothing listens: init must not care
      Map<String, List<Double>> init = new LinkedHashMap<>();
      Map<String, List<Double>> ready = new LinkedHashMap<>();
      Map<String, List<Double>> exit = new LinkedHashMap<>();
      for (int i = 0; i < n; i++) {
        for (String[] cell :
            new String[][] {
              {"bare", "jdk"}, {"lgtm", "jdk"}, {"lgtm-noruntime", "jdk"}, {"bare", "okhttp"}, {"lgtm", "okhttp"}
            }) {
          String cp = probeCp + File.pathSeparator + (cell[1].equals("jdk") ? jdkCp : okCp);
          String key = cell[0] + " / " + cell[1];
          String[] r = runInit(cp, cell[0], dead);
          init.computeIfAbsent(key, k -> new ArrayList<>()).add(Double.parseDouble(r[0]));
          ready.computeIfAbsent(key, k -> new ArrayList<>()).add(Double.parseDouble(r[1]));
        }
        for (String[] cell : new String[][] {{"bare", "jdk"}, {"lgtm", "jdk"}, {"bare", "okhttp"}, {"lgtm", "okhttp"}}) {
          String cp = probeCp + File.pathSeparator + (cell[1].equals("jdk") ? jdkCp : okCp);
          exit.computeIfAbsent(cell[0] + " / " + cell[1], k -> new ArrayList<>())
              .add(runExit(cp, cell[0], hole.endpoint()));
        }
      }
      System.out.printf(Locale.ROOT, "samples per cell: %d (fresh JVM each, interleaved); java %s, %d cpus%n",
          n, System.getProperty("java.version"), Runtime.getRuntime().availableProcessors());
      System.out.println();
      System.out.println("| mode / sender | init() median ms | JVM start to initialised, median ms |");
      System.out.println("|---|---|---|");
      init.forEach((k, v) -> System.out.printf(Locale.ROOT, "| %s | %.1f | %.0f |%n", k, median(v), median(ready.get(k))));
      double bare = median(init.get("bare / jdk"));
      System.out.printf(Locale.ROOT, "%nratio Lgtm.init() / bare initialize() (JDK sender): %.2f (without runtime metrics: %.2f)%n",
          median(init.get("lgtm / jdk")) / bare, median(init.get("lgtm-noruntime / jdk")) / bare);
      System.out.println();
      System.out.println("| mode / sender, black-holed endpoint | READY to exit, median ms | max ms |");
      System.out.println("|---|---|---|");
      exit.forEach((k, v) -> System.out.printf(Locale.ROOT, "| %s | %.0f | %.0f |%n", k, median(v), Collections.max(v)));
      System.out.println();
      System.out.println("| sender | runtime jars | total MiB |");
      System.out.println("|---|---|---|");
      for (String[] s : new String[][] {{"jdk", jdkCp}, {"okhttp", okCp}}) {
        List<String> jars = Arrays.stream(s[1].split(File.pathSeparator)).filter(j -> j.endsWith(".jar")).toList();
        long bytes = 0;
        for (String j : jars) {
          bytes += new File(j).length();
        }
        System.out.printf(Locale.ROOT, "| %s | %d | %.2f |%n", s[0], jars.size(), bytes / 1048576.0);
      }
    }
  }

  private static String[] runInit(String cp, String mode, String endpoint) throws Exception {
    Process p = start(cp, "init", mode, endpoint);
    String line = readLine(p, "init_ms=");
    p.waitFor(30, TimeUnit.SECONDS);
    String[] parts = line.split(" ");
    return new String[] {parts[0].substring("init_ms=".length()), parts[1].substring("ready_ms=".length())};
  }

  private static double runExit(String cp, String mode, String endpoint) throws Exception {
    Process p = start(cp, "exit", mode, endpoint);
    readLine(p, "READY");
    long t0 = System.nanoTime();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return 60_000;
    }
    return (System.nanoTime() - t0) / 1e6;
  }

  private static Process start(String cp, String action, String mode, String endpoint) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ProcessBuilder(
            java, "-cp", cp,
            "-Dotel.exporter.otlp.protocol=http/protobuf",
            "-Dotel.exporter.otlp.endpoint=" + endpoint,
            "-Dotel.service.name=probe",
            "-Djava.util.logging.config.file=/dev/null",
            StartupProbe.class.getName(), action, mode)
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
  }

  private static String readLine(Process p, String prefix) throws IOException {
    BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    for (String line; (line = r.readLine()) != null; ) {
      if (line.startsWith(prefix)) {
        return line;
      }
    }
    throw new IllegalStateException("probe ended without printing " + prefix);
  }

  static double median(List<Double> v) {
    List<Double> s = new ArrayList<>(v);
    Collections.sort(s);
    return s.get(s.size() / 2);
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /** Accepts TCP and never answers. */
  private static final class BlackHole implements AutoCloseable {
    private final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    private final List<Socket> held = Collections.synchronizedList(new ArrayList<>());

    BlackHole() throws IOException {
      Thread t = new Thread(() -> {
        while (!socket.isClosed()) {
          try {
            held.add(socket.accept());
          } catch (IOException e) {
            return;
          }
        }
      }, "black-hole");
      t.setDaemon(true);
      t.start();
    }

    String endpoint() {
      return "http://127.0.0.1:" + socket.getLocalPort();
    }

    @Override
    public void close() throws IOException {
      socket.close();
      for (Socket s : held) {
        s.close();
      }
    }
  }
}
