package io.github.lgtmbootstrap.core.internal.console;

import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import java.io.PrintStream;
import java.util.Collection;

/**
 * Prints one line per log record:
 * {@code 12:00:01.235 LOG    INFO  order placed [com.shop.Checkout] trace=... span=... {k=v}}.
 */
public final class ConsoleLogRecordExporter implements LogRecordExporter {

  private final ConsoleOut out;

  /** @param out where to print (captured once, see {@link ConsoleSpanExporter}) */
  public ConsoleLogRecordExporter(PrintStream out) {
    this.out = new ConsoleOut(out);
  }

  @Override
  public CompletableResultCode export(Collection<LogRecordData> logs) {
    StringBuilder sb = new StringBuilder();
    for (LogRecordData r : logs) {
      long ts = r.getTimestampEpochNanos() != 0 ? r.getTimestampEpochNanos() : r.getObservedTimestampEpochNanos();
      String severity =
          r.getSeverityText() != null ? r.getSeverityText() : r.getSeverity().name();
      sb.append(ConsoleFormat.time(ts))
          .append(" LOG    ")
          .append(ConsoleFormat.padRight(severity, 5))
          .append(' ')
          .append(ConsoleFormat.oneLine(r.getBodyValue() == null ? "" : r.getBodyValue().asString()))
          .append(" [")
          .append(r.getInstrumentationScopeInfo().getName())
          .append(']');
      SpanContext sc = r.getSpanContext();
      if (sc.isValid()) {
        sb.append(" trace=").append(sc.getTraceId()).append(" span=").append(sc.getSpanId());
      }
      sb.append(ConsoleFormat.attributes(r.getAttributes())).append(System.lineSeparator());
    }
    return out.print(sb);
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
    return "ConsoleLogRecordExporter";
  }
}
