package io.github.lgtmbootstrap.logback.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.util.Arrays;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Console capture, the analogue of Deno's {@code console.log} capture: {@code System.out} and {@code System.err}
 * are replaced by streams that pass every byte straight to the original stream (the terminal sees exactly what
 * it saw before) and, per thread, collect complete lines that become log records.
 *
 * <p>What is captured: text printed through the {@code print}/{@code println}/{@code printf}/{@code format}/
 * {@code append} methods, which is what application code and {@code Throwable.printStackTrace()} use. What is not:
 * raw byte writes ({@code write(byte[])}), which is how logging frameworks' console output arrives (logback's
 * {@code ConsoleAppender}, java.util.logging's {@code ConsoleHandler}, log4j's console appender): those lines are
 * already log records and must not be exported twice. Telling the two apart by the method used costs one
 * thread-local read per call; an earlier version walked the stack per line and cost ~10 us per line. Anything
 * written while this thread is emitting a captured line is passed through only (no recursion).
 * Each thread buffers at most {@code maxLine} bytes; a longer line is emitted in pieces. A partial line (no
 * newline yet) waits for its newline; on uninstall the calling thread's partial lines are emitted, other
 * threads' partial lines are dropped.
 */
final class ConsoleCapture {

  private static final Logger LOG = Logger.getLogger(ConsoleCapture.class.getName());
  /** Per thread: [0] = depth of text-printing calls in progress, [1] = 1 while emitting a captured line. */
  private static final ThreadLocal<int[]> STATE = ThreadLocal.withInitial(() -> new int[2]);

  /** Receives a complete captured line. */
  interface LineSink {
    void line(boolean stderr, String text);
  }

  private final PrintStream originalOut;
  private final PrintStream originalErr;
  private final CapturingStream out;
  private final CapturingStream err;
  private final PrintStream outPrint;
  private final PrintStream errPrint;

  private ConsoleCapture(LineSink sink, int maxLine) {
    Charset charset = consoleCharset();
    this.originalOut = System.out;
    this.originalErr = System.err;
    this.out = new CapturingStream(originalOut, false, sink, maxLine, charset);
    this.err = new CapturingStream(originalErr, true, sink, maxLine, charset);
    this.outPrint = new TextMarkingPrintStream(out, charset);
    this.errPrint = new TextMarkingPrintStream(err, charset);
  }

  /** Replaces System.out and System.err; the caller (the wiring) makes sure this happens once. */
  static ConsoleCapture install(LineSink sink, int maxLine) {
    ConsoleCapture capture = new ConsoleCapture(sink, maxLine);
    System.setOut(capture.outPrint);
    System.setErr(capture.errPrint);
    return capture;
  }

  boolean isInstalledOn(PrintStream stream) {
    return stream == outPrint || stream == errPrint;
  }

  /**
   * Restores the original streams when nobody replaced ours in the meantime; otherwise our streams stay in the
   * chain as pure pass-through.
   */
  void uninstall() {
    outPrint.flush();
    errPrint.flush();
    out.flushPartialLine();
    err.flushPartialLine();
    out.disable();
    err.disable();
    if (System.out == outPrint) {
      System.setOut(originalOut);
    }
    if (System.err == errPrint) {
      System.setErr(originalErr);
    }
  }

  private static Charset consoleCharset() {
    for (String property : new String[] {"stdout.encoding", "sun.stdout.encoding"}) {
      String name = System.getProperty(property);
      if (name != null) {
        try {
          return Charset.forName(name);
        } catch (RuntimeException e) {
          LOG.log(Level.FINE, "Ignoring unsupported console encoding " + name, e);
        }
      }
    }
    return Charset.defaultCharset();
  }

  /** One of the two streams: pass-through plus per-thread line assembly. */
  static final class CapturingStream extends OutputStream {
    private final PrintStream target;
    private final boolean stderr;
    private final LineSink sink;
    private final int maxLine;
    private final Charset charset;
    private final ThreadLocal<LineBuffer> buffers;
    private volatile boolean enabled = true;

    CapturingStream(PrintStream target, boolean stderr, LineSink sink, int maxLine, Charset charset) {
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
      int[] state = STATE.get();
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
      if (text.isEmpty()) {
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
      int[] state = STATE.get();
      state[1] = 1;
      try {
        sink.line(stderr, text);
      } catch (RuntimeException e) {
        // Telemetry must never break printing; report on JUL (never captured, never routed into logback).
        LOG.log(Level.WARNING, "lgtm console capture could not emit a line", e);
      } finally {
        state[1] = 0;
      }
    }

    int maxLine() {
      return maxLine;
    }
  }

  /** Growable byte buffer bounded by the stream's maxLine. */
  static final class LineBuffer {
    byte[] bytes;
    int length;

