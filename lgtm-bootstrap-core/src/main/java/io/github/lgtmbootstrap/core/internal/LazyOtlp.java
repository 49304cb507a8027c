package io.github.lgtmbootstrap.core.internal;

import io.opentelemetry.exporter.internal.ExporterBuilderUtil;
import io.opentelemetry.exporter.otlp.internal.OtlpConfigUtil;
import io.opentelemetry.exporter.otlp.internal.OtlpLogRecordExporterProvider;
import io.opentelemetry.exporter.otlp.internal.OtlpMetricExporterProvider;
import io.opentelemetry.exporter.otlp.internal.OtlpSpanExporterProvider;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.autoconfigure.spi.internal.AutoConfigureListener;
import io.opentelemetry.sdk.autoconfigure.spi.logs.ConfigurableLogRecordExporterProvider;
import io.opentelemetry.sdk.autoconfigure.spi.metrics.ConfigurableMetricExporterProvider;
import io.opentelemetry.sdk.autoconfigure.spi.traces.ConfigurableSpanExporterProvider;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.export.MemoryMode;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import io.opentelemetry.sdk.metrics.Aggregation;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.export.AggregationTemporalitySelector;
import io.opentelemetry.sdk.metrics.export.DefaultAggregationSelector;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * OpenTelemetry's own OTLP exporters ({@code http/protobuf} and {@code grpc}), created after {@code init()}
 * returns instead of while it builds the SDK.
 *
 * <p>Why: creating the first exporter creates the JDK {@code HttpClient}, which builds the JVM's default TLS
 * context (reading the CA store) even for an {@code http://} endpoint: about 0.2 s of a 0.5 s start on 2 cores,
 * spent before the application could run. Nothing needs the exporters before the first export, so {@code init()}
 * registers these stand-ins and its deferred start (a daemon thread, the one that registers JVM runtime
 * metrics) creates the real exporters right after it returns; an export that comes first (or a flush or
 * shutdown meanwhile) waits for that creation instead of failing, so no item is lost.
 *
 * <p>What is not deferred: every {@code otel.exporter.otlp.*} value is parsed and checked while the SDK is built,
 * by OpenTelemetry's own {@code OtlpConfigUtil} (same messages, same fail-fast {@code init()}); the metric
 * exporter's temporality, default histogram aggregation and memory mode, which the metric reader asks for when
 * it is built, are parsed the same way. When TLS material is configured (a CA certificate or a client key pair),
 * the exporter is created at once, so that a PEM file that does not parse still fails {@code init()}.
 *
 * <p>Registered with autoconfigure as the exporter named {@value #NAME}; {@code SdkAssembly} swaps {@code otlp}
 * for it. Uses OpenTelemetry {@code internal} classes (like {@link OtlpJson}): re-check on every upgrade.
 */
public final class LazyOtlp {

  /** Exporter name used in {@code otel.*.exporter}. */
  public static final String NAME = "lgtm-otlp";

  private static final Logger LOG = Logger.getLogger("io.github.lgtmbootstrap.core");
  private static final ThreadLocal<List<Creation<?>>> PENDING = new ThreadLocal<>();

  private LazyOtlp() {}

  /**
   * Runs {@code build} (which builds an SDK through autoconfigure on this thread) and adds to {@code created}
   * the creations of every exporter of this class it made, for the caller to start later.
   */
  static <T> T collecting(List<Runnable> created, Supplier<T> build) {
    List<Creation<?>> pending = new ArrayList<>();
    PENDING.set(pending);
    try {
      return build.get();
    } finally {
      PENDING.remove();
      for (Creation<?> c : pending) {
        created.add(c::get);
      }
    }
  }

  /**
   * One real exporter, created once: by the deferred start, or by whichever export, flush or shutdown needs it
   * first (the others wait for it).
   */
  static final class Creation<E> {
    private final String signal;
    private final Supplier<E> create;
    private volatile E exporter; // written under the lock, read without it by flush and toString
    private boolean failed;
    private boolean closed;

    Creation(String signal, Supplier<E> create) {
      this.signal = signal;
      this.create = create;
    }

    /** The exporter, created now if it was not yet; null if creating it failed or it was shut down unused. */
    synchronized E get() {
      if (exporter == null && !failed && !closed) {
        try {
          exporter = create.get();
        } catch (RuntimeException | LinkageError e) {
          failed = true;
          LOG.warning(
              Redactor.urlsOnly()
                  .redact("lgtm-bootstrap: the OTLP " + signal + " exporter could not be created ("
                      + e + "); " + signal + " are not exported. Check the otel.exporter.otlp.* settings."));
        }
      }
      return exporter;
    }

    /** The exporter if it exists; never creates one, never waits for a creation in progress. */
    E ifCreated() {
      return exporter;
    }

    /** {@code export} on the exporter, created first if needed; a failure if it cannot be created. */
    CompletableResultCode export(Function<E, CompletableResultCode> export) {
      E e = get();
      return e == null ? CompletableResultCode.ofFailure() : export.apply(e);
    }

    /** {@code flush} on the exporter if it exists; one not created yet holds nothing to flush. */
    CompletableResultCode flush(Function<E, CompletableResultCode> flush) {
      E e = exporter;
      return e == null ? CompletableResultCode.ofSuccess() : flush.apply(e);
    }

    /**
     * Shuts the exporter down if it was created; one never created has nothing buffered (exports create it), so
     * it is simply never created.
     */
    CompletableResultCode shutdown(Function<E, CompletableResultCode> shutdown) {
      E e;
      synchronized (this) {
        closed = true;
        e = exporter;
      }
      return e == null ? CompletableResultCode.ofSuccess() : shutdown.apply(e);
    }

    @Override
    public String toString() {
      E e = exporter;
      return e != null ? e.toString() : "OTLP " + signal + " exporter (not created yet)";
    }
  }

  private static <E> Creation<E> creation(
      String signal, ConfigProperties config, Supplier<E> create) {
    Creation<E> c = new Creation<>(signal, create);
    if (tlsConfigured(signal, config)) {
      // A PEM that does not parse must still fail init() with OpenTelemetry's message, not a later export.
      c.exporter = create.get();
      return c;
    }
    List<Creation<?>> pending = PENDING.get();
    if (pending != null) {
      pending.add(c);
    }
    return c;
  }

  /**
   * Parses and checks every {@code otel.exporter.otlp.*} value of {@code signal} with OpenTelemetry's own code
   * (throws its {@code ConfigurationException}), without building anything.
   */
  private static void validate(String signal, ConfigProperties config) {
    OtlpConfigUtil.configureOtlpExporterBuilder(
        signal,
        config,
        loader -> {},
        endpoint -> {},
        (name, value) -> {},
        compression -> {},
        timeout -> {},
        certs -> {},
        (key, cert) -> {},
        retry -> {},
        memoryMode -> {},
        version -> {});
  }

  private static boolean tlsConfigured(String signal, ConfigProperties config) {
    for (String suffix : List.of("certificate", "client.key", "client.certificate")) {
      if (config.getString("otel.exporter.otlp." + suffix) != null
          || config.getString("otel.exporter.otlp." + signal + "." + suffix) != null) {
        return true;
      }
    }
    return false;
  }

  /** Span exporter provider. */
  public static final class SpanProvider implements ConfigurableSpanExporterProvider, AutoConfigureListener {
    private final OtlpSpanExporterProvider otlp = new OtlpSpanExporterProvider();

    @Override
    public SpanExporter createExporter(ConfigProperties config) {
      validate("traces", config);
      return new Spans(creation("traces", config, () -> otlp.createExporter(config)));
    }

    @Override
    public String getName() {
      return NAME;
    }

    @Override
    public void afterAutoConfigure(OpenTelemetrySdk sdk) {
      otlp.afterAutoConfigure(sdk); // the exporter's own self-observability metrics
    }
  }

  /** Log record exporter provider. */
  public static final class LogProvider implements ConfigurableLogRecordExporterProvider, AutoConfigureListener {
    private final OtlpLogRecordExporterProvider otlp = new OtlpLogRecordExporterProvider();

    @Override
    public LogRecordExporter createExporter(ConfigProperties config) {
      validate("logs", config);
      return new Logs(creation("logs", config, () -> otlp.createExporter(config)));
    }

    @Override
    public String getName() {
      return NAME;
    }

    @Override
    public void afterAutoConfigure(OpenTelemetrySdk sdk) {
      otlp.afterAutoConfigure(sdk);
    }
  }

  /** Metric exporter provider. */
  public static final class MetricProvider implements ConfigurableMetricExporterProvider, AutoConfigureListener {
    private final OtlpMetricExporterProvider otlp = new OtlpMetricExporterProvider();

    @Override
    public MetricExporter createExporter(ConfigProperties config) {
      validate("metrics", config);
      // What the metric reader asks for when it is built, parsed as OpenTelemetry's exporter parses it.
      AtomicReference<AggregationTemporalitySelector> temporality =
          new AtomicReference<>(AggregationTemporalitySelector.alwaysCumulative());
      ExporterBuilderUtil.configureOtlpAggregationTemporality(config, temporality::set);
      AtomicReference<DefaultAggregationSelector> aggregation =
          new AtomicReference<>(DefaultAggregationSelector.getDefault());
      ExporterBuilderUtil.configureOtlpHistogramDefaultAggregation(config, aggregation::set);
      // Immutable unless reusable data was asked for: always safe for the exporter, which accepts both.
      AtomicReference<MemoryMode> memoryMode = new AtomicReference<>(MemoryMode.IMMUTABLE_DATA);
      ExporterBuilderUtil.configureExporterMemoryMode(config, memoryMode::set);
      return new Metrics(
          creation("metrics", config, () -> otlp.createExporter(config)),
          temporality.get(),
          aggregation.get(),
          memoryMode.get());
    }

    @Override
    public String getName() {
      return NAME;
    }

    @Override
    public void afterAutoConfigure(OpenTelemetrySdk sdk) {
      otlp.afterAutoConfigure(sdk);
    }
  }

  static final class Spans implements SpanExporter {
    private final Creation<SpanExporter> real;

    Spans(Creation<SpanExporter> real) {
      this.real = real;
    }

    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
      return real.export(e -> e.export(spans));
    }

    @Override
    public CompletableResultCode flush() {
      return real.flush(SpanExporter::flush);
    }

    @Override
    public CompletableResultCode shutdown() {
      return real.shutdown(SpanExporter::shutdown);
    }

    @Override
    public String toString() {
      return real.toString();
    }
  }

  static final class Logs implements LogRecordExporter {
    private final Creation<LogRecordExporter> real;

    Logs(Creation<LogRecordExporter> real) {
      this.real = real;
    }

    @Override
    public CompletableResultCode export(Collection<LogRecordData> logs) {
      return real.export(e -> e.export(logs));
    }

    @Override
    public CompletableResultCode flush() {
      return real.flush(LogRecordExporter::flush);
    }

    @Override
    public CompletableResultCode shutdown() {
      return real.shutdown(LogRecordExporter::shutdown);
    }

    @Override
    public String toString() {
      return real.toString();
    }
  }

  static final class Metrics implements MetricExporter {
    private final Creation<MetricExporter> real;
    private final AggregationTemporalitySelector temporality;
    private final DefaultAggregationSelector aggregation;
    private final MemoryMode memoryMode;

    Metrics(
        Creation<MetricExporter> real,
        AggregationTemporalitySelector temporality,
        DefaultAggregationSelector aggregation,
        MemoryMode memoryMode) {
      this.real = real;
      this.temporality = temporality;
      this.aggregation = aggregation;
      this.memoryMode = memoryMode;
    }

    @Override
    public AggregationTemporality getAggregationTemporality(InstrumentType instrumentType) {
      return temporality.getAggregationTemporality(instrumentType);
    }

    @Override
    public Aggregation getDefaultAggregation(InstrumentType instrumentType) {
      return aggregation.getDefaultAggregation(instrumentType);
    }

    @Override
    public MemoryMode getMemoryMode() {
      return memoryMode;
    }

    @Override
    public CompletableResultCode export(Collection<MetricData> metrics) {
      return real.export(e -> e.export(metrics));
    }

    @Override
    public CompletableResultCode flush() {
      return real.flush(MetricExporter::flush);
    }

    @Override
    public CompletableResultCode shutdown() {
      return real.shutdown(MetricExporter::shutdown);
    }

    @Override
    public String toString() {
      return real.toString();
    }
  }
}
