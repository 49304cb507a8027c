package io.github.lgtmbootstrap.core;

import java.util.Objects;

/**
 * What a handle's OTLP export did with the telemetry recorded since {@link Lgtm#init()}, per signal: how many
 * items the backend confirmed, how many the SDK dropped before export, and how many were in exports that failed.
 * A snapshot; immutable.
 *
 * <pre>{@code
 * ExportCounts counts = lgtm.exportCounts();
 * if (counts.logRecords().dropped() > 0) { ... } // the log queue overflowed: raise otel.blrp.max.queue.size
 * }</pre>
 *
 * <p>Items dropped or failed are lost. Whenever either count grows, a warning on {@code java.util.logging}
 * (logger {@code io.github.lgtmbootstrap.core}, at most one every 30 s, and one at shutdown for the rest) says
 * how many, for which signal, and which key to raise. Only OTLP export is counted (not console mode).
 *
 * @param spans spans
 * @param logRecords log records
 * @param metrics metrics (one per metric stream and export; the SDK never drops metrics, so {@code dropped} is 0)
 */
public record ExportCounts(Signal spans, Signal logRecords, Signal metrics) {

  /** All zero: what a disabled handle reports. */
  public static final ExportCounts NONE =
      new ExportCounts(new Signal(0, 0, 0), new Signal(0, 0, 0), new Signal(0, 0, 0));

  /**
   * Creates a snapshot.
   *
   * @param spans spans
   * @param logRecords log records
   * @param metrics metrics
   */
  public ExportCounts {
    Objects.requireNonNull(spans, "spans");
    Objects.requireNonNull(logRecords, "logRecords");
    Objects.requireNonNull(metrics, "metrics");
  }

  /**
   * The counts of one signal.
   *
   * @param exported items the backend confirmed
   * @param dropped items the SDK's batch processor discarded because its queue was full (never sent); raise
   *     {@code otel.bsp.max.queue.size} (spans) or {@code otel.blrp.max.queue.size} (log records)
   * @param failed items in exports that failed (backend unreachable, too slow or rejecting them)
   */
  public record Signal(long exported, long dropped, long failed) {

    /**
     * Items recorded but not confirmed: {@code dropped + failed}.
     *
     * @return the items lost so far
     */
    public long lost() {
      return dropped + failed;
    }
  }
}
