package io.github.lgtmbootstrap.logback;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.opentelemetry.instrumentation.logback.appender.v1_0.OpenTelemetryAppender;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogManager;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

@SuppressWarnings("try") // try-with-resources on Scope: the resource is the point, not its use
class CaptureAndRoutingTest {

  private final InMemorySdk sdk = new InMemorySdk();
  private final List<LgtmLogback> handles = new ArrayList<>();
  private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();

  @AfterEach
  void cleanUp() {
    handles.forEach(LgtmLogback::close);
    MDC.clear();
    sdk.close();
  }

  private LgtmLogback track(LgtmLogback handle) {
    handles.add(handle);
    return handle;
  }

  @Test
  void consoleLinesBecomeInfoAndErrorRecordsTiedToTheTraceAndStillPrint() {
    PrintStream originalOut = System.out;
    PrintStream originalErr = System.err;
    LgtmLogback handle = track(LgtmLogback.builder().setConsoleCapture(true).install(sdk.sdk));
    assertThat(handle.isConsoleCaptureActive()).isTrue();
    assertThat(System.out).isNotSameAs(originalOut);

    Span span = sdk.tracer().spanBuilder("cli").startSpan();
    try (Scope ignored = span.makeCurrent()) {
      System.out.println("hello from println");
      System.out.print("partial ");
      System.out.print("line");
      System.out.println();
      System.err.println("something broke");
    } finally {
      span.end();
    }
    System.out.println("outside any span");

    List<LogRecordData> hello = sdk.recordsWithBody("hello from println");
    assertThat(hello).as("records received:\n%s", InMemorySdk.bodies(sdk.records())).hasSize(1);
    assertThat(hello.get(0).getSeverity()).isEqualTo(Severity.INFO);
    assertThat(hello.get(0).getInstrumentationScopeInfo().getName()).isEqualTo("System.out");
    assertThat(hello.get(0).getSpanContext().getSpanId()).isEqualTo(span.getSpanContext().getSpanId());
    assertThat(sdk.recordsWithBody("partial line")).hasSize(1);
    List<LogRecordData> broke = sdk.recordsWithBody("something broke");
    assertThat(broke).hasSize(1);
    assertThat(broke.get(0).getSeverity()).isEqualTo(Severity.ERROR);
    assertThat(broke.get(0).getSpanContext().getTraceId()).isEqualTo(span.getSpanContext().getTraceId());
    List<LogRecordData> outside = sdk.recordsWithBody("outside any span");
    assertThat(outside).hasSize(1);
    assertThat(outside.get(0).getSpanContext().isValid()).isFalse();

    handle.close();
    assertThat(System.out).isSameAs(originalOut);
    assertThat(System.err).isSameAs(originalErr);
  }

  @Test
  void consoleAppenderOutputIsNotCapturedAgain() {
    track(LgtmLogback.builder().setConsoleCapture(true).install(sdk.sdk));
    ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern("%level %logger %msg%n");
    encoder.start();
    console.setContext(context);
    console.setEncoder(encoder);
    console.setName("TEST_CONSOLE");
    console.start();
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.addAppender(console);
    try {
      LoggerFactory.getLogger("shop.orders").info("logged once");
    } finally {
      root.detachAppender(console);
      console.stop();
    }
    assertThat(sdk.records()).extracting(r -> r.getBodyValue().asString()).containsExactly("logged once");
    assertThat(sdk.records().get(0).getInstrumentationScopeInfo().getName()).isEqualTo("shop.orders");
  }

  @Test
  void printfAndPrintStackTraceAreCapturedButRawByteWritesAreNot() {
    track(LgtmLogback.builder().setConsoleCapture(true).install(sdk.sdk));
    System.out.printf("%d items%n", 3);
    new IllegalStateException("boom").printStackTrace();
    // Raw bytes are how logging frameworks' console appenders write: never captured (they are records already).
    System.out.write("raw bytes\n".getBytes(java.nio.charset.StandardCharsets.UTF_8), 0, 10);
    System.out.flush();

    assertThat(sdk.records()).extracting(r -> r.getBodyValue().asString())
        .contains("3 items", "java.lang.IllegalStateException: boom")
        .doesNotContain("raw bytes");
    assertThat(sdk.recordsWithBody("java.lang.IllegalStateException: boom").get(0).getSeverity())
        .isEqualTo(Severity.ERROR);
  }

