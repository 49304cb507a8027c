package io.github.lgtmbootstrap.testkit.internal;

import io.github.lgtmbootstrap.testkit.query.TelemetryQuery;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.logs.LogRecordProcessor;
import io.opentelemetry.sdk.logs.ReadWriteLogRecord;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;

/**
 * Stamps the current test's id on spans and log records: the {@value TelemetryQuery#TEST_ID_ATTRIBUTE} baggage
 * entry of the context they start in (the extension puts it there while a test runs; W3C {@code baggage} carries it
 * across processes), else the attribute of a local parent span (a child started in another thread with an explicit
 * parent). Never throws. Core's {@code Lgtm.init()} installs its own copy of this rule, since the testkit and core
 * do not depend on each other. Not API.
 */
public final class TestIdStamper implements SpanProcessor, LogRecordProcessor {

  private static final AttributeKey<String> KEY = AttributeKey.stringKey(TelemetryQuery.TEST_ID_ATTRIBUTE);
  private static final int MAX_LENGTH = 64;

  /**
   * The test id a span or record started in this context belongs to.
   *
   * @param context the parent context of a span, or a log record's context
   * @return the id, or null outside tests
   */
  public static String testIdOf(Context context) {
    String fromBaggage = Baggage.fromContext(context).getEntryValue(KEY.getKey());
    if (fromBaggage != null && !fromBaggage.isEmpty() && fromBaggage.length() <= MAX_LENGTH) {
      return fromBaggage;
    }
    return Span.fromContext(context) instanceof ReadableSpan parent ? parent.getAttribute(KEY) : null;
  }

  @Override
  public void onStart(Context parentContext, ReadWriteSpan span) {
    String id = testIdOf(parentContext);
    if (id != null) {
      span.setAttribute(KEY, id);
    }
  }

  @Override
  public boolean isStartRequired() {
    return true;
  }

  @Override
  public void onEnd(io.opentelemetry.sdk.trace.ReadableSpan span) {}

  @Override
  public boolean isEndRequired() {
    return false;
  }

  @Override
  public void onEmit(Context context, ReadWriteLogRecord logRecord) {
    String id = testIdOf(context);
    if (id != null) {
      logRecord.setAttribute(KEY, id);
    }
  }

  @Override
  public CompletableResultCode shutdown() {
    return CompletableResultCode.ofSuccess();
  }

  @Override
  public CompletableResultCode forceFlush() {
    return CompletableResultCode.ofSuccess();
  }

  @Override
  public void close() {}
}
