package io.github.lgtmbootstrap.core.internal;

import io.opentelemetry.common.ComponentLoader;
import io.opentelemetry.exporter.internal.ExporterBuilderUtil;
import io.opentelemetry.exporter.internal.marshal.Marshaler;
import io.opentelemetry.exporter.internal.otlp.logs.LogsRequestMarshaler;
import io.opentelemetry.exporter.internal.otlp.metrics.MetricsRequestMarshaler;
import io.opentelemetry.exporter.internal.otlp.traces.TraceRequestMarshaler;
import io.opentelemetry.exporter.otlp.internal.HttpExporter;
import io.opentelemetry.exporter.otlp.internal.HttpExporterBuilder;
import io.opentelemetry.exporter.otlp.internal.OtlpConfigUtil;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.autoconfigure.spi.logs.ConfigurableLogRecordExporterProvider;
import io.opentelemetry.sdk.autoconfigure.spi.metrics.ConfigurableMetricExporterProvider;
import io.opentelemetry.sdk.autoconfigure.spi.traces.ConfigurableSpanExporterProvider;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.internal.StandardComponentId;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.export.AggregationTemporalitySelector;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * OTLP over HTTP with JSON encoding ({@code otel.exporter.otlp.protocol=http/json}).
 *
 * <p>Why this exists: OpenTelemetry Java 1.68's autoconfigure accepts only {@code grpc} and {@code http/protobuf}
 * for its {@code otlp} exporters, although its HTTP exporter machinery can encode JSON. We do not re-implement
 * anything: the exporters below are OpenTelemetry's own {@code HttpExporter} with {@code exportAsJson()} and its
 * own request marshalers, configured by its own {@code OtlpConfigUtil} from the same {@code otel.exporter.otlp.*}
 * keys. They are registered as autoconfigure exporters named {@value #NAME}; {@code Lgtm.init()} swaps
 * {@code otlp} for that name for every signal whose protocol is {@code http/json}. These are OpenTelemetry
 * {@code internal} classes: re-check on every OpenTelemetry upgrade (the build pins one version).
 */
public final class OtlpJson {

  /** Exporter name used in {@code otel.*.exporter}. */
  public static final String NAME = "lgtm-otlp-json";

  private OtlpJson() {}

  /** The config as the OTLP helper should see it: http/protobuf so that the signal path gets appended. */
  private static ConfigProperties asHttp(ConfigProperties config) {
    return new ConfigProperties() {
      @Override
      public String getString(String name) {
        if (name.startsWith("otel.exporter.otlp.") && name.endsWith(".protocol")) {
          String v = config.getString(name);
          return v == null ? null : OtlpConfigUtil.PROTOCOL_HTTP_PROTOBUF;
        }
        return config.getString(name);
      }

      @Override
      public Boolean getBoolean(String name) {
        return config.getBoolean(name);
      }

      @Override
      public Integer getInt(String name) {
        return config.getInt(name);
      }

      @Override
      public Long getLong(String name) {
        return config.getLong(name);
      }

      @Override
      public Double getDouble(String name) {
        return config.getDouble(name);
      }

      @Override
      public Duration getDuration(String name) {
        return config.getDuration(name);
      }

      @Override
      public List<String> getList(String name) {
        return config.getList(name);
      }

      @Override
      public Map<String, String> getMap(String name) {
        return config.getMap(name);
      }

      @Override
      public ComponentLoader getComponentLoader() {
        return config.getComponentLoader();
      }
    };
  }

  /**
   * One signal's half of a JSON exporter: OpenTelemetry's {@code HttpExporter} configured from the
   * {@code otel.exporter.otlp.*} keys, plus the signal's own request marshaler. The three exporters below only
   * adapt it to their SDK interface.
   */
  private static final class JsonSignal<T> {
    private final HttpExporter http;
    private final Function<Collection<T>, Marshaler> marshaler;
    private final String name;

    JsonSignal(
        String signal,
        StandardComponentId.ExporterType type,
        Function<Collection<T>, Marshaler> marshaler,
        String name,
        ConfigProperties config) {
      HttpExporterBuilder b = new HttpExporterBuilder(type, "http://localhost:4318/v1/" + signal);
      OtlpConfigUtil.configureOtlpExporterBuilder(
          signal,
          asHttp(config),
          b::setComponentLoader,
          b::setEndpoint,
          b::addConstantHeaders,
          b::setCompression,
          b::setTimeout,
          b::setTrustManagerFromCerts,
          b::setKeyManagerFromCerts,
          b::setRetryPolicy,
          memoryMode -> {},
          b::setInternalTelemetryVersion);
      this.http = b.exportAsJson().build();
      this.marshaler = marshaler;
      this.name = name;
    }

    CompletableResultCode export(Collection<T> items) {
      return http.export(marshaler.apply(items), items.size());
    }

    /** Each export completes on its own; there is nothing buffered to flush. */
    CompletableResultCode flush() {
      return CompletableResultCode.ofSuccess();
    }

    CompletableResultCode shutdown() {
      return http.shutdown();
    }

    @Override
    public String toString() {
      return name;
    }
  }

  /** Span exporter provider. */
  public static final class SpanProvider implements ConfigurableSpanExporterProvider {
    @Override
    public SpanExporter createExporter(ConfigProperties config) {
      JsonSignal<SpanData> json =
          new JsonSignal<>(
              "traces",
              StandardComponentId.ExporterType.OTLP_HTTP_SPAN_EXPORTER,
              TraceRequestMarshaler::create,
              "OtlpJsonSpanExporter",
              config);
      return new SpanExporter() {
        @Override
        public CompletableResultCode export(Collection<SpanData> spans) {
          return json.export(spans);
        }

        @Override
        public CompletableResultCode flush() {
          return json.flush();
        }

        @Override
        public CompletableResultCode shutdown() {
          return json.shutdown();
        }

        @Override
        public String toString() {
          return json.toString();
        }
      };
    }

    @Override
    public String getName() {
      return NAME;
    }
  }

  /** Log record exporter provider. */
  public static final class LogProvider implements ConfigurableLogRecordExporterProvider {
    @Override
    public LogRecordExporter createExporter(ConfigProperties config) {
      JsonSignal<LogRecordData> json =
          new JsonSignal<>(
              "logs",
              StandardComponentId.ExporterType.OTLP_HTTP_LOG_EXPORTER,
              LogsRequestMarshaler::create,
              "OtlpJsonLogRecordExporter",
              config);
      return new LogRecordExporter() {
        @Override
        public CompletableResultCode export(Collection<LogRecordData> logs) {
          return json.export(logs);
        }

        @Override
        public CompletableResultCode flush() {
          return json.flush();
        }

        @Override
        public CompletableResultCode shutdown() {
          return json.shutdown();
        }

        @Override
        public String toString() {
          return json.toString();
        }
      };
    }

    @Override
    public String getName() {
      return NAME;
    }
  }

  /** Metric exporter provider; honours {@code otel.exporter.otlp.metrics.temporality.preference}. */
  public static final class MetricProvider implements ConfigurableMetricExporterProvider {
    @Override
    public MetricExporter createExporter(ConfigProperties config) {
      JsonSignal<MetricData> json =
          new JsonSignal<>(
              "metrics",
              StandardComponentId.ExporterType.OTLP_HTTP_METRIC_EXPORTER,
              MetricsRequestMarshaler::create,
              "OtlpJsonMetricExporter",
              config);
      // OpenTelemetry's own parsing, as for its protobuf exporter: same values, and an unknown one fails init.
      AtomicReference<AggregationTemporalitySelector> temporality =
          new AtomicReference<>(AggregationTemporalitySelector.alwaysCumulative());
      ExporterBuilderUtil.configureOtlpAggregationTemporality(config, temporality::set);
      AggregationTemporalitySelector selector = temporality.get();
      return new MetricExporter() {
        @Override
        public AggregationTemporality getAggregationTemporality(InstrumentType instrumentType) {
          return selector.getAggregationTemporality(instrumentType);
        }

        @Override
        public CompletableResultCode export(Collection<MetricData> metrics) {
          return json.export(metrics);
        }

        @Override
        public CompletableResultCode flush() {
          return json.flush();
        }

        @Override
        public CompletableResultCode shutdown() {
          return json.shutdown();
        }

        @Override
        public String toString() {
          return json.toString();
        }
      };
    }

    @Override
    public String getName() {
      return NAME;
    }
  }
}
