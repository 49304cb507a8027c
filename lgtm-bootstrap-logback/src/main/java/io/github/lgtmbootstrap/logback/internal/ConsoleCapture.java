package io.github.lgtmbootstrap.logback.internal;

import java.io.PrintStream;
import java.nio.charset.Charset;
import java.util.concurrent.atomic.AtomicInteger;
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

  static final Logger LOG = Logger.getLogger(ConsoleCapture.class.getName());
  /**
   * Per thread: [0] = depth of text-printing calls in progress, [1] = depth of OpenTelemetry emits in progress (a
   * captured line, or any record going through lgtm's appender: what an exporter prints on the emitting thread
   * then is not captured, so it cannot feed itself).
   */
  static final ThreadLocal<int[]> STATE = ThreadLocal.withInitial(() -> new int[2]);
  /**
   * Captures installed in this JVM, like System.out itself one per JVM rather than per logging context. While none
   * is, nothing reads the emit marks, and lgtm's appender skips them: the thread-local read cost ~10 ns per line
   * (the logging thread's thread-local map is crowded with logback's and OpenTelemetry's entries).
   */
  private static final AtomicInteger INSTALLED = new AtomicInteger();

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
  private boolean uninstalled;

  /** True while some console capture is installed, so emits have to be marked. */
  static boolean anyInstalled() {
    return INSTALLED.get() > 0;
  }

  /** Marks the start of an emit on this thread; pass the result to {@link #endEmit}. */
  static int[] beginEmit() {
    int[] state = STATE.get();
    state[1]++;
    return state;
  }

  /** Marks the end of an emit started with {@link #beginEmit}. */
  static void endEmit(int[] state) {
    state[1]--;
  }

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
    INSTALLED.incrementAndGet();
    System.setOut(capture.outPrint);
    System.setErr(capture.errPrint);
    return capture;
  }

  /**
   * Restores the original streams when nobody replaced ours in the meantime; otherwise our streams stay in the
   * chain as pure pass-through.
   */
  void uninstall() {
    if (uninstalled) {
      return;
    }
    uninstalled = true;
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
    INSTALLED.decrementAndGet();
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
}
