package io.github.lgtmbootstrap.logback.internal;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.spi.LoggingEventVO;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import io.github.lgtmbootstrap.logback.InMemorySdk;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.opentelemetry.instrumentation.logback.appender.v1_0.OpenTelemetryAppender;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MarkerFactory;

/**
 * The forwarder's shortcuts (direct append, an MDC of only trace keys seen empty, no span check on the logging
 * thread) change no record.
 */
@SuppressWarnings("try") // try-with-resources on Scope: the resource is the point, not its use
class OtelForwarderTest {

  private final InMemorySdk ours = new InMemorySdk();
  private final InMemorySdk reference = new InMemorySdk();
  private final LoggerContext context = newContext();

  private static LoggerContext newContext() {
    LoggerContext context = new LoggerContext();
    context.setMDCAdapter(new LogbackMDCAdapter());
    context.setName("forwarder-" + System.nanoTime());
    context.start();
    return context;
  }

  @AfterEach
  void cleanUp() {
    Wiring.find(context).ifPresent(Wiring::uninstall);
    context.getMDCAdapter().clear();
    context.stop();
    ours.close();
    reference.close();
  }

  private static LogbackOptions options(Map<String, String> settings) {
    return LogbackOptions.resolve(key -> Optional.ofNullable(settings.get(key)));
  }

  /** The published appender, configured from the same options, next to lgtm's on the root logger. */
  private void attachReferenceAppender(LogbackOptions options) {
    OpenTelemetryAppender appender = new OpenTelemetryAppender();
    appender.setContext(context);
    appender.setName("REFERENCE");
    OtelForwarder.configure(appender, options);
    appender.setOpenTelemetry(reference.sdk);
    appender.start();
    context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(appender);
  }

  private void logTheUsualMix() {
    Logger log = context.getLogger("shop.orders");
    log.info("plain {}", 1);
    context.getMDCAdapter().put("a", "1");
    context.getMDCAdapter().put("b", "2");
    context.getMDCAdapter().put("c", "3");
    log.warn("three user keys");
    context.getMDCAdapter().clear();
    log.atError().addMarker(MarkerFactory.getMarker("AUDIT")).addKeyValue("order.id", 42)
        .setCause(new IllegalStateException("out of stock")).log("order {} failed", 42);
    context.getLogger("other").debug("other logger");
  }

  private static String describe(LogRecordData r) {
    return r.getInstrumentationScopeInfo() + " " + r.getSeverity() + " " + r.getSeverityText() + " "
        + r.getBodyValue() + " " + r.getTimestampEpochNanos() + " " + r.getSpanContext() + " "
        + r.getEventName() + " " + r.getAttributes().asMap().entrySet().stream()
            .map(e -> e.getKey().getKey() + "=" + e.getValue()).sorted().collect(Collectors.toList());
  }

  private void assertSameRecords() {
    List<String> expected = reference.records().stream().map(OtelForwarderTest::describe)
        .collect(Collectors.toList());
    assertThat(expected).hasSize(4);
    assertThat(ours.records()).extracting(OtelForwarderTest::describe).containsExactlyElementsOf(expected);
  }

  @Test
  void recordsInsideASpanEqualThoseOfThePublishedAppenderWithTheSameOptions() {
    LogbackOptions options = LogbackOptions.defaults();
    Wiring.install(context, options, ours.sdk);
    attachReferenceAppender(options);
    Span span = ours.tracer().spanBuilder("request").startSpan();
    try (Scope ignored = span.makeCurrent()) {
      logTheUsualMix();
    } finally {
      span.end();
    }

    assertSameRecords();
    assertThat(ours.records()).allSatisfy(r -> assertThat(r.getSpanContext()).isEqualTo(span.getSpanContext()));
    assertThat(ours.records().get(0).getAttributes().isEmpty()).as("only the trace keys were in the MDC").isTrue();
    assertThat(ours.records().get(1).getAttributes().asMap()).hasSize(3);
  }

  @Test
  void recordsOutsideSpansAndWithEveryOptionOnEqualThoseOfThePublishedAppender() {
    LogbackOptions options = options(Map.of("lgtm.logback.thread", "true", "lgtm.logback.code", "true",
        "lgtm.logback.template", "true", "lgtm.logback.arguments", "true"));
    Wiring.install(context, options, ours.sdk);
    attachReferenceAppender(options);
    logTheUsualMix();

    assertSameRecords();
    assertThat(ours.records().get(0).getAttributes().asMap().toString()).contains("thread.name", "code.");
  }

