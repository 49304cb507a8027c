package io.github.lgtmbootstrap.logback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import io.github.lgtmbootstrap.core.Lgtm;
import io.github.lgtmbootstrap.core.LgtmConfigException;
import io.github.lgtmbootstrap.core.LgtmHandle;
import io.github.lgtmbootstrap.logback.internal.LogbackOptions;
import io.github.lgtmbootstrap.logback.internal.Wiring;
import io.github.lgtmbootstrap.testkit.LgtmBackend;
import io.github.lgtmbootstrap.testkit.LgtmExtension;
import io.github.lgtmbootstrap.testkit.model.LogEntry;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.slf4j.MarkerFactory;

/**
 * Lgtm.init() finds this module's add-on; records travel as real OTLP over loopback to the testkit's embedded
 * backend and are asserted there.
 */
@SuppressWarnings("try") // try-with-resources on Scope: the resource is the point, not its use
class LgtmInitEndToEndTest {

  private static final Duration FLUSH = Duration.ofSeconds(5);

  private final List<LgtmHandle> handles = new ArrayList<>();

  @RegisterExtension
  static final LgtmExtension LGTM = LgtmExtension.builder().setTimeout(Duration.ofSeconds(10)).build();

  @AfterEach
  void closeLgtm() {
    handles.forEach(LgtmHandle::close);
    GlobalOpenTelemetry.resetForTest();
    MDC.clear();
  }

  private LgtmHandle init(String... properties) {
    var builder = Lgtm.builder().setServiceName("logback-e2e").setRuntimeMetrics(false);
    for (int i = 0; i < properties.length; i += 2) {
      builder.setProperty(properties[i], properties[i + 1]);
    }
    LgtmHandle handle = builder.init();
    handles.add(handle);
    return handle;
  }

  private static Tracer tracer(LgtmHandle handle) {
    return handle.openTelemetry().getTracer("e2e");
  }

  @Test
  void badLogbackKeyFailsInitTogetherWithABadCoreKeyAndNothingIsRegistered() {
    assertThatThrownBy(
            () ->
                init("lgtm.logback.mdc", "maybe",
                    "lgtm.logback.async.queue.size", "0",
                    "otel.metric.export.interval", "-5s"))
        .isInstanceOfSatisfying(
            LgtmConfigException.class,
            e ->
                assertThat(e.problems())
                    .hasSize(3)
                    .anySatisfy(p -> assertThat(p).startsWith("otel.metric.export.interval '-5s'"))
                    .anySatisfy(
                        p -> assertThat(p).startsWith("add-on 'logback': lgtm.logback.mdc 'maybe' is not a boolean"))
                    .anySatisfy(
                        p -> assertThat(p).startsWith("add-on 'logback': lgtm.logback.async.queue.size '0'")));
    assertThat(handles).isEmpty();
    assertThat(GlobalOpenTelemetry.isSet()).as("no SDK registered globally").isFalse();
  }

  @Test
  void badLogbackKeysAreIgnoredWhenTheAddonIsSwitchedOff() {
    LgtmHandle handle = init("lgtm.logback.enabled", "false", "lgtm.logback.mdc", "maybe");
    assertThat(handle.isEnabled()).isTrue();
  }

  @Test
  void lineInsideSpanArrivesWithTraceIdsSeverityAttributesAndException(LgtmBackend lgtm) {
    LgtmHandle handle = init("lgtm.logback.thread", "true");
    Span span = tracer(handle).spanBuilder("placeOrder").startSpan();
    try (Scope ignored = span.makeCurrent()) {
      MDC.put("customer", "alice");
      LoggerFactory.getLogger("shop.orders").atError().addMarker(MarkerFactory.getMarker("AUDIT"))
          .addKeyValue("order.id", 42).setCause(new IllegalStateException("out of stock"))
          .log("order {} failed", 42);
    } finally {
      span.end();
    }
    handle.forceFlush(FLUSH);

    LogEntry entry = lgtm.assertLogs().hasRecord("order 42 failed")
        .withSeverity(Severity.ERROR)
        .withAttribute("customer", "alice")
        .withAttribute("order.id", 42L)
        .withAttribute("thread.name", Thread.currentThread().getName())
        .withException(IllegalStateException.class)
        .inSpan("placeOrder")
        .record();
    assertThat(entry.traceId()).isEqualTo(span.getSpanContext().getTraceId());
    assertThat(entry.spanId()).isEqualTo(span.getSpanContext().getSpanId());
    assertThat(entry.scope().name()).isEqualTo("shop.orders");
    assertThat(entry.attribute("exception.message")).hasValue("out of stock");
    assertThat(String.valueOf(entry.attribute("logback.marker").orElse(null))).contains("AUDIT");
    assertThat(entry.serviceName()).isEqualTo("logback-e2e");
  }

