package io.github.lgtmbootstrap.logback.internal;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import io.opentelemetry.api.OpenTelemetry;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The one appender lgtm attaches to the root logger. It survives {@code LoggerContext.reset()}: a reset stops
 * this appender but not what it owns (the OpenTelemetry appender and its pre-init buffer, the optional
 * AsyncAppender), so re-attaching it after a reset loses nothing.
 *
 * <p>It deliberately does not expose its OpenTelemetry appender as an {@code AppenderAttachable}: the static
 * {@code OpenTelemetryAppender.install(..)} is for appenders declared in the user's XML, and lgtm connects its
 * own appender itself (that keeps the pre-init accounting in one place).
 */
final class LgtmRootAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {

  static final String NAME = "LGTM_OPENTELEMETRY";

  private final AtomicInteger preinitCount = new AtomicInteger();
  private final LongAdder preinitDropped = new LongAdder();
  private volatile Pipeline pipeline;
  private volatile boolean connected;

  /** The forwarder and, in async mode, the AsyncAppender in front of it. */
  static final class Pipeline {
    final OtelForwarder forwarder;
    final AsyncAppender async;

    Pipeline(OtelForwarder forwarder, AsyncAppender async) {
      this.forwarder = forwarder;
      this.async = async;
    }

    static Pipeline create(LoggerContext context, LogbackOptions options) {
      OtelForwarder forwarder = new OtelForwarder(context, options);
      forwarder.start();
      AsyncAppender async = null;
      if (options.async()) {
        async = new AsyncAppender();
        async.setContext(context);
        async.setName("LGTM_OPENTELEMETRY_ASYNC");
        async.setQueueSize(options.asyncQueueSize());
        // Default AsyncAppender drops INFO and below at 80% full; we only drop when the queue is truly full.
        async.setDiscardingThreshold(0);
        async.setNeverBlock(true);
        async.setIncludeCallerData(options.code());
        async.addAppender(forwarder);
        async.start();
      }
      return new Pipeline(forwarder, async);
    }

    void stop() {
      if (async != null) {
        async.stop(); // flushes what is queued, bounded by AsyncAppender's maxFlushTime
      }
      forwarder.stop();
    }
  }

  LgtmRootAppender(LoggerContext context, Pipeline pipeline) {
    setContext(context);
    setName(NAME);
    this.pipeline = pipeline;
  }

  Pipeline pipeline() {
    return pipeline;
  }

  boolean isConnected() {
    return connected;
  }

  /** Number of pre-init lines that did not fit into the buffer. */
  long preinitDropped() {
    return preinitDropped.sum();
  }

  /** Connects the current pipeline (replaying buffered lines). */
  void connect(OpenTelemetry openTelemetry) {
    pipeline.forwarder.connect(openTelemetry);
    connected = true;
  }

  /**
   * Swaps in a new pipeline (other options). The old one is connected first so that its buffered lines are
   * replayed with the options they were captured with, then stopped.
   */
  void replace(Pipeline next, OpenTelemetry openTelemetry) {
    Pipeline previous = pipeline;
    next.forwarder.connect(openTelemetry);
    previous.forwarder.connect(openTelemetry);
    pipeline = next;
    connected = true;
    previous.stop();
  }

  @Override
  protected void append(ILoggingEvent event) {
    if (LibraryLoggers.isLibraryLogger(event.getLoggerName())) {
      return; // never feed OpenTelemetry's or lgtm's own diagnostics back into the pipeline
    }
    Pipeline current = pipeline;
    boolean live = connected;
    if (!live) {
      int limit = current.forwarder.options().preinitBuffer();
      if (preinitCount.incrementAndGet() > limit) {
        preinitDropped.increment();
        return;
      }
      // Snapshot MDC (with the trace ids), thread name and message now: replay happens on another thread.
      event.prepareForDeferredProcessing();
    }
    if (current.async != null) {
      current.async.doAppend(event);
    } else {
      // A LoggingEvent is what logback's Logger builds for the call being logged, on this thread (the trace-id
      // filter has just read this thread's span): its context is the current one, no check needed (~5 ns, a
      // thread-local read). Other events (a receiver's remote ones) may come from anywhere: checked and restored.
      current.forwarder.forward(event, live && event.getClass() == LoggingEvent.class);
    }
  }

  /** Stops the whole pipeline; only for uninstall (a context reset only stops this appender). */
  void stopPipeline() {
    stop();
    pipeline.stop();
  }
}