  @Test
  void anEventFromElsewhereGetsTheTraceOfItsMdcAndALocalOneTheCurrentSpan() {
    Wiring.install(context, LogbackOptions.defaults(), ours.sdk);
    Logger logger = context.getLogger("remote");
    Span remote = ours.tracer().spanBuilder("elsewhere").startSpan();
    LoggingEvent logged = new LoggingEvent("fqcn", logger, Level.INFO, "from a socket receiver", null, null);
    logged.setMDCPropertyMap(Map.of("trace_id", remote.getSpanContext().getTraceId(),
        "span_id", remote.getSpanContext().getSpanId(), "trace_flags", "01"));
    // What logback's socket receivers hand to the logger on their own thread, outside any span.
    logger.callAppenders(LoggingEventVO.build(logged));
    remote.end();
    Span local = ours.tracer().spanBuilder("here").startSpan();
    try (Scope ignored = local.makeCurrent()) {
      logger.info("logged here");
    } finally {
      local.end();
    }

    assertThat(ours.records()).extracting(r -> r.getBodyValue().asString() + " " + r.getSpanContext().getSpanId())
        .containsExactly("from a socket receiver " + remote.getSpanContext().getSpanId(),
            "logged here " + local.getSpanContext().getSpanId());
  }

  @Test
  void anEventWithOnlyTheTraceKeysIsSeenWithAnEmptyMdcAndOtherwiseUnchanged() {
    Logger logger = context.getLogger("shop");
    LoggingEvent event = new LoggingEvent("fqcn", logger, Level.WARN, "hello {}", new IllegalStateException("x"),
        new Object[] {"you"});
    event.setMDCPropertyMap(Map.of("trace_id", "t", "span_id", "s", "trace_flags", "01"));
    event.addMarker(MarkerFactory.getMarker("M"));
    event.addKeyValuePair(new org.slf4j.event.KeyValuePair("k", "v"));
    WithoutMdc seen = new WithoutMdc(event);

    assertThat(WithoutMdc.onlyTraceKeys(event.getMDCPropertyMap())).isTrue();
    assertThat(seen.getMDCPropertyMap()).isEmpty();
    assertThat(seen.getFormattedMessage()).isEqualTo("hello you");
    assertThat(seen.getMessage()).isEqualTo(event.getMessage());
    assertThat(seen.getArgumentArray()).isSameAs(event.getArgumentArray());
    assertThat(seen.getLevel()).isEqualTo(Level.WARN);
    assertThat(seen.getLoggerName()).isEqualTo("shop");
    assertThat(seen.getThreadName()).isEqualTo(event.getThreadName());
    assertThat(seen.getThrowableProxy()).isSameAs(event.getThrowableProxy());
    assertThat(seen.getMarkerList()).isEqualTo(event.getMarkerList());
    assertThat(seen.getKeyValuePairs()).isEqualTo(event.getKeyValuePairs());
    assertThat(seen.getTimeStamp()).isEqualTo(event.getTimeStamp());
    assertThat(seen.getNanoseconds()).isEqualTo(event.getNanoseconds());
    assertThat(seen.getInstant()).isEqualTo(event.getInstant());
    assertThat(seen.getSequenceNumber()).isEqualTo(event.getSequenceNumber());
    assertThat(seen.getLoggerContextVO()).isSameAs(event.getLoggerContextVO());
    assertThat(seen.getCallerData()).isEqualTo(event.getCallerData());

    assertThat(WithoutMdc.onlyTraceKeys(Map.of("a", "1", "b", "2", "c", "3"))).isFalse();
    assertThat(WithoutMdc.onlyTraceKeys(Map.of("trace_id", "t", "span_id", "s", "customer", "c"))).isFalse();
    assertThat(WithoutMdc.onlyTraceKeys(Map.of())).isFalse();
    assertThat(WithoutMdc.onlyTraceKeys(null)).isFalse();
  }

  @Test
  void consoleCaptureCountsItselfInstalledUntilUninstalledOnce() {
    boolean before = ConsoleCapture.anyInstalled();
    ConsoleCapture capture = ConsoleCapture.install((stderr, text) -> { }, 1000);
    try {
      assertThat(ConsoleCapture.anyInstalled()).isTrue();
    } finally {
      capture.uninstall();
      capture.uninstall();
    }
    assertThat(ConsoleCapture.anyInstalled()).isEqualTo(before);
  }
}
