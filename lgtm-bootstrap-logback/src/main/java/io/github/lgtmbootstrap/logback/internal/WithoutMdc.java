package io.github.lgtmbootstrap.logback.internal;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.LoggerContextVO;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.slf4j.Marker;
import org.slf4j.event.KeyValuePair;

/**
 * A logging event seen with an empty MDC, everything else read from the event itself. The forwarder hands it to
 * the OpenTelemetry appender when the event's MDC holds nothing but the trace keys the appender is configured to
 * leave out anyway: the record is the same, and the appender does not walk the map's read-only view (an iterator
 * and an entry wrapper per key) and test three exclusions on every line inside a span. Used only while the record
 * is emitted synchronously, never kept (before the appender is connected it keeps events for replay).
 */
final class WithoutMdc implements ILoggingEvent {

  private final ILoggingEvent event;

  WithoutMdc(ILoggingEvent event) {
    this.event = event;
  }

  /** True when {@code mdc} holds exactly the trace keys the trace-id filter writes, nothing else. */
  static boolean onlyTraceKeys(Map<String, String> mdc) {
    return mdc != null
        && mdc.size() == LogbackOptions.TRACE_MDC_KEYS.size()
        && mdc.containsKey(TraceIdMdcFilter.SPAN_ID)
        && mdc.containsKey(TraceIdMdcFilter.TRACE_ID)
        && mdc.containsKey(TraceIdMdcFilter.TRACE_FLAGS);
  }

  @Override
  public Map<String, String> getMDCPropertyMap() {
    return Collections.emptyMap();
  }

  @Override
  @SuppressWarnings("deprecation") // part of the interface; answers like getMDCPropertyMap
  public Map<String, String> getMdc() {
    return Collections.emptyMap();
  }

  @Override
  public String getThreadName() {
    return event.getThreadName();
  }

  @Override
  public Level getLevel() {
    return event.getLevel();
  }

  @Override
  public String getMessage() {
    return event.getMessage();
  }

  @Override
  public Object[] getArgumentArray() {
    return event.getArgumentArray();
  }

  @Override
  public String getFormattedMessage() {
    return event.getFormattedMessage();
  }

  @Override
  public String getLoggerName() {
    return event.getLoggerName();
  }

  @Override
  public LoggerContextVO getLoggerContextVO() {
    return event.getLoggerContextVO();
  }

  @Override
  public IThrowableProxy getThrowableProxy() {
    return event.getThrowableProxy();
  }

  @Override
  public StackTraceElement[] getCallerData() {
    return event.getCallerData();
  }

  @Override
  public boolean hasCallerData() {
    return event.hasCallerData();
  }

  @Override
  @SuppressWarnings("deprecation") // part of the interface; the appender reads getMarkerList
  public Marker getMarker() {
    return event.getMarker();
  }

  @Override
  public List<Marker> getMarkerList() {
    return event.getMarkerList();
  }

  @Override
  public long getTimeStamp() {
    return event.getTimeStamp();
  }

  @Override
  public int getNanoseconds() {
    return event.getNanoseconds();
  }

  @Override
  public Instant getInstant() {
    return event.getInstant();
  }

  @Override
  public long getSequenceNumber() {
    return event.getSequenceNumber();
  }

  @Override
  public List<KeyValuePair> getKeyValuePairs() {
    return event.getKeyValuePairs();
  }

  @Override
  public void prepareForDeferredProcessing() {
    event.prepareForDeferredProcessing();
  }
}