    LineBuffer(int initial) {
      bytes = new byte[initial];
    }

    void append(byte[] src, int off, int len, CapturingStream owner) {
      int max = owner.maxLine();
      while (len > 0) {
        int room = max - length;
        if (room == 0) {
          owner.overflow(this);
          room = max;
        }
        int chunk = Math.min(room, len);
        ensure(length + chunk);
        System.arraycopy(src, off, bytes, length, chunk);
        length += chunk;
        off += chunk;
        len -= chunk;
      }
    }

    private void ensure(int capacity) {
      if (capacity > bytes.length) {
        bytes = Arrays.copyOf(bytes, Math.max(capacity, bytes.length * 2));
      }
    }
  }

  /**
   * A PrintStream that marks its text-printing calls, so the capturing stream below it knows which bytes are
   * text printed by the app (captured) and which are raw writes from logging frameworks (passed through only).
   */
  static final class TextMarkingPrintStream extends PrintStream {
    TextMarkingPrintStream(OutputStream out, Charset charset) {
      super(out, true, charset);
    }

    private static int[] enter() {
      int[] state = STATE.get();
      state[0]++;
      return state;
    }

    @Override
    public void print(boolean b) {
      int[] s = enter();
      try {
        super.print(b);
      } finally {
        s[0]--;
      }
    }

    @Override
    public void print(char c) {
      int[] s = enter();
      try {
        super.print(c);
      } finally {
        s[0]--;
      }
    }

    @Override
    public void print(int i) {
      int[] s = enter();
      try {
        super.print(i);
      } finally {
        s[0]--;
      }
    }

    @Override
    public void print(long l) {
      int[] s = enter();
      try {
        super.print(l);
      } finally {
        s[0]--;
      }
    }

    @Override
    public void print(float f) {
      int[] s = enter();
      try {
        super.print(f);
      } finally {
        s[0]--;
      }
    }

    @Override
    public void print(double d) {
      int[] s = enter();
      try {
        super.print(d);
      } finally {
        s[0]--;
      }
    }

    @Override
    public void print(char[] chars) {
      int[] s = enter();
      try {
        super.print(chars);
      } finally {
        s[0]--;
      }
    }

    @Override
    public void print(String text) {
      int[] s = enter();
      try {
        super.print(text);
      } finally {
        s[0]--;
      }
    }

    @Override
    public void print(Object obj) {
      int[] s = enter();
      try {
        super.print(obj);
      } finally {
        s[0]--;
      }
    }

    @Override
    public void println() {
      int[] s = enter();
      try {
        super.println();
      } finally {
        s[0]--;
      }
    }

    @Override
    public void println(boolean b) {
      int[] s = enter();
      try {
        super.println(b);
      } finally {
        s[0]--;
      }
    }

    @Override
    public void println(char c) {
      int[] s = enter();
      try {
        super.println(c);
      } finally {
        s[0]--;
      }
    }

    @Override
    public void println(int i) {
      int[] s = enter();
      try {
        super.println(i);
      } finally {
        s[0]--;
      }
    }

    @Override
    public void println(long l) {
      int[] s = enter();
      try {
        super.println(l);
      } finally {
        s[0]--;
      }
    }

    @Override
    public void println(float f) {
      int[] s = enter();
      try {
        super.println(f);
      } finally {
        s[0]--;
      }
    }

    @Override
    public void println(double d) {
      int[] s = enter();
      try {
        super.println(d);
      } finally {
        s[0]--;
      }
    }

    @Override
    public void println(char[] chars) {
      int[] s = enter();
      try {
        super.println(chars);
      } finally {
        s[0]--;
      }
    }

    @Override
    public void println(String text) {
      int[] s = enter();
      try {
        super.println(text);
      } finally {
        s[0]--;
      }
    }

    @Override
    public void println(Object obj) {
      int[] s = enter();
      try {
        super.println(obj);
      } finally {
        s[0]--;
      }
    }

    @Override
    public PrintStream format(String format, Object... args) {
      int[] s = enter();
      try {
        return super.format(format, args);
      } finally {
        s[0]--;
      }
    }

    @Override
    public PrintStream format(java.util.Locale locale, String format, Object... args) {
      int[] s = enter();
      try {
        return super.format(locale, format, args);
      } finally {
        s[0]--;
      }
    }

    @Override
    public PrintStream append(CharSequence text) {
      int[] s = enter();
      try {
        return super.append(text);
      } finally {
        s[0]--;
      }
    }

    @Override
    public PrintStream append(CharSequence text, int start, int end) {
      int[] s = enter();
      try {
        return super.append(text, start, end);
      } finally {
        s[0]--;
      }
    }

    @Override
    public PrintStream append(char c) {
      int[] s = enter();
      try {
        return super.append(c);
      } finally {
        s[0]--;
      }
    }
  }
}
