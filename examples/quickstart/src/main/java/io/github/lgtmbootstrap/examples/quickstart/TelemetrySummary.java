package io.github.lgtmbootstrap.examples.quickstart;

import io.github.lgtmbootstrap.testkit.model.HistogramPoint;
import io.github.lgtmbootstrap.testkit.model.LogEntry;
import io.github.lgtmbootstrap.testkit.model.Metric;
import io.github.lgtmbootstrap.testkit.model.MetricPoint;
import io.github.lgtmbootstrap.testkit.model.NumberPoint;
import io.github.lgtmbootstrap.testkit.model.Span;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** Prints what the backend received: trace trees with durations, log records with trace ids, metric values. */
final class TelemetrySummary {

  private TelemetrySummary() {}

  static void print(
      PrintStream out, List<Span> spans, List<LogEntry> logs, List<Metric> metrics, String appScopePrefix) {
    out.println();
    out.println("== Traces (" + spans.size() + " spans) ==");
    Map<String, List<Span>> byTrace =
        spans.stream()
            .sorted(Comparator.comparingLong(Span::startEpochNanos))
            .collect(Collectors.groupingBy(Span::traceId, LinkedHashMap::new, Collectors.toList()));
    byTrace.forEach(
        (traceId, traceSpans) -> {
          out.println("trace " + traceId);
          for (Span root : traceSpans) {
            boolean parentPresent = traceSpans.stream().anyMatch(s -> s.spanId().equals(root.parentSpanId()));
            if (!parentPresent) {
              printTree(out, root, traceSpans, "  ");
            }
          }
        });

    out.println();
    out.println("== Logs (" + logs.size() + " records) ==");
    for (LogEntry l : logs) {
      out.printf(
          Locale.ROOT,
          "%-5s %s  trace=%s span=%s%s%n",
          l.severityText().isEmpty() ? l.severity() : l.severityText(),
          l.body(),
          l.traceId().isEmpty() ? "-" : l.traceId(),
          l.spanId().isEmpty() ? "-" : l.spanId(),
          l.attributes().isEmpty() ? "" : "  " + l.attributes());
    }

    List<Metric> own = new ArrayList<>();
    int runtime = 0;
    int sdk = 0;
    for (Metric m : metrics) {
      if (m.name().startsWith("jvm.")) {
        runtime++;
      } else if (m.scope().name().startsWith(appScopePrefix)) {
        own.add(m);
      } else {
        sdk++;
      }
    }
    out.println();
    out.println(
        "== Metrics (" + own.size() + " from the app; not shown: " + runtime + " JVM runtime, " + sdk
            + " SDK self-monitoring) ==");
    for (Metric m : own) {
      List<String> points = new ArrayList<>();
      for (MetricPoint p : m.points()) {
        points.add(value(p) + (p.attributes().isEmpty() ? "" : " " + p.attributes()));
      }
      out.printf(
          Locale.ROOT,
          "%-14s %-10s %s%s%n",
          m.name(),
          m.monotonic() ? "counter" : m.type().toString().toLowerCase(Locale.ROOT),
          String.join("; ", points),
          m.unit().isEmpty() ? "" : "  (" + m.unit() + ")");
    }
  }

  private static void printTree(PrintStream out, Span span, List<Span> all, String indent) {
    String label = indent + span.name();
    out.printf(
        Locale.ROOT,
        "%s %8.2f ms  %s%s%s%n",
        label.length() >= 30 ? label : label + " ".repeat(30 - label.length()),
        span.duration().toNanos() / 1e6,
        span.kind(),
        span.statusCode().name().equals("ERROR") ? " ERROR" : "",
        span.attributes().isEmpty() ? "" : "  " + span.attributes());
    for (Span child : all) {
      if (span.spanId().equals(child.parentSpanId())) {
        printTree(out, child, all, indent + "  ");
      }
    }
  }

  private static String value(MetricPoint p) {
    if (p instanceof NumberPoint) {
      double v = ((NumberPoint) p).value();
      return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.3f", v);
    }
    if (p instanceof HistogramPoint) {
      HistogramPoint h = (HistogramPoint) p;
      return String.format(Locale.ROOT, "count=%d sum=%.2f", h.count(), h.sum());
    }
    return p.toString();
  }
}
