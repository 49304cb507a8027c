package io.github.lgtmbootstrap.core.internal;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.data.MetricDataType;
import io.opentelemetry.sdk.metrics.export.CollectionRegistration;
import io.opentelemetry.sdk.metrics.export.MetricReader;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Reads how many spans and log records the SDK's batch processors dropped because their queue was full.
 *
 * <p>The processors report it themselves, as metrics on the SDK's own meter provider (autoconfigure hands it to
 * them): in OpenTelemetry Java 1.68's default ("legacy") internal telemetry the counters {@code processedSpans}
 * and {@code processedLogs} with attribute {@code dropped=true}; with
 * {@code otel.experimental.sdk.telemetry.version=latest} {@code otel.sdk.processor.span.processed} and
 * {@code otel.sdk.processor.log.processed} with {@code error.type=queue_full}. This reader is registered on that
 * meter provider beside the exporting one and collects only when asked (cumulative sums; it exports nothing).
 * After the meter provider shut down it keeps the last totals.
 */
final class ProcessorDrops implements MetricReader {

  private static final AttributeKey<Boolean> LEGACY_DROPPED = AttributeKey.booleanKey("dropped");
  private static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
  private static final Set<String> SPAN_METRICS = Set.of("processedSpans", "otel.sdk.processor.span.processed");
  private static final Set<String> LOG_METRICS = Set.of("processedLogs", "otel.sdk.processor.log.processed");

  /** Dropped totals. */
  record Totals(long spans, long logRecords) {}

  /** Answers within this of the previous collection reuse it: one JMX read asks for several count attributes. */
  private static final long REUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

  private volatile CollectionRegistration registration;
  // Guarded by this.
  private Totals last = new Totals(0, 0);
  private long lastCollected;
  private boolean collected;

  @Override
  public void register(CollectionRegistration registration) {
    this.registration = registration;
  }

  /** Collects the processors' counters now (cheap, but it runs every instrument's callbacks: not on a hot path). */
  synchronized Totals collect() {
    CollectionRegistration r = registration;
    long now = System.nanoTime();
    if (r == null || (collected && now - lastCollected < REUSE_NANOS)) {
      return last;
    }
    collected = true;
    lastCollected = now;
    Collection<MetricData> all = r.collectAllMetrics();
    long spans = 0;
    long logs = 0;
    for (MetricData m : all) {
      boolean span = SPAN_METRICS.contains(m.getName());
      if ((span || LOG_METRICS.contains(m.getName())) && m.getType() == MetricDataType.LONG_SUM) {
        long dropped = 0;
        for (LongPointData p : m.getLongSumData().getPoints()) {
          if (isDrop(p.getAttributes())) {
            dropped += p.getValue();
          }
        }
        if (span) {
          spans += dropped;
        } else {
          logs += dropped;
        }
      }
    }
    // Empty after shutdown: keep what was seen.
    last = new Totals(Math.max(spans, last.spans()), Math.max(logs, last.logRecords()));
    return last;
  }

  private static boolean isDrop(Attributes a) {
    return Boolean.TRUE.equals(a.get(LEGACY_DROPPED)) || "queue_full".equals(a.get(ERROR_TYPE));
  }

  @Override
  public AggregationTemporality getAggregationTemporality(InstrumentType instrumentType) {
    return AggregationTemporality.CUMULATIVE;
  }

  @Override
  public CompletableResultCode forceFlush() {
    return CompletableResultCode.ofSuccess();
  }

  @Override
  public CompletableResultCode shutdown() {
    synchronized (this) {
      collected = false; // the last look while the instruments still answer, never a reused one
    }
    collect();
    registration = null;
    return CompletableResultCode.ofSuccess();
  }

  @Override
  public String toString() {
    return "ProcessorDrops";
  }
}
