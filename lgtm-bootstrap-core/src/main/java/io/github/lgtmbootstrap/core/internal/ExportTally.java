package io.github.lgtmbootstrap.core.internal;

import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.logs.LogRecordProcessor;
import io.opentelemetry.sdk.logs.ReadWriteLogRecord;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collection;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts spans and log records produced against those the OTLP exporters got confirmed, so that a shutdown
 * that runs out of time can say how much telemetry it dropped.
 */
public final class ExportTally {

  private final AtomicLong spansEnded = new AtomicLong();
  private final AtomicLong spansConfirmed = new AtomicLong();
  private final AtomicLong logsEmitted = new AtomicLong();
  private final AtomicLong logsConfirmed = new AtomicLong();

  /** Spans ended (sampled) but not confirmed by the backend. */
  public long unconfirmedSpans() {
    return Math.max(0, spansEnded.get() - spansConfirmed.get());
  }

  /** Log records emitted but not confirmed by the backend. */
  public long unconfirmedLogs() {
    return Math.max(0, logsEmitted.get() - logsConfirmed.get());
  }

  /** A processor counting sampled spans as they end. */
  public SpanProcessor spanCounter() {
    return new SpanProcessor() {
      @Override
      public void onStart(Context parentContext, ReadWriteSpan span) {}

      @Override
      public boolean isStartRequired() {
        return false;
      }

      @Override
      public void onEnd(ReadableSpan span) {
        if (span.getSpanContext().isSampled()) {
          spansEnded.incrementAndGet();
        }
      }

      @Override
      public boolean isEndRequired() {
        return true;
      }
    };
  }

  /** A processor counting emitted log records. */
  public LogRecordProcessor logCounter() {
    return (Context context, ReadWriteLogRecord logRecord) -> logsEmitted.incrementAndGet();
  }

  /** Wraps a span exporter to count confirmed spans. */
  public SpanExporter countingSpans(SpanExporter delegate) {
    return new SpanExporter() {
      @Override
      public CompletableResultCode export(Collection<SpanData> spans) {
        return confirmOnSuccess(delegate.export(spans), spans.size(), spansConfirmed);
      }

      @Override
      public CompletableResultCode flush() {
        return delegate.flush();
      }

      @Override
      public CompletableResultCode shutdown() {
        return delegate.shutdown();
      }

      @Override
      public String toString() {
        return delegate.toString();
      }
    };
  }

  /** Wraps a log record exporter to count confirmed records. */
  public LogRecordExporter countingLogs(LogRecordExporter delegate) {
    return new LogRecordExporter() {
      @Override
      public CompletableResultCode export(Collection<LogRecordData> logs) {
        return confirmOnSuccess(delegate.export(logs), logs.size(), logsConfirmed);
      }

      @Override
      public CompletableResultCode flush() {
        return delegate.flush();
      }

      @Override
      public CompletableResultCode shutdown() {
        return delegate.shutdown();
      }

      @Override
      public String toString() {
        return delegate.toString();
      }
    };
  }

  /** Adds {@code count} to {@code confirmed} once {@code export} has succeeded; returns {@code export}. */
  private static CompletableResultCode confirmOnSuccess(
      CompletableResultCode export, int count, AtomicLong confirmed) {
    export.whenComplete(
        () -> {
          if (export.isSuccess()) {
            confirmed.addAndGet(count);
          }
        });
    return export;
  }
}
