package io.github.lgtmbootstrap.benchmarks;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.OutputStreamAppender;
import io.github.lgtmbootstrap.logback.LgtmLogback;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.opentelemetry.instrumentation.logback.appender.v1_0.OpenTelemetryAppender;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.export.SimpleLogRecordProcessor;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import java.io.OutputStream;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.slf4j.LoggerFactory;

/**
 * One log line with an argument inside a span: plain logback (a pattern encoder writing to a null stream) as the
 * baseline, against the same plus OpenTelemetry's logback appender with its default options, and against the
 * same plus lgtm-bootstrap-logback's wiring ({@code LgtmLogback.install}, default options: the appender, trace
 * ids in the MDC), both handing each record synchronously to an exporter that discards it (simple processor).
 */
@State(org.openjdk.jmh.annotations.Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class LogbackBenchmark {

  private LoggerContext boundContext;
  private org.slf4j.Logger lgtmLogger;
  private LgtmLogback lgtmLogback;
  private LoggerContext plainContext;
  private LoggerContext otelContext;
  private Logger plainLogger;
  private Logger otelLogger;
  private OpenTelemetrySdk sdk;
  private Span span;
  private Scope scope;

  @Setup(Level.Trial)
  public void setUp() {
    sdk =
        OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder().build())
            .setLoggerProvider(
                SdkLoggerProvider.builder()
                    // Simple, not batch: a batch queue that overflows on a busy 2-core machine drops records
                    // cheaply and would flatter the result.
                    .addLogRecordProcessor(SimpleLogRecordProcessor.create(Discarding.logs()))
                    .build())
            .build();
    plainContext = newContext();
    plainLogger = plainContext.getLogger("bench");
    plainLogger.addAppender(nullAppender(plainContext));

    otelContext = newContext();
    otelLogger = otelContext.getLogger("bench");
    otelLogger.addAppender(nullAppender(otelContext));
    OpenTelemetryAppender appender = new OpenTelemetryAppender();
    appender.setContext(otelContext);
    appender.setName("otel");
    appender.setOpenTelemetry(sdk);
    appender.start();
    otelLogger.addAppender(appender);

    // lgtm-bootstrap-logback wires the context SLF4J is bound to; give it the same null appender, nothing else.
    boundContext = (LoggerContext) LoggerFactory.getILoggerFactory();
    boundContext.reset();
    boundContext.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(nullAppender(boundContext));
    lgtmLogback = LgtmLogback.install(sdk);
    lgtmLogger = LoggerFactory.getLogger("bench");

    span = sdk.getTracer("bench").spanBuilder("request").startSpan();
    scope = span.makeCurrent();
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    scope.close();
    span.end();
    lgtmLogback.close();
    plainContext.stop();
    otelContext.stop();
    sdk.close();
  }

  @Benchmark
  public void baselinePlainLogback() {
    plainLogger.info("order {} placed", 42);
  }

  @Benchmark
  public void withOpenTelemetryAppender() {
    otelLogger.info("order {} placed", 42);
  }

  @Benchmark
  public void withLgtmLogback() {
    lgtmLogger.info("order {} placed", 42);
  }

  /**
   * A context like the one SLF4J binds: without an MDC adapter logback takes a slow path on every event (10x
   * here), which would make the baseline meaningless.
   */
  private static LoggerContext newContext() {
    LoggerContext context = new LoggerContext();
    context.setMDCAdapter(new LogbackMDCAdapter());
    context.start();
    return context;
  }

  private static OutputStreamAppender<ch.qos.logback.classic.spi.ILoggingEvent> nullAppender(
      LoggerContext context) {
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern("%d{HH:mm:ss.SSS} %-5level [%thread] %logger - %msg%n");
    encoder.start();
    OutputStreamAppender<ch.qos.logback.classic.spi.ILoggingEvent> appender = new OutputStreamAppender<>();
    appender.setContext(context);
    appender.setName("null");
    appender.setEncoder(encoder);
    appender.setOutputStream(OutputStream.nullOutputStream());
    appender.start();
    return appender;
  }
}
