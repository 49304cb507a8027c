package com.example.boot;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import io.github.lgtmbootstrap.core.Lgtm;
import io.github.lgtmbootstrap.core.LgtmHandle;
import io.github.lgtmbootstrap.testkit.LgtmBackend;
import io.github.lgtmbootstrap.testkit.LgtmTest;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.context.ConfigurableApplicationContext;

/** Starts the app as main() does (Lgtm.init() first, then Spring, which stops, resets and configures logback). */
@LgtmTest
class AppTest {

  @Test
  void bootStartsAndItsLogsAndTheControllersLogArriveInTheCallersTrace(LgtmBackend lgtm) throws Exception {
    try (LgtmHandle telemetry = Lgtm.init();
        ConfigurableApplicationContext app =
            SpringApplication.run(App.class, "--server.port=0", "--server.address=127.0.0.1")) {
      int port = app.getEnvironment().getRequiredProperty("local.server.port", Integer.class);

      // Boot's own start-up lines, logged after Boot re-initialised logback, arrive as records.
      lgtm.assertLogs()
          .hasRecordMatching(
              "Boot's 'Started ... in ... seconds' line",
              r -> r.body().startsWith("Started ") && r.body().contains(" seconds (process running for "))
          .withSeverity(Severity.INFO);

      Span span = GlobalOpenTelemetry.getTracer("test").spanBuilder("call hello").startSpan();
      try (Scope ignored = span.makeCurrent()) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/hello"));
        GlobalOpenTelemetry.getPropagators()
            .getTextMapPropagator()
            .inject(Context.current(), request, HttpRequest.Builder::header);
        HttpResponse<String> response =
            HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.body()).isEqualTo("hello");
      } finally {
        span.end();
      }

      lgtm.assertLogs()
          .hasRecord("hello from the controller")
          .withSeverity(Severity.INFO)
          .inSpan("call hello");
      // logging.level.com.example.boot.Quiet=WARN (application.properties) still filters.
      lgtm.assertLogs().hasNoRecord("quiet line below logging.level");
      lgtm.assertLogs().hasRecordCount("hello from the controller", 1);

      // A level changed at run time (what the actuator's loggers endpoint does) is applied, and our wiring stays.
      LoggingSystem.get(App.class.getClassLoader()).setLogLevel(Quiet.class.getName(), LogLevel.INFO);
      LoggerFactory.getLogger(Quiet.class).info("quiet line after a runtime level change");
      lgtm.assertLogs().hasRecord("quiet line after a runtime level change");
      LoggerContext logback = (LoggerContext) LoggerFactory.getILoggerFactory();
      assertThat(logback.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getAppender("LGTM_OPENTELEMETRY"))
          .as("lgtm's appender on the root logger after Boot's logging initialisation")
          .isNotNull();
    }
  }
}
