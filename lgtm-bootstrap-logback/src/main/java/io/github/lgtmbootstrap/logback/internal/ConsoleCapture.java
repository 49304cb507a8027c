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
 * <p>What is not captured: lines written by logging infrastructure (a logback {@code ConsoleAppender},
 * a java.util.logging {@code ConsoleHandler}, OpenTelemetry's or lgtm's own code; decided once per line from the
 * nearest non-I/O frame), and anything written while this thread is emitting a captured line (no recursion).
 * Each thread buffers at most {@code maxLine} bytes; a longer line is emitted in pieces. A partial line (no
 * newline yet) waits for its newline; on uninstall the calling thread's partial lines are emitted, other
 * threads' partial lines are dropped.
 */
final class ConsoleCapture {

  private static final Logger LOG = Logger.getLogger(ConsoleCapture.class.getName());
  private static final StackWalker WALKER = StackWalker.getInstance();
  private static final ThreadLocal<boolean[]> EMITTING = ThreadLocal.withInitial(() -> new boolean[1]);

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
    this.outPrint = new PrintStream(out, true, charset);
    this.errPrint = new PrintStream(err, true, charset);
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

  /** True when the line being completed on this thread was written by logging code rather than by the app. */
  static boolean writtenByLoggingInfrastructure() {
    String writer = WALKER.walk(frames -> frames.map(StackWalker.StackFrame::getClassName)
        .filter(name -> !isIoPlumbing(name)).findFirst().orElse(""));
    return LibraryLoggers.isLoggingInfrastructure(writer);
  }

  private static boolean isIoPlumbing(String className) {
    return className.startsWith("java.io.")
        || className.startsWith("sun.nio.")
        || className.startsWith("java.nio.")
        || className.startsWith("jdk.internal.")
        || className.startsWith(ConsoleCapture.class.getName());
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
      return enabled && !EMITTING.get()[0];
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
      if (text.isEmpty() || writtenByLoggingInfrastructure()) {
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
      boolean[] emitting = EMITTING.get();
      emitting[0] = true;
      try {
        sink.line(stderr, text);
      } catch (RuntimeException e) {
        // Telemetry must never break printing; report on JUL (never captured, never routed into logback).
        LOG.log(Level.WARNING, "lgtm console capture could not emit a line", e);
      } finally {
        emitting[0] = false;
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
}
