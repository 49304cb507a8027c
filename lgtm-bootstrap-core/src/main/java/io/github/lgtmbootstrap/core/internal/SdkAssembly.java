package io.github.lgtmbootstrap.core.internal;

import static io.github.lgtmbootstrap.core.internal.ConfigKeys.*;

import io.github.lgtmbootstrap.core.internal.console.ConsoleLogRecordExporter;
import io.github.lgtmbootstrap.core.internal.console.ConsoleMetricExporter;
import io.github.lgtmbootstrap.core.internal.console.ConsoleSpanExporter;
import io.github.lgtmbootstrap.core.LgtmConfigException;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigurationException;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdkBuilder;
import io.opentelemetry.sdk.logs.export.SimpleLogRecordProcessor;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Builds the SDK with OpenTelemetry's autoconfigure: our defaults as the lowest layer
 * ({@code addPropertiesSupplier}), the builder's values and what we derive from our own keys on top
 * ({@code addPropertiesCustomizer}), system properties and environment in between as autoconfigure reads them.
 * Adds the console exporters, the export tally and our resource rules through autoconfigure's customizers.
 */
public final class SdkAssembly {

  private SdkAssembly() {}

  /**
   * What was built: the SDK, its resource, and the creation of the OTLP exporters that {@link LazyOtlp} left for
   * after {@code init()} returns (run them, in order, off the caller's thread).
   */
  public record Built(AutoConfiguredOpenTelemetrySdk sdk, Resource resource, List<Runnable> exporterCreation) {}

  /**
   * Builds (but does not register) the SDK.
   *
   * @param settings validated settings
   * @param consoleOut where console mode prints
   * @param tally counts for the shutdown report
   */
  public static Built build(Settings settings, PrintStream consoleOut, ExportTally tally) {
    LayeredConfig config = settings.config();
    Map<String, String> overrides = overrides(settings);
    AtomicReference<Resource> resource = new AtomicReference<>(Resource.empty());
    AutoConfiguredOpenTelemetrySdkBuilder b =
        AutoConfiguredOpenTelemetrySdk.builder()
            .addPropertiesSupplier(config::defaultLayer)
            .addPropertiesCustomizer(ignored -> overrides)
            .addResourceCustomizer(
                (r, cp) -> {
                  Resource out = ResourceTweaks.apply(ResourceTweaks.withDetectors(r, config, cp), config);
                  resource.set(out);
                  return out;
                })
            .disableShutdownHook();
    if (settings.otlpEnabled()) {
      // before MetricExportTimeout, which rebuilds the reader around the exporter it is handed: the counting one
      b.addMetricExporterCustomizer((e, cp) -> isOtlp(e) ? tally.countingMetrics(e) : e);
      b.addMeterProviderCustomizer((mp, cp) -> mp.registerMetricReader(tally.dropReader()));
    }
    MetricExportTimeout.install(b);
    TestIdStamping.install(b);
    if (settings.otlpEnabled()) {
      b.addSpanExporterCustomizer((e, cp) -> isOtlp(e) ? tally.countingSpans(e) : e);
      b.addLogRecordExporterCustomizer((e, cp) -> isOtlp(e) ? tally.countingLogs(e) : e);
      b.addTracerProviderCustomizer((tp, cp) -> tp.addSpanProcessor(tally.spanCounter()));
      b.addLoggerProviderCustomizer((lp, cp) -> lp.addLogRecordProcessor(tally.logCounter()));
    }
    if (settings.console()) {
      Duration interval = Durations.parse(config.get(METRIC_INTERVAL).orElse("60s"));
      b.addTracerProviderCustomizer(
          (tp, cp) -> tp.addSpanProcessor(SimpleSpanProcessor.create(new ConsoleSpanExporter(consoleOut))));
      b.addLoggerProviderCustomizer(
          (lp, cp) ->
              lp.addLogRecordProcessor(
                  SimpleLogRecordProcessor.create(new ConsoleLogRecordExporter(consoleOut))));
      b.addMeterProviderCustomizer(
          (mp, cp) ->
              mp.registerMetricReader(
                  PeriodicMetricReader.builder(new ConsoleMetricExporter(consoleOut))
                      .setInterval(interval)
                      .build()));
    }
    AutoConfiguredOpenTelemetrySdk sdk;
    List<Runnable> exporterCreation = new ArrayList<>();
    try {
      sdk = LazyOtlp.collecting(exporterCreation, b::build);
    } catch (ConfigurationException e) {
      // Something only autoconfigure checks (e.g. an unknown sampler or exporter name): same exception type as
      // our own validation, with any secret value that might be quoted in the message blanked out.
      throw new LgtmConfigException(List.of(settings.redactor().redact(String.valueOf(e.getMessage()))));
    }
    return new Built(sdk, resource.get(), List.copyOf(exporterCreation));
  }