  /** Prints every record with println, as OpenTelemetry's SystemOutLogRecordExporter does. */
  private static final class PrintingExporter implements io.opentelemetry.sdk.logs.export.LogRecordExporter {
    @Override
    public io.opentelemetry.sdk.common.CompletableResultCode export(java.util.Collection<LogRecordData> logs) {
      for (LogRecordData log : logs) {
        System.out.println("exported: " + log.getBodyValue().asString());
      }
      return io.opentelemetry.sdk.common.CompletableResultCode.ofSuccess();
    }

    @Override
    public io.opentelemetry.sdk.common.CompletableResultCode flush() {
      return io.opentelemetry.sdk.common.CompletableResultCode.ofSuccess();
    }

    @Override
    public io.opentelemetry.sdk.common.CompletableResultCode shutdown() {
      return io.opentelemetry.sdk.common.CompletableResultCode.ofSuccess();
    }
  }

  @Test
  void aSystemOutExporterDoesNotFeedConsoleCaptureOnEitherThread() {
    // Records are printed by a System.out exporter (like OpenTelemetry's SystemOutLogRecordExporter, which uses
    // println) synchronously (simple processor, on the logging thread) and on the batch worker; neither printout
    // may come back as a new record.
    io.opentelemetry.sdk.testing.exporter.InMemoryLogRecordExporter memory =
        io.opentelemetry.sdk.testing.exporter.InMemoryLogRecordExporter.create();
    io.opentelemetry.sdk.OpenTelemetrySdk printing = io.opentelemetry.sdk.OpenTelemetrySdk.builder()
        .setLoggerProvider(io.opentelemetry.sdk.logs.SdkLoggerProvider.builder()
            .addLogRecordProcessor(io.opentelemetry.sdk.logs.export.SimpleLogRecordProcessor.create(
                new PrintingExporter()))
            .addLogRecordProcessor(io.opentelemetry.sdk.logs.export.BatchLogRecordProcessor.builder(
                new PrintingExporter()).build())
            .addLogRecordProcessor(io.opentelemetry.sdk.logs.export.SimpleLogRecordProcessor.create(memory))
            .build())
        .build();
    try {
      track(LgtmLogback.builder().setConsoleCapture(true).install(printing));
      LoggerFactory.getLogger("shop.orders").info("logged line");
      System.out.println("printed line");
      for (int i = 0; i < 3; i++) {
        printing.getSdkLoggerProvider().forceFlush().join(10, TimeUnit.SECONDS);
      }

      assertThat(memory.getFinishedLogRecordItems()).as("records received:%n%s",
              InMemorySdk.bodies(memory.getFinishedLogRecordItems()))
          .extracting(r -> r.getBodyValue().asString()).containsExactly("logged line", "printed line");
    } finally {
      handles.forEach(LgtmLogback::close);
      handles.clear();
      printing.close();
    }
  }

  @Test
  void overlongConsoleLinesAreSplitNotBufferedWithoutBound() {
    track(LgtmLogback.builder().setConsoleCapture(true)
        .setProperty("lgtm.logback.console.max.line", "100").install(sdk.sdk));
    System.out.println("x".repeat(250));

    assertThat(sdk.records()).extracting(r -> r.getBodyValue().asString().length()).containsExactly(100, 100, 50);
  }

