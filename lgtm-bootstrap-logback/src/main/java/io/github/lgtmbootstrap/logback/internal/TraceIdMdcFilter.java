package io.github.lgtmbootstrap.logback.internal;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import org.slf4j.Marker;
import org.slf4j.spi.MDCAdapter;

/**
 * Puts {@code trace_id}, {@code span_id} and {@code trace_flags} of the active span into the MDC on the logging
 * thread, before logback builds the event, so every appender (a console pattern's {@code %X{trace_id}}, the
 * OpenTelemetry appender behind an AsyncAppender, the pre-init buffer) sees the ids. It never filters.
 *
 * <p>Why a turbo filter rather than an appender wrapper (such as {@code opentelemetry-logback-mdc-1.0}): a wrapper
 * only helps the appenders nested inside it, which means editing the user's {@code logback.xml}. The price: the
 * keys stay in the thread's MDC until the next log call on that thread refreshes or removes them; that is only
 * visible to code reading the MDC directly, never in log output.
 */
final class TraceIdMdcFilter extends TurboFilter {

  static final String NAME = "LGTM_TRACE_ID_MDC";
  static final String TRACE_ID = "trace_id";
  static final String SPAN_ID = "span_id";
  static final String TRACE_FLAGS = "trace_flags";

  TraceIdMdcFilter() {
    setName(NAME);
  }

  @Override
  public FilterReply decide(
      Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
    // Turbo filters run before the level check: do nothing for disabled statements (logger.debug in prod).
    // (Not logger.isEnabledFor: that consults the turbo filters, i.e. us, again.)
    if (level == null || level.levelInt < logger.getEffectiveLevel().levelInt) {
      return FilterReply.NEUTRAL;
    }
    // The context's own adapter: the one logback snapshots into events (the same as MDC's in a normal app).
    MDCAdapter mdc = logger.getLoggerContext().getMDCAdapter();
    if (mdc == null) {
      return FilterReply.NEUTRAL;
    }
    refresh(mdc);
    return FilterReply.NEUTRAL;
  }

  /** Makes the MDC's trace keys match the active span on this thread (written only when they changed). */
  static void refresh(MDCAdapter mdc) {
    if (mdc == null) {
      return;
    }
    try {
      SpanContext spanContext = Span.current().getSpanContext();
      if (spanContext.isValid()) {
        // Steady state (several lines in one span): one MDC read. The three keys are written together, so an
        // unchanged span id means the trace id and flags are unchanged too. Each write makes logback copy the
        // MDC map for the next event, so writes happen only when the span changes.
        String spanId = spanContext.getSpanId();
        if (spanId.equals(mdc.get(SPAN_ID))) {
          return;
        }
        mdc.put(TRACE_ID, spanContext.getTraceId());
        mdc.put(SPAN_ID, spanId);
        mdc.put(TRACE_FLAGS, spanContext.getTraceFlags().asHex());
      } else if (mdc.get(TRACE_ID) != null) {
        mdc.remove(TRACE_ID);
        mdc.remove(SPAN_ID);
        mdc.remove(TRACE_FLAGS);
      }
    } catch (RuntimeException e) {
      // A broken MDC adapter must not break logging; the line is still logged, just without ids.
    }
  }
}
