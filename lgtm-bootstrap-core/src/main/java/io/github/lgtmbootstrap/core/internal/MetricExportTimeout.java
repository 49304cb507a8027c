package io.github.lgtmbootstrap.core.internal;

import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdkBuilder;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.common.InternalTelemetryVersion;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import io.opentelemetry.sdk.metrics.export.MetricReader;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReaderBuilder;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Gives autoconfigure's periodic metric readers an exporter timeout of {@code otel.exporter.otlp.timeout} when
 * that is longer than the export interval.
 *
 * <p>Why: OpenTelemetry Java 1.68's {@link PeriodicMetricReader} waits at most its <em>interval</em> for an
 * export when no exporter timeout is set, and autoconfigure sets none. With short development intervals (the
 * testkit's 500 ms) the first export (class loading, TLS handshake) regularly takes longer: a WARNING "Exporter
 * timed out" and a {@code forceFlush()} that reports failure although the data arrived.
 *
 * <p>How, with public API only: autoconfigure customizes each exporter and then builds a reader for it
 * ({@code MetricExporterConfiguration.configureReader}: exporter customizer, {@code PeriodicMetricReader.builder
 * (exporter)} with the interval, max batch size and internal-telemetry version, then the reader customizer). The
 * exporter customizer remembers the exporter; the reader customizer rebuilds that reader with the same settings
 * plus {@link PeriodicMetricReaderBuilder#setExporterTimeout(Duration)}. The replaced reader was never registered,
 * so it never started a thread; it is not shut down because that would shut the shared exporter down. A reader
 * not preceded by an exporter (a pull reader such as Prometheus) is left alone, and so is every reader when the
 * timeout is not longer than the interval (then the SDK already waits long enough).
 */
final class MetricExportTimeout {

  private static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(60);
  private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  private final AtomicReference<MetricExporter> lastExporter = new AtomicReference<>();

  private MetricExportTimeout() {}

  /** Adds the two customizers. */
  static void install(AutoConfiguredOpenTelemetrySdkBuilder builder) {
    MetricExportTimeout t = new MetricExportTimeout();
    builder.addMetricExporterCustomizer(t::rememberExporter);
    builder.addMetricReaderCustomizer(t::withTimeout);
  }

  private MetricExporter rememberExporter(MetricExporter exporter, ConfigProperties config) {
    lastExporter.set(exporter);
    return exporter;
  }

  private MetricReader withTimeout(MetricReader reader, ConfigProperties config) {
    MetricExporter exporter = lastExporter.getAndSet(null);
    if (exporter == null || !(reader instanceof PeriodicMetricReader)) {
      return reader;
    }
    Duration interval = config.getDuration("otel.metric.export.interval", DEFAULT_INTERVAL);
    Duration timeout = exporterTimeout(config);
    if (timeout.compareTo(interval) <= 0) {
      return reader;
    }
    PeriodicMetricReaderBuilder b =
        PeriodicMetricReader.builder(exporter)
            .setInterval(interval)
            .setExporterTimeout(timeout)
            .setInternalTelemetryVersion(telemetryVersion(config));
    Integer maxBatch = config.getInt("otel.metric.export.max.batch.size");
    if (maxBatch != null) {
      b.setMaxExportBatchSize(maxBatch);
    }
    return b.build();
  }

  /** The metrics request timeout: per-signal key, then the general one, then OpenTelemetry's 10 s. */
  static Duration exporterTimeout(ConfigProperties config) {
    Duration perSignal = config.getDuration(ConfigKeys.perSignal("metrics", "timeout"));
    return perSignal != null ? perSignal : config.getDuration(ConfigKeys.OTLP_TIMEOUT, DEFAULT_TIMEOUT);
  }

  /** Same key and values autoconfigure reads (it already rejected anything else before this runs). */
  private static InternalTelemetryVersion telemetryVersion(ConfigProperties config) {
    String v = config.getString("otel.experimental.sdk.telemetry.version", "legacy");
    return v.toLowerCase(Locale.ROOT).equals("latest")
        ? InternalTelemetryVersion.LATEST
        : InternalTelemetryVersion.LEGACY;
  }
}