  @Test
  void javaUtilLoggingIsRoutedWithSeverityAndTraceButLibraryLoggersAreNot() {
    Handler[] rootHandlersBefore = LogManager.getLogManager().getLogger("").getHandlers();
    LgtmLogback handle = track(LgtmLogback.install(sdk.sdk));
    assertThat(handle.isJulRoutingActive()).isTrue();

    Span span = sdk.tracer().spanBuilder("legacy").startSpan();
    try (Scope ignored = span.makeCurrent()) {
      java.util.logging.Logger.getLogger("com.example.legacy").warning("disk almost full");
      java.util.logging.Logger.getLogger("com.example.legacy").severe("disk full");
    } finally {
      span.end();
    }
    java.util.logging.Logger.getLogger("io.opentelemetry.sdk.logs.Export").warning("exporter failed");
    java.util.logging.Logger.getLogger("io.github.lgtmbootstrap.core.internal.X").warning("lgtm diagnostic");

    assertThat(sdk.records()).as("records received:\n%s", InMemorySdk.bodies(sdk.records()))
        .extracting(r -> r.getBodyValue().asString()).containsExactly("disk almost full", "disk full");
    LogRecordData warning = sdk.records().get(0);
    assertThat(warning.getSeverity()).isEqualTo(Severity.WARN);
    assertThat(warning.getInstrumentationScopeInfo().getName()).isEqualTo("com.example.legacy");
    assertThat(warning.getSpanContext().getSpanId()).isEqualTo(span.getSpanContext().getSpanId());
    assertThat(sdk.records().get(1).getSeverity()).isEqualTo(Severity.ERROR);

    handle.close();
    assertThat(LogManager.getLogManager().getLogger("").getHandlers()).containsExactly(rootHandlersBefore);
  }

  @Test
  void eightThreadsLoggingConcurrentlyLoseNoLine() throws Exception {
    track(LgtmLogback.install(sdk.sdk));
    int threads = 8;
    int perThread = 500;
    ConcurrentLogging.logFromThreads(threads, perThread, "t{} line {}");

    List<String> bodies = sdk.records().stream().map(r -> r.getBodyValue().asString())
        .filter(b -> b.startsWith("t")).collect(Collectors.toList());
    assertThat(bodies).hasSize(threads * perThread).doesNotHaveDuplicates();
    for (int t = 0; t < threads; t++) {
      assertThat(bodies).contains("t" + t + " line 0", "t" + t + " line " + (perThread - 1));
    }
  }

  @Test
  void asyncModeKeepsTheTraceOfTheLoggingThread() throws Exception {
    LgtmLogback handle = track(LgtmLogback.builder().setAsync(true).setThreadName(true).install(sdk.sdk));
    Span span = sdk.tracer().spanBuilder("async").startSpan();
    try (Scope ignored = span.makeCurrent()) {
      LoggerFactory.getLogger("shop.async").info("through the async appender");
    } finally {
      span.end();
    }
    List<LogRecordData> records = sdk.awaitRecords(r -> !r.isEmpty(), InMemorySdk.timeout());

    assertThat(records).as("records received:\n%s", InMemorySdk.bodies(records)).hasSize(1);
    LogRecordData record = records.get(0);
    assertThat(record.getSpanContext().getTraceId()).isEqualTo(span.getSpanContext().getTraceId());
    assertThat(record.getSpanContext().getSpanId()).isEqualTo(span.getSpanContext().getSpanId());
    assertThat(record.getAttributes().asMap().toString()).doesNotContain("trace_id");
    assertThat(record.getAttributes().get(io.opentelemetry.api.common.AttributeKey.stringKey("thread.name")))
        .isEqualTo(Thread.currentThread().getName());
    handle.close();
  }

  @Test
  void appenderDeclaredByTheUserBehindAsyncAppenderIsConnectedAndNotDuplicated() throws Exception {
    // What a logback.xml with <appender class="AsyncAppender"><appender-ref ref="OTEL"/></appender> builds.
    OpenTelemetryAppender declared = new OpenTelemetryAppender();
    declared.setContext(context);
    declared.setName("OTEL");
    declared.start();
    AsyncAppender async = new AsyncAppender();
    async.setContext(context);
    async.setName("ASYNC_OTEL");
    async.addAppender(declared);
    async.start();
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.addAppender(async);
    try {
      LgtmLogback handle = track(LgtmLogback.install(sdk.sdk));
      LoggerFactory.getLogger("shop.declared").info("exported once");
      List<LogRecordData> records = sdk.awaitRecords(r -> !r.isEmpty(), InMemorySdk.timeout());
      async.stop(); // drains the queue: a duplicate would show up now
      assertThat(sdk.records()).as("records received:\n%s", InMemorySdk.bodies(sdk.records()))
          .extracting(r -> r.getBodyValue().asString()).containsExactly("exported once");
      assertThat(records).isNotEmpty();
      assertThat(root.getAppender("LGTM_OPENTELEMETRY")).isNull();
      handle.close();
    } finally {
      root.detachAppender(async);
      async.stop();
    }
  }
}
