package io.github.lgtmbootstrap.logback.internal;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanId;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceId;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.instrumentation.logback.appender.v1_0.OpenTelemetryAppender;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Owns the published {@link OpenTelemetryAppender} and feeds it events, restoring the trace context from the
 * event's MDC when the emitting thread has none (AsyncAppender worker, replay of pre-init lines).
 *
 * <p>The appender reads the trace context from {@link Context#current()} when it emits; on a thread that did not
 * log the line that context is empty. The trace-id turbo filter put the ids into the MDC on the logging thread,
 * and logback snapshots the MDC into the event, so the ids travel with the event.
 */
final class OtelForwarder extends UnsynchronizedAppenderBase<ILoggingEvent> {

  static final String APPENDER_NAME = "LGTM_OPENTELEMETRY_APPENDER";

  private final DirectAppender appender;
  private final LogbackOptions options;
  /** Set once the appender has its OpenTelemetry: from then on it emits synchronously and keeps no event. */
  private volatile boolean connected;

  /**
   * The published appender, entered at {@code append}: the started check, reentry guard, filter chain and error
   * handling of {@code doAppend} already ran once for the line in lgtm's root appender (or in this forwarder behind
   * the AsyncAppender). Nothing attaches filters to this internal appender.
   */
  static final class DirectAppender extends OpenTelemetryAppender {
    void appendDirectly(ILoggingEvent event) {
      if (isStarted()) {
        append(event);
      }
    }
  }

  OtelForwarder(LoggerContext context, LogbackOptions options) {
    this.options = options;
    this.appender = new DirectAppender();
    appender.setContext(context);
    appender.setName(APPENDER_NAME);
    configure(appender, options);
    setContext(context);
    setName("LGTM_OPENTELEMETRY_FORWARDER");
  }

  /** Maps our options onto the appender's own include/exclude options (not the deprecated capture flags). */
  static void configure(OpenTelemetryAppender appender, LogbackOptions options) {
    // Thread name is among the appender's "experimental" attributes; it is the only one that flag adds.
    appender.setCaptureExperimentalAttributes(options.thread());
    appender.setCaptureCodeAttributes(options.code());
    appender.setCaptureMarkerAttribute(options.markers());
    appender.setCaptureTemplate(options.template());
    appender.setCaptureArguments(options.arguments());
    if (options.mdc()) {
      // Exclusions only: an empty include list already means "every key" (no "*" glob to evaluate). Measured:
      // no difference against included="*"; the MDC cost is per copied entry (attribute-key cache and attribute
      // map inside the appender and SDK), about 90 ns per entry on the logging thread, see logback-notes.md.
      List<String> excluded = new ArrayList<>(LogbackOptions.TRACE_MDC_KEYS);
      excluded.addAll(options.mdcExcluded());
      appender.setMdcAttributesExcluded(String.join(",", excluded));
    }
    if (options.keyValuePairs()) {
      appender.setKeyValuePairAttributesIncluded("*");
    }
    if (options.loggerContext()) {
      appender.setLoggerContextAttributesIncluded("*");
    }
    // The pre-init guard in LgtmRootAppender keeps the count below this, so the appender never prints its
    // "too small" warning to System.err.
    appender.setNumLogsCapturedBeforeOtelInstall(Math.max(1, options.preinitBuffer()));
  }

  LogbackOptions options() {
    return options;
  }

  OpenTelemetryAppender appender() {
    return appender;
  }

  @Override
  public void start() {
    if (!appender.isStarted()) {
      appender.start();
    }
    super.start();
  }

  @Override
  public void stop() {
    super.stop();
    appender.stop();
  }

  /**
   * Connects the appender to {@code openTelemetry}; lines buffered before are replayed now, outside any caller
   * span (they were logged before the SDK existed, so no span of this SDK can own them).
   */
  @SuppressWarnings("try") // the scope is the point: replay runs with no caller span
  void connect(OpenTelemetry openTelemetry) {
    try (Scope ignored = Context.root().makeCurrent()) {
      appender.setOpenTelemetry(openTelemetry);
    }
    connected = true;
  }

  @Override
  protected void append(ILoggingEvent event) {
    forward(event, false);
  }

  /**
   * Hands one event to the appender, with the trace context it was logged under.
   *
   * @param onLoggingThread true when the event is being logged on this thread right now, so the current context is
   *     the one it was logged under; false when it may come from elsewhere (AsyncAppender worker, a receiver):
   *     then a missing current span is restored from the event's MDC
   */
  void forward(ILoggingEvent event, boolean onLoggingThread) {
    if (!ConsoleCapture.anyInstalled()) {
      emit(event, onLoggingThread);
      return;
    }
    // While the record is emitted, console capture ignores this thread (an exporter printing synchronously).
    int[] consoleState = ConsoleCapture.beginEmit();
    try {
      emit(event, onLoggingThread);
    } finally {
      ConsoleCapture.endEmit(consoleState);
    }
  }

  @SuppressWarnings("try") // the scope is the point: the appender reads Context.current()
  private void emit(ILoggingEvent event, boolean onLoggingThread) {
    Map<String, String> mdc = event.getMDCPropertyMap();
    // Before the appender is connected it keeps the event itself for replay, so it must get the real one.
    ILoggingEvent mapped = connected && options.mdc() && WithoutMdc.onlyTraceKeys(mdc) ? new WithoutMdc(event) : event;
    // Only trust MDC ids that our own filter maintains; anything else may be stale or foreign.
    if (onLoggingThread || !options.traceIdsInMdc() || Span.current().getSpanContext().isValid()) {
      appender.appendDirectly(mapped);
      return;
    }
    SpanContext carried = fromMdc(mdc);
    if (carried == null) {
      appender.appendDirectly(mapped);
      return;
    }
    try (Scope ignored = Context.root().with(Span.wrap(carried)).makeCurrent()) {
      appender.appendDirectly(mapped);
    }
  }

  private static SpanContext fromMdc(Map<String, String> mdc) {
    if (mdc == null || mdc.isEmpty()) {
      return null;
    }
    String traceId = mdc.get("trace_id");
    String spanId = mdc.get("span_id");
    if (traceId == null || spanId == null || !TraceId.isValid(traceId) || !SpanId.isValid(spanId)) {
      return null;
    }
    String flags = mdc.get("trace_flags");
    TraceFlags traceFlags =
        flags != null && flags.length() == 2 ? TraceFlags.fromHex(flags, 0) : TraceFlags.getSampled();
    return SpanContext.createFromRemoteParent(traceId, spanId, traceFlags, TraceState.getDefault());
  }
}
