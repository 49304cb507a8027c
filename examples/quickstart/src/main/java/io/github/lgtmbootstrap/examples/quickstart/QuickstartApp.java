package io.github.lgtmbootstrap.examples.quickstart;

import io.github.lgtmbootstrap.core.Lgtm;
import io.github.lgtmbootstrap.core.LgtmBuilder;
import io.github.lgtmbootstrap.core.LgtmHandle;
import io.github.lgtmbootstrap.testkit.embedded.EmbeddedBackend;
import io.github.lgtmbootstrap.testkit.model.LogEntry;
import io.github.lgtmbootstrap.testkit.model.Metric;
import io.github.lgtmbootstrap.testkit.model.Span;
import io.github.lgtmbootstrap.testkit.query.TelemetryQuery;
import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The main demo. Without arguments it starts an in-process OTLP backend (the testkit's embedded one), points
 * {@code Lgtm.init()} at it, does a little work and prints what arrived. With {@code --endpoint} it sends to a
 * real otel-lgtm (or any OTLP/HTTP endpoint) instead and says where to look in Grafana.
 *
 * <pre>
 * QuickstartApp [--endpoint http://host:4318] [--basic-auth user:token]
 * </pre>
 */
public final class QuickstartApp {

  static final String SERVICE = "quickstart";
  private static final Duration WAIT = Duration.ofSeconds(15);

  private QuickstartApp() {}

  public static void main(String[] args) throws Exception {
    int status = run(args, System.out);
    if (status != 0) {
      System.exit(status);
    }
  }

  /** Options from the command line; arguments may also arrive as one space-separated string (Maven). */
  record Options(String endpoint, String basicAuth) {
    static Options parse(String[] args) {
      List<String> words = new ArrayList<>();
      for (String a : args) {
        for (String w : a.trim().split("\\s+")) {
          if (!w.isEmpty()) {
            words.add(w);
          }
        }
      }
      String endpoint = null;
      String auth = null;
      for (int i = 0; i < words.size(); i++) {
        String w = words.get(i);
        String next = i + 1 < words.size() ? words.get(i + 1) : null;
        if (w.equals("--endpoint") && next != null) {
          endpoint = next;
          i++;
        } else if (w.equals("--basic-auth") && next != null) {
          auth = next;
          i++;
        } else {
          throw new IllegalArgumentException(
              "unknown argument '" + w + "'; usage: [--endpoint http://host:4318] [--basic-auth user:token]");
        }
      }
      if (auth != null && !auth.contains(":")) {
        throw new IllegalArgumentException("--basic-auth needs user:token");
      }
      return new Options(endpoint, auth);
    }
  }

  static int run(String[] args, PrintStream out) throws Exception {
    Options options;
    try {
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      out.println(e.getMessage());
      return 2;
    }
    if (options.endpoint() == null) {
      try (EmbeddedBackend backend = EmbeddedBackend.builder().setHost("127.0.0.1").setPort(0).start()) {
        out.println("Started an in-process OTLP backend at " + backend.otlpEndpoint());
        return runAgainstEmbedded(backend, out);
      }
    }
    return runAgainstRemote(options, out);
  }

  private static LgtmBuilder lgtm(String endpoint) {
    return Lgtm.builder()
        .setServiceName(SERVICE)
        .setServiceVersion("0.1.0")
        .setDeploymentEnvironment("demo")
        .setEndpoint(endpoint);
  }

  private static int runAgainstEmbedded(EmbeddedBackend backend, PrintStream out) throws Exception {
    Instant start = Instant.now();
    String traceId;
    try (LgtmHandle handle = lgtm(backend.otlpEndpoint()).init()) {
      traceId = new ShopWork(handle.openTelemetry()).checkout("42", 99.90);
      out.println("Did one checkout (trace " + traceId + "); flushing...");
      if (!handle.forceFlush(WAIT)) {
        out.println("Flush did not complete in " + WAIT.toSeconds() + " s");
      }
    }
    // Flushed and closed; the embedded store answers immediately, but poll briefly with a deadline anyway.
    TelemetryQuery query = TelemetryQuery.since(start).withResourceAttribute("service.name", SERVICE);
    long deadline = System.nanoTime() + WAIT.toNanos();
    List<Span> spans;
    List<LogEntry> logs;
    List<Metric> metrics;
    while (true) {
      spans = backend.spans(query).items();
      logs = backend.logs(query).items();
      metrics = backend.metrics(query).items();
      boolean complete =
          spans.size() >= 4 && !logs.isEmpty() && metrics.stream().anyMatch(m -> m.name().equals("orders.placed"));
      if (complete || System.nanoTime() > deadline) {
        break;
      }
      Thread.sleep(100);
    }
    TelemetrySummary.print(out, spans, logs, latestPerName(metrics), "quickstart.");
    boolean ok = spans.size() >= 4 && !logs.isEmpty();
    out.println();
    out.println(ok ? "All three signals arrived." : "Some telemetry did not arrive in " + WAIT.toSeconds() + " s.");
    out.println(
        "Next: run grafana/otel-lgtm and pass --endpoint http://localhost:4318 to see this in Grafana.");
    return ok ? 0 : 1;
  }

  /** Metrics are exported repeatedly; keep the newest export of each name. */
  private static List<Metric> latestPerName(List<Metric> metrics) {
    java.util.Map<String, Metric> latest = new java.util.LinkedHashMap<>();
    for (Metric m : metrics) {
      Metric seen = latest.get(m.name());
      long newest = m.points().stream().mapToLong(p -> p.epochNanos()).max().orElse(0);
      long seenNewest = seen == null ? -1 : seen.points().stream().mapToLong(p -> p.epochNanos()).max().orElse(0);
      if (newest >= seenNewest) {
        latest.put(m.name(), m);
      }
    }
    return new ArrayList<>(latest.values());
  }

  private static int runAgainstRemote(Options options, PrintStream out) throws Exception {
    LgtmBuilder builder = lgtm(options.endpoint());
    if (options.basicAuth() != null) {
      int colon = options.basicAuth().indexOf(':');
      builder.setBasicAuth(options.basicAuth().substring(0, colon), options.basicAuth().substring(colon + 1));
    }
    String traceId;
    boolean delivered;
    try (LgtmHandle handle = builder.init()) {
      out.println("Sending to " + handle);
      traceId = new ShopWork(handle.openTelemetry()).checkout("42", 99.90);
      delivered = handle.forceFlush(WAIT);
    }
    if (!delivered) {
      out.println("The backend at " + options.endpoint() + " did not confirm within " + WAIT.toSeconds()
          + " s; is it running and reachable? (Telemetry never blocks the app: it was dropped.)");
      return 1;
    }
    String host = URI.create(options.endpoint()).getHost();
    out.println("Delivered one checkout, trace " + traceId + ".");
    out.println("In Grafana (otel-lgtm: http://" + host + ":3000, Explore):");
    out.println("  Tempo       trace id " + traceId + "   or TraceQL { resource.service.name = \"" + SERVICE + "\" }");
    out.println("  Loki        {service_name=\"" + SERVICE + "\"}");
    out.println("  Prometheus  orders_placed_total{service_name=\"" + SERVICE + "\"}   and {__name__=~\"order_value.*\"}");
    return 0;
  }
}
