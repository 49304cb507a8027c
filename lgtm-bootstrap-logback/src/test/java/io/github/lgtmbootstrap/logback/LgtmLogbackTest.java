package io.github.lgtmbootstrap.logback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.read.ListAppender;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.slf4j.MarkerFactory;

@SuppressWarnings("try") // try-with-resources on Scope: the resource is the point, not its use
class LgtmLogbackTest {

  private final InMemorySdk sdk = new InMemorySdk();
  private final List<LgtmLogback> handles = new ArrayList<>();
  private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
  private final ListAppender<ILoggingEvent> userAppender = new ListAppender<>();

  @BeforeEach
  void attachUserAppender() {
    userAppender.setName("USER_LIST");
    userAppender.setContext(context);
    userAppender.start();
    context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(userAppender);
  }

  @AfterEach
  void cleanUp() {
    handles.forEach(LgtmLogback::close);
    context.getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(userAppender);
    MDC.clear();
    sdk.close();
  }

  private LgtmLogback install() {
    LgtmLogback handle = LgtmLogback.install(sdk.sdk);
    handles.add(handle);
    return handle;
  }

  @Test
  void lineInsideSpanCarriesTraceIdsSeverityAttributesAndException() {
    install();
    Span span = sdk.tracer().spanBuilder("placeOrder").startSpan();
    try (Scope ignored = span.makeCurrent()) {
      MDC.put("customer", "alice");
      LoggerFactory.getLogger("shop.orders").atError()
          .addMarker(MarkerFactory.getMarker("AUDIT"))
          .addKeyValue("order.id", 42)
          .setCause(new IllegalStateException("out of stock"))
          .log("order {} failed", 42);
    } finally {
      span.end();
    }

    List<LogRecordData> records = sdk.recordsWithBody("order 42 failed");
    assertThat(records).as("records received:\n%s", InMemorySdk.bodies(sdk.records())).hasSize(1);
    LogRecordData record = records.get(0);
    assertThat(record.getSpanContext().isValid()).as("record span context %s", record.getSpanContext()).isTrue();
    assertThat(record.getSpanContext().getTraceId()).isEqualTo(span.getSpanContext().getTraceId());
    assertThat(record.getSpanContext().getSpanId()).isEqualTo(span.getSpanContext().getSpanId());
    assertThat(record.getSeverity()).isEqualTo(Severity.ERROR);
    assertThat(record.getSeverityText()).isEqualTo("ERROR");
    assertThat(record.getInstrumentationScopeInfo().getName()).isEqualTo("shop.orders");
    assertThat(record.getAttributes().get(AttributeKey.stringKey("thread.name")))
        .as("thread name is off by default (lgtm.logback.thread)").isNull();
    assertThat(record.getAttributes().get(AttributeKey.stringKey("customer"))).isEqualTo("alice");
    assertThat(record.getAttributes().get(AttributeKey.longKey("order.id"))).isEqualTo(42L);
    assertThat(record.getAttributes().get(AttributeKey.stringArrayKey("logback.marker"))).containsExactly("AUDIT");
    assertThat(record.getAttributes().get(AttributeKey.stringKey("exception.type")))
        .isEqualTo(IllegalStateException.class.getName());
    assertThat(record.getAttributes().get(AttributeKey.stringKey("exception.message"))).isEqualTo("out of stock");
    assertThat(record.getAttributes().get(AttributeKey.stringKey("exception.stacktrace")))
        .contains("lineInsideSpanCarriesTraceIdsSeverityAttributesAndException");
    // The ids are on the record itself, not duplicated as MDC attributes.
    assertThat(record.getAttributes().get(AttributeKey.stringKey("trace_id"))).isNull();
  }

  @Test
  void plainLineCarriesNoAttributesByDefaultAndTheThreadNameWhenAskedFor() {
    install();
    LoggerFactory.getLogger("shop.orders").info("plain by default");
    handles.add(LgtmLogback.builder().setThreadName(true).install(sdk.sdk));
    LoggerFactory.getLogger("shop.orders").info("with thread");

    assertThat(sdk.recordsWithBody("plain by default")).singleElement()
        .satisfies(r -> assertThat(r.getAttributes().isEmpty()).as("attributes %s", r.getAttributes()).isTrue());
    assertThat(sdk.recordsWithBody("with thread")).singleElement()
        .satisfies(r -> assertThat(r.getAttributes().get(AttributeKey.stringKey("thread.name")))
            .isEqualTo(Thread.currentThread().getName()));
  }

