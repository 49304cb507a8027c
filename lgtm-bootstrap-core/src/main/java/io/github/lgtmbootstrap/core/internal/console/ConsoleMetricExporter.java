package io.github.lgtmbootstrap.core.internal.console;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.DoublePointData;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.data.PointData;
import io.opentelemetry.sdk.metrics.data.SummaryPointData;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import java.io.PrintStream;
import java.util.Collection;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Prints one line per metric with all its points:
 * {@code 12:00:05.000 METRIC orders.placed = 3 {method=card}; 1 {method=cash}}. Histograms show count, sum, min
 * and max. JVM runtime metrics are skipped: they would drown the application's own metrics. A metric whose
 * values did not change since the last export is not printed again.
 */
public final class ConsoleMetricExporter implements MetricExporter {

  /** Instrumentation scope of opentelemetry-runtime-telemetry (and its predecessors), not printed. */
  static boolean isRuntimeScope(String scope) {
    return scope.startsWith("io.opentelemetry.runtime-telemetry");
  }

  private final ConsoleOut out;
  // Last printed content per metric (without the timestamp), so unchanged cumulative values are not repeated.
  private final Map<String, String> lastPrinted = new ConcurrentHashMap<>();

  /** @param out where to print (captured once, see {@link ConsoleSpanExporter}) */
  public ConsoleMetricExporter(PrintStream out) {
    this.out = new ConsoleOut(out);
  }

  @Override
  public AggregationTemporality getAggregationTemporality(InstrumentType instrumentType) {
    return AggregationTemporality.CUMULATIVE;
  }

  @Override
  public CompletableResultCode export(Collection<MetricData> metrics) {
    StringBuilder sb = new StringBuilder();
    for (MetricData m : metrics) {
      if (isRuntimeScope(m.getInstrumentationScopeInfo().getName())) {
        continue;
      }
      StringJoiner points = new StringJoiner("; ");
      long last = 0;
      for (PointData p : m.getData().getPoints()) {
        last = Math.max(last, p.getEpochNanos());
        points.add(value(p) + ConsoleFormat.attributes(p.getAttributes()));
      }
      String content =
          m.getName() + (m.getUnit().isEmpty() ? "" : " (" + m.getUnit() + ")") + " = " + points;
      if (content.equals(lastPrinted.put(m.getName(), content))) {
        continue;
      }
      sb.append(ConsoleFormat.time(last)).append(" METRIC ").append(content).append(System.lineSeparator());
    }
    return out.print(sb);
  }

  private static String value(PointData p) {
    if (p instanceof LongPointData) {
      return Long.toString(((LongPointData) p).getValue());
    }
    if (p instanceof DoublePointData) {
      return trim(((DoublePointData) p).getValue());
    }
    if (p instanceof HistogramPointData) {
      HistogramPointData h = (HistogramPointData) p;
      return "count=" + h.getCount() + " sum=" + trim(h.getSum())
          + (h.hasMin() ? " min=" + trim(h.getMin()) : "") + (h.hasMax() ? " max=" + trim(h.getMax()) : "");
    }
    if (p instanceof SummaryPointData) {
      SummaryPointData s = (SummaryPointData) p;
      return "count=" + s.getCount() + " sum=" + trim(s.getSum());
    }
    return p.getClass().getSimpleName();
  }

  private static String trim(double d) {
    return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : String.format("%.3f", d);
  }

  @Override
  public CompletableResultCode flush() {
    return out.flush();
  }

  @Override
  public CompletableResultCode shutdown() {
    return out.flush();
  }

  @Override
  public String toString() {
    return "ConsoleMetricExporter";
  }
}
