package io.github.lgtmbootstrap.core.internal.console;

import io.opentelemetry.sdk.common.CompletableResultCode;
import java.io.PrintStream;

/**
 * The terminal stream the console exporters share: a batch goes out in one write, then the stream is flushed so
 * lines show up at once. Captured at construction so that console capture installed later (which may replace
 * {@code System.out}) never sees our own lines.
 */
final class ConsoleOut {

  private final PrintStream out;

  ConsoleOut(PrintStream out) {
    this.out = out;
  }

  /** Prints {@code lines} (nothing when empty) and flushes. */
  CompletableResultCode print(CharSequence lines) {
    if (lines.length() > 0) {
      out.print(lines);
      out.flush();
    }
    return CompletableResultCode.ofSuccess();
  }

  /** Flushes; serves the exporters' {@code flush()} and {@code shutdown()}: closing would close the terminal. */
  CompletableResultCode flush() {
    out.flush();
    return CompletableResultCode.ofSuccess();
  }
}