  private static boolean isOtlp(Object exporter) {
    String name = exporter.getClass().getName();
    return name.startsWith("io.opentelemetry.exporter.otlp.")
        || name.startsWith(OtlpJson.class.getName())
        || name.startsWith(LazyOtlp.class.getName());
  }

  /** The top layer handed to autoconfigure: builder values plus what our keys imply. */
  static Map<String, String> overrides(Settings settings) {
    LayeredConfig config = settings.config();
    Map<String, String> o = new LinkedHashMap<>(config.builderLayer());
    // ResourceTweaks sets service.instance.id and runs the host/OS/process detectors instead (schema-URL clashes
    // that made the SDK log on every init).
    o.put(ResourceTweaks.DISABLED_PROVIDERS, ResourceTweaks.disabledProviders(config));
    settings.grafanaCloudEndpoint().ifPresent(e -> o.put(OTLP_ENDPOINT, e));
    settings
        .authorization()
        .ifPresent(
            auth -> {
              for (String key : Settings.headerKeys()) {
                if (key.equals(OTLP_HEADERS) || config.get(key).isPresent()) {
                  Map<String, String> merged = new LinkedHashMap<>(Headers.parseRaw(config.get(key).orElse("")));
                  merged.keySet().removeIf(h -> h.equalsIgnoreCase("authorization"));
                  merged.put("Authorization", Headers.encodeValue(auth));
                  o.put(key, Headers.joinRaw(merged));
                }
              }
            });
    // Swap autoconfigure's otlp exporter for ours, signal by signal: http/json (autoconfigure's speaks protobuf
    // and grpc only), or OpenTelemetry's own exporter created after init() returns (LazyOtlp says why).
    Map<String, String> exporterKeys = Map.of("traces", TRACES_EXPORTER, "metrics", METRICS_EXPORTER, "logs", LOGS_EXPORTER);
    for (String signal : SIGNALS) {
      String protocol =
          config.get(perSignal(signal, "protocol")).orElseGet(() -> config.get(OTLP_PROTOCOL).orElse("http/protobuf"));
      if (settings.otlpEnabled()) {
        String ours = protocol.equals("http/json") ? OtlpJson.NAME : LazyOtlp.NAME;
        String key = exporterKeys.get(signal);
        List<String> names = new ArrayList<>();
        for (String n : config.get(key).orElse("otlp").split(",")) {
          names.add(n.trim().equals("otlp") ? ours : n.trim());
        }
        o.put(key, String.join(",", names));
      }
    }
    if (!settings.otlpEnabled()) {
      for (String key : List.of(TRACES_EXPORTER, METRICS_EXPORTER, LOGS_EXPORTER)) {
        List<String> names = new ArrayList<>();
        for (String n : Arrays.asList(config.get(key).orElse("otlp").split(","))) {
          String t = n.trim();
          if (!t.isEmpty() && !t.equals("otlp") && !t.equals("none")) {
            names.add(t);
          }
        }
        o.put(key, names.isEmpty() ? "none" : String.join(",", names));
      }
    }
    return Map.copyOf(o);
  }
}
