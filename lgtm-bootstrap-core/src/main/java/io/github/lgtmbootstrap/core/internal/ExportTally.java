package io.github.lgtmbootstrap.core.internal;

import io.github.lgtmbootstrap.core.ExportCounts;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.export.MemoryMode;
import io.opentelemetry.sdk.metrics.Aggregation;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import io.opentelemetry.sdk.metrics.export.MetricReader;
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
 * Counts, per signal, what the OTLP exporters got confirmed, what was in failed exports, and (through
 * {@link ProcessorDrops}) what the SDK's batch processors dropped; also spans and log records produced, so that
 * a shutdown that runs out of time can say how much telemetry it dropped. After each export it lets
 * {@link LossWarnings} decide whether to warn.
 */
public final class ExportTally {

  private final AtomicLong spansEnded = new AtomicLong();
  private final AtomicLong spansConfirmed = new AtomicLong();
  private final AtomicLong spansFailed = new AtomicLong();
  private final AtomicLong logsEmitted = new AtomicLong();
  private final AtomicLong logsConfirmed = new AtomicLong();
  private final AtomicLong logsFailed = new AtomicLong();
  private final AtomicLong metricsConfirmed = new AtomicLong();
  private final AtomicLong metricsFailed = new AtomicLong();
  private final AtomicLong metricExportFailures = new AtomicLong();
  private final ProcessorDrops drops = new ProcessorDrops();
  private final LossWarnings warnings;

  /**
   * A tally whose warnings quote {@code settings}' queue sizes and endpoint.
   *
   * @param settings the validated settings
   */
  public ExportTally(Settings settings) {
    this.warnings = new LossWarnings(settings, this::counts);
  }

  /** The reader to register on the SDK's meter provider, through which drops are counted. */
  public MetricReader dropReader() {
    return drops;
  }

  /** The counts now (collects the processors' drop counters). */
  public ExportCounts counts() {
    ProcessorDrops.Totals dropped = drops.collect();
    return new ExportCounts(
        new ExportCounts.Signal(spansConfirmed.get(), dropped.spans(), spansFailed.get()),
        new ExportCounts.Signal(logsConfirmed.get(), dropped.logRecords(), logsFailed.get()),
        new ExportCounts.Signal(metricsConfirmed.get(), 0, metricsFailed.get()));
  }

  /**
   * How many OTLP metric exports have failed so far: tells a flush that failed because the backend failed from
   * one that failed only because the periodic reader was exporting at that moment ("exporter busy").
   */
  public long metricExportFailures() {
    return metricExportFailures.get();
  }

  /** Warns about new losses if the rate limit allows. */
  public void checkLosses() {
    warnings.check(false);
  }

  /** Warns about losses not warned about yet, whatever the rate limit (at shutdown). */
  public void warnRemainingLosses() {
    warnings.check(true);
  }

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
        return tally(delegate.export(spans), spans.size(), spansConfirmed, spansFailed);
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
        return tally(delegate.export(logs), logs.size(), logsConfirmed, logsFailed);
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

  /** Wraps a metric exporter to count confirmed and failed metrics; everything else is the delegate's. */
  public MetricExporter countingMetrics(MetricExporter delegate) {
    return new MetricExporter() {
      @Override
      public CompletableResultCode export(Collection<MetricData> metrics) {
        CompletableResultCode result = delegate.export(metrics);
        result.whenComplete(() -> {
          if (!result.isSuccess()) {
            metricExportFailures.incrementAndGet();
          }
        });
        return tally(result, metrics.size(), metricsConfirmed, metricsFailed);
      }

      @Override
      public AggregationTemporality getAggregationTemporality(InstrumentType instrumentType) {
        return delegate.getAggregationTemporality(instrumentType);
      }

      @Override
      public Aggregation getDefaultAggregation(InstrumentType instrumentType) {
        return delegate.getDefaultAggregation(instrumentType);
      }

      @Override
      public MemoryMode getMemoryMode() {
        return delegate.getMemoryMode();
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

  /**
   * Adds {@code count} to {@code confirmed} or {@code failed} once {@code export} completed, then lets the
   * warnings look (rate-limited); returns {@code export}.
   */
  private CompletableResultCode tally(
      CompletableResultCode export, int count, AtomicLong confirmed, AtomicLong failed) {
    export.whenComplete(
        () -> {
          (export.isSuccess() ? confirmed : failed).addAndGet(count);
          warnings.check(false);
        });
    return export;
  }
}