  @Test
  void traceIdsAreInTheMdcForConsolePatternsOfUserAppenders() {
    install();
    Span span = sdk.tracer().spanBuilder("work").startSpan();
    try (Scope ignored = span.makeCurrent()) {
      LoggerFactory.getLogger("shop.orders").info("inside");
    } finally {
      span.end();
    }
    LoggerFactory.getLogger("shop.orders").info("outside");

    PatternLayout layout = new PatternLayout();
    layout.setContext(context);
    layout.setPattern("%X{trace_id}/%X{span_id} %msg");
    layout.start();
    List<String> lines = new ArrayList<>();
    for (ILoggingEvent event : userAppender.list) {
      lines.add(layout.doLayout(event));
    }
    assertThat(lines).containsExactly(
        span.getSpanContext().getTraceId() + "/" + span.getSpanContext().getSpanId() + " inside",
        "/ outside");
  }

  @Test
  void installingTwiceAddsNoSecondAppenderAndExportsEachLineOnce() {
    install();
    install();
    LoggerFactory.getLogger("shop.orders").info("only once");

    assertThat(ourAppenders()).hasSize(1);
    assertThat(sdk.recordsWithBody("only once")).as("records received:\n%s", InMemorySdk.bodies(sdk.records()))
        .hasSize(1);
  }

  @Test
  void userAppendersStillReceiveEveryLine() {
    install();
    LoggerFactory.getLogger("shop.orders").warn("to both");

    assertThat(userAppender.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly("to both");
    assertThat(sdk.recordsWithBody("to both")).hasSize(1);
  }

  @Test
  void wiringSurvivesLoggerContextReset() {
    install();
    context.reset(); // what Spring Boot and logback's scan do before applying a new configuration

    Span span = sdk.tracer().spanBuilder("afterReset").startSpan();
    try (Scope ignored = span.makeCurrent()) {
      LoggerFactory.getLogger("shop.orders").info("after reset");
    } finally {
      span.end();
    }

    assertThat(ourAppenders()).hasSize(1);
    List<LogRecordData> records = sdk.recordsWithBody("after reset");
    assertThat(records).as("records received:\n%s", InMemorySdk.bodies(sdk.records())).hasSize(1);
    assertThat(records.get(0).getSpanContext().getSpanId()).isEqualTo(span.getSpanContext().getSpanId());
  }

  @Test
  void libraryDiagnosticsAreNeverExported() {
    install();
    LoggerFactory.getLogger("io.opentelemetry.exporter.internal.http.HttpExporter").warn("export failed");
    LoggerFactory.getLogger("shop.orders").info("app line");

    assertThat(sdk.records()).extracting(r -> r.getBodyValue().asString()).containsExactly("app line");
  }

  @Test
  void invalidSettingsFailFastListingEveryProblem() {
    assertThatThrownBy(() -> LgtmLogback.builder()
        .setProperty("lgtm.logback.mdc", "yes")
        .setProperty("lgtm.logback.async.queue.size", "-1")
        .install(sdk.sdk))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("2 problems")
        .hasMessageContaining("lgtm.logback.mdc 'yes' is not a boolean; use true or false")
        .hasMessageContaining("lgtm.logback.async.queue.size '-1' is out of range");
    assertThatThrownBy(() -> LgtmLogback.builder().setProperty("lgtm.logback.colour", "red"))
        .hasMessageContaining("Unknown lgtm-bootstrap logback key 'lgtm.logback.colour'")
        .hasMessageContaining("lgtm.logback.console");
  }

  @Test
  void closeRemovesTheAppenderAndStopsExporting() {
    LgtmLogback handle = install();
    handle.close();
    LoggerFactory.getLogger("shop.orders").info("after close");

    assertThat(ourAppenders()).isEmpty();
    assertThat(sdk.records()).isEmpty();
    assertThat(userAppender.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly("after close");
  }

  private List<String> ourAppenders() {
    List<String> names = new ArrayList<>();
    for (Iterator<Appender<ILoggingEvent>> it = context.getLogger(Logger.ROOT_LOGGER_NAME).iteratorForAppenders();
        it.hasNext(); ) {
      String name = it.next().getName();
      if (name != null && name.startsWith("LGTM_")) {
        names.add(name);
      }
    }
    return names;
  }
}
