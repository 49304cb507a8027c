package io.github.lgtmbootstrap.core.internal;

import io.github.lgtmbootstrap.core.ExportCounts;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns growing drop and failure counts into warnings a user can act on: how many, which signal, which key to
 * raise. Rate-limited: counts are looked at most once a second (collecting them runs the meter provider's
 * callbacks) and a warning is logged at most once every {@value #WARN_EVERY_SECONDS} s, covering everything since
 * the previous one; at shutdown whatever was not warned about yet is warned about at once. Never throws.
 */
final class LossWarnings {

  static final long WARN_EVERY_SECONDS = 30;
  private static final long LOOK_EVERY_NANOS = TimeUnit.SECONDS.toNanos(1);
  private static final Logger LOG = Logger.getLogger("io.github.lgtmbootstrap.core");

  private final Settings settings;
  private final Supplier<ExportCounts> counts;
  private final LongSupplier nanoTime;
  // Guarded by this.
  private ExportCounts warned = ExportCounts.NONE;
  private long lastLook;
  private long lastWarning;
  private boolean looked;
  private boolean warnedOnce;

  LossWarnings(Settings settings, Supplier<ExportCounts> counts) {
    this(settings, counts, System::nanoTime);
  }

  LossWarnings(Settings settings, Supplier<ExportCounts> counts, LongSupplier nanoTime) {
    this.settings = settings;
    this.counts = counts;
    this.nanoTime = nanoTime;
  }

  /**
   * Looks at the counts and warns about new losses if the rate limit allows.
   *
   * @param force ignore the rate limit (shutdown)
   */
  void check(boolean force) {
    try {
      String message;
      synchronized (this) {
        long now = nanoTime.getAsLong();
        if (!force && looked && now - lastLook < LOOK_EVERY_NANOS) {
          return;
        }
        if (!force && warnedOnce && now - lastWarning < TimeUnit.SECONDS.toNanos(WARN_EVERY_SECONDS)) {
          return; // nothing could be said before then anyway; do not pay for collecting
        }
        looked = true;
        lastLook = now;
        ExportCounts current = counts.get();
        message = message(current, warned);
        if (message == null) {
          return;
        }
        warned = current;
        warnedOnce = true;
        lastWarning = now;
      }
      LOG.warning(settings.redactor().redact(message));
    } catch (RuntimeException | LinkageError e) {
      LOG.log(Level.FINE, "lgtm-bootstrap: could not count lost telemetry", e);
    }
  }

  /** The warning for what was lost since {@code before}, or null if nothing was. */
  String message(ExportCounts now, ExportCounts before) {
    List<String> parts = new ArrayList<>();
    dropped(parts, now.spans(), before.spans(), "spans", "otel.bsp.max.queue.size");
    dropped(parts, now.logRecords(), before.logRecords(), "log records", "otel.blrp.max.queue.size");
    failed(parts, now.spans(), before.spans(), "spans");
    failed(parts, now.logRecords(), before.logRecords(), "log records");
    failed(parts, now.metrics(), before.metrics(), "metrics");
    if (parts.isEmpty()) {
      return null;
    }
    return "lgtm-bootstrap: telemetry lost" + (warnedOnce ? " since the last warning" : "") + ": "
        + String.join("; ", parts) + ". Totals since init: " + totals(now) + ".";
  }

  private void dropped(List<String> parts, ExportCounts.Signal now, ExportCounts.Signal before, String noun,
      String queueKey) {
    long n = now.dropped() - before.dropped();
    if (n > 0) {
      parts.add("the SDK dropped " + fmt(n) + " " + noun + " because its queue (" + queueKey + "="
          + settings.config().get(queueKey).orElse("2048") + ") was full: they were produced faster than "
          + settings.endpoint() + " took them; raise " + queueKey + " for bursts, or produce fewer");
    }
  }

  private void failed(List<String> parts, ExportCounts.Signal now, ExportCounts.Signal before, String noun) {
    long n = now.failed() - before.failed();
    if (n > 0) {
      parts.add(fmt(n) + " " + noun + " were in exports to " + settings.endpoint() + " that failed (unreachable, "
          + "too slow or rejected: see the exporter's warning); is the backend up? A slow one needs a longer "
          + ConfigKeys.OTLP_TIMEOUT);
    }
  }

  private static String totals(ExportCounts c) {
    return "spans " + signal(c.spans()) + ", log records " + signal(c.logRecords()) + ", metrics "
        + fmt(c.metrics().exported()) + " exported/" + fmt(c.metrics().failed()) + " failed";
  }

  private static String signal(ExportCounts.Signal s) {
    return fmt(s.exported()) + " exported/" + fmt(s.dropped()) + " dropped/" + fmt(s.failed()) + " failed";
  }

  private static String fmt(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }
}
