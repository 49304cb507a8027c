package io.github.lgtmbootstrap.logback.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;

/** One of the two streams: pass-through plus per-thread line assembly. */
final class CapturingStream extends OutputStream {
  private final PrintStream target;
  private final boolean stderr;
  private final ConsoleCapture.LineSink sink;
  private final int maxLine;
  private final Charset charset;
  private final ThreadLocal<LineBuffer> buffers;
  private volatile boolean enabled = true;
  private final AtomicBoolean warned = new AtomicBoolean();

  CapturingStream(PrintStream target, boolean stderr, ConsoleCapture.LineSink sink, int maxLine, Charset charset) {
    this.target = target;
    this.stderr = stderr;
    this.sink = sink;
    this.maxLine = maxLine;
    this.charset = charset;
    this.buffers = ThreadLocal.withInitial(() -> new LineBuffer(Math.min(256, maxLine)));
  }

  void disable() {
    enabled = false;
  }

  @Override
  public void write(int b) {
    target.write(b);
    if (capturing()) {
      collect(new byte[] {(byte) b}, 0, 1);
    }
  }

  @Override
  public void write(byte[] bytes, int off, int len) {
    target.write(bytes, off, len);
    if (capturing()) {
      collect(bytes, off, len);
    }
  }

  @Override
  public void flush() {
    target.flush();
  }

  @Override
  public void close() throws IOException {
    flush(); // never close the real stdout/stderr on behalf of the app
  }

  private boolean capturing() {
    if (!enabled) {
      return false;
    }
    int[] state = ConsoleCapture.STATE.get();
    return state[0] > 0 && state[1] == 0;
  }

  private void collect(byte[] bytes, int off, int len) {
    LineBuffer buffer = buffers.get();
    int end = off + len;
    int start = off;
    for (int i = off; i < end; i++) {
      if (bytes[i] == '\n') {
        buffer.append(bytes, start, i - start, this);
        completeLine(buffer);
        start = i + 1;
      }
    }
    if (start < end) {
      buffer.append(bytes, start, end - start, this);
    }
  }

  /** Called by the buffer when it is full: the piece so far becomes its own record. */
  void overflow(LineBuffer buffer) {
    completeLine(buffer);
  }

  private void completeLine(LineBuffer buffer) {
    int length = buffer.length;
    if (length > 0 && buffer.bytes[length - 1] == '\r') {
      length--;
    }
    String text = new String(buffer.bytes, 0, length, charset);
    buffer.length = 0;
    if (text.isEmpty() || isTelemetryWorker(Thread.currentThread().getName())) {
      return;
    }
    emit(text);
  }

  void flushPartialLine() {
    LineBuffer buffer = buffers.get();
    if (buffer.length > 0) {
      completeLine(buffer);
    }
  }

  private void emit(String text) {
    int[] state = ConsoleCapture.beginEmit();
    try {
      sink.line(stderr, text);
    } catch (RuntimeException e) {
      // Telemetry must never break printing; report once on JUL (never captured, never routed into logback).
      if (warned.compareAndSet(false, true)) {
        ConsoleCapture.LOG.log(Level.WARNING, "lgtm console capture could not emit a line; further failures are"
            + " not reported", e);
      }
    } finally {
      ConsoleCapture.endEmit(state);
    }
  }

  int maxLine() {
    return maxLine;
  }

  /**
   * The SDK's export threads only run exporters; what they print (a System.out exporter behind a batch processor)
   * is telemetry output already and would otherwise feed itself forever.
   */
  static boolean isTelemetryWorker(String threadName) {
    return threadName.startsWith("BatchLogRecordProcessor")
        || threadName.startsWith("BatchSpanProcessor")
        || threadName.startsWith("PeriodicMetricReader");
  }
}