  @Test
  void linesLoggedBeforeInitArriveAfterInit(LgtmBackend lgtm) {
    // What the logback Configurator does at start-up (earlier tests in this JVM may have uninstalled it).
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    Wiring.attachEarly(context, LogbackOptions.defaults());
    LoggerFactory.getLogger("boot").info("logged before Lgtm.init()");

    LgtmHandle handle = init();
    handle.forceFlush(FLUSH);

    lgtm.assertLogs().hasRecord("logged before Lgtm.init()").withSeverity(Severity.INFO);
  }

  @Test
  void initTwiceAndExplicitInstallExportEachLineOnce(LgtmBackend lgtm) {
    LgtmHandle handle = init();
    LgtmHandle again = Lgtm.builder().setServiceName("logback-e2e").setRuntimeMetrics(false).init();
    assertThat(again).isSameAs(handle);
    LgtmLogback.install(handle.openTelemetry()); // closed with the handle's add-on (same wiring)

    LoggerFactory.getLogger("shop.orders").info("exactly once");
    handle.forceFlush(FLUSH);

    lgtm.assertLogs().hasRecordCount("exactly once", 1);
    Logger root = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(Logger.ROOT_LOGGER_NAME);
    assertThat(root.getAppender("LGTM_OPENTELEMETRY")).isNotNull();
  }

  @Test
  void consoleCaptureAndJulRoutingProduceCorrelatedRecords(LgtmBackend lgtm) {
    LgtmHandle handle = init("lgtm.logback.console", "true");
    Span span = tracer(handle).spanBuilder("cli").startSpan();
    try (Scope ignored = span.makeCurrent()) {
      System.out.println("printed to stdout");
      System.err.println("printed to stderr");
      java.util.logging.Logger.getLogger("com.example.legacy").warning("from java.util.logging");
    } finally {
      span.end();
    }
    handle.forceFlush(FLUSH);

    lgtm.assertLogs().hasRecord("printed to stdout").withSeverity(Severity.INFO).inSpan("cli");
    lgtm.assertLogs().hasRecord("printed to stderr").withSeverity(Severity.ERROR).inSpan("cli");
    lgtm.assertLogs().hasRecord("from java.util.logging").withSeverity(Severity.WARN).inSpan("cli");
  }

  @Test
  void eightThreadsLoggingConcurrentlyDeliverEveryLine(LgtmBackend lgtm) throws Exception {
    LgtmHandle handle = init();
    int threads = 8;
    int perThread = 200; // 1600 lines: below the batch processor's default queue of 2048
    ConcurrentLogging.logFromThreads(threads, perThread, "load t{} line {}");
    handle.forceFlush(FLUSH);

    lgtm.assertLogs().hasRecordSatisfying("load t7 line 199", r -> r.withSeverity(Severity.INFO));
    List<String> bodies = lgtm.logs().stream().map(LogEntry::body).filter(b -> b.startsWith("load t"))
        .collect(Collectors.toList());
    assertThat(bodies).hasSize(threads * perThread).doesNotHaveDuplicates();
  }

  @Test
  void disabledByKeyLeavesLogbackUntouched(LgtmBackend lgtm) {
    // Start from a logback without lgtm, as with lgtm.logback.enabled=false at start-up.
    Wiring.find((LoggerContext) LoggerFactory.getILoggerFactory()).ifPresent(Wiring::uninstall);
    LgtmHandle handle = init("lgtm.logback.enabled", "false");
    LoggerFactory.getLogger("shop.orders").info("not exported");
    Span span = tracer(handle).spanBuilder("marker").startSpan();
    span.end();
    handle.forceFlush(FLUSH);

    lgtm.assertTraces().hasSpan("marker"); // the SDK itself works and exported
    lgtm.assertLogs(Duration.ofMillis(500)).hasNoRecord("not exported");
    Logger root = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(Logger.ROOT_LOGGER_NAME);
    assertThat(root.getAppender("LGTM_OPENTELEMETRY")).isNull();
  }

  @Test
  void resetAndAsyncModeKeepWiringAndCorrelation(LgtmBackend lgtm) {
    LgtmHandle handle = init("lgtm.logback.async", "true");
    ((LoggerContext) LoggerFactory.getILoggerFactory()).reset();
    Span span = tracer(handle).spanBuilder("asyncWork").startSpan();
    try (Scope ignored = span.makeCurrent()) {
      LoggerFactory.getLogger("shop.async").info("async after reset");
    } finally {
      span.end();
    }
    handle.close(); // uninstall drains the async queue before the SDK flushes
    handles.remove(handle);

    lgtm.assertLogs().hasRecord("async after reset").withSeverity(Severity.INFO).inSpan("asyncWork");
  }
}
