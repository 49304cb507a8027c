package io.github.lgtmbootstrap.core.internal.console;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.io.PrintStream;
import java.util.Collection;

/**
 * Prints one line per span:
 * {@code 12:00:01.234 SPAN   checkout 12.30ms trace=... span=... parent=... SERVER ERROR {k=v}}.
 */
public final class ConsoleSpanExporter implements SpanExporter {

  private final ConsoleOut out;

  /**
   * @param out where to print; captured once so that console capture installed later (which may replace
   *     {@code System.out}) never sees our own lines
   */
  public ConsoleSpanExporter(PrintStream out) {
    this.out = new ConsoleOut(out);
  }

  @Override
  public CompletableResultCode export(Collection<SpanData> spans) {
    StringBuilder sb = new StringBuilder();
    for (SpanData s : spans) {
      sb.append(ConsoleFormat.time(s.getStartEpochNanos()))
          .append(" SPAN   ")
          .append(ConsoleFormat.oneLine(s.getName()))
          .append(' ')
          .append(ConsoleFormat.millis(s.getEndEpochNanos() - s.getStartEpochNanos()))
          .append(" trace=")
          .append(s.getTraceId())
          .append(" span=")
          .append(s.getSpanId());
      if (s.getParentSpanContext().isValid()) {
        sb.append(" parent=").append(s.getParentSpanId());
      }
      if (s.getKind() != SpanKind.INTERNAL) {
        sb.append(' ').append(s.getKind());
      }
      if (s.getStatus().getStatusCode() == StatusCode.ERROR) {
        sb.append(" ERROR");
        if (!s.getStatus().getDescription().isEmpty()) {
          sb.append(" \"").append(ConsoleFormat.oneLine(s.getStatus().getDescription())).append('"');
        }
      }
      sb.append(ConsoleFormat.attributes(s.getAttributes())).append(System.lineSeparator());
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
    return "ConsoleSpanExporter";
  }
}
