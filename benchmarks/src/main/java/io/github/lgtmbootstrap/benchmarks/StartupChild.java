package io.github.lgtmbootstrap.benchmarks;

import io.github.lgtmbootstrap.core.Lgtm;
import io.github.lgtmbootstrap.core.LgtmHandle;
import io.github.lgtmbootstrap.testkit.embedded.EmbeddedBackend;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.instrumentation.logback.appender.v1_0.OpenTelemetryAppender;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import org.slf4j.LoggerFactory;

/**
 * The program whose start-up {@link StartupComparison} times, once per fresh JVM: set telemetry up the given
 * way, record one span, print {@code READY}, shut down. The exporter settings come from system properties, the
 * same for every variant. Variant {@code backend} instead starts the testkit's embedded backend.
 */
public final class StartupChild {

  private StartupChild() {}

  public static void main(String[] args) {
    String variant = args[0];
    switch (variant) {
      case "baseline" -> ready();
      case "autoconfigure" -> {
        OpenTelemetrySdk sdk = AutoConfiguredOpenTelemetrySdk.initialize().getOpenTelemetrySdk();
        work(sdk);
        ready();
        sdk.close();
      }
      case "lgtm", "lgtm+logback" -> {
        try (LgtmHandle lgtm = Lgtm.init()) {
          work(lgtm.openTelemetry());
          ready();
        }
      }
      case "autoconfigure+appender" -> {
        // What lgtm's logback add-on saves a user: bare autoconfigure plus OpenTelemetry's logback appender wired
        // by hand (logback's own initialisation included, as in lgtm+logback).
        OpenTelemetrySdk sdk = AutoConfiguredOpenTelemetrySdk.initialize().getOpenTelemetrySdk();
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        OpenTelemetryAppender appender = new OpenTelemetryAppender();
        appender.setContext(context);
        appender.setName("otel");
        appender.start();
        context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(appender);
        OpenTelemetryAppender.install(sdk);
        work(sdk);
        ready();
        sdk.close();
      }
      case "backend" -> {
        // The testkit's embedded backend: start to ready to accept OTLP. START_NS is start() alone, in this
        // fresh JVM (what the first @LgtmTest of a run pays), without the JVM's own start.
        long start = System.nanoTime();
        try (EmbeddedBackend backend = EmbeddedBackend.builder().start()) {
          System.out.println("START_NS=" + (System.nanoTime() - start));
          ready();
        }
      }
      case "backend+grpc" -> {
        // The same with its OTLP/gRPC port (Netty's HTTP/2 codec) started too.
        try (EmbeddedBackend backend = EmbeddedBackend.builder().setGrpcPort(0).start()) {
          ready();
        }
      }
      case "agent" -> {
        // The agent installed its SDK as the global before main; the app only uses the API.
        work(GlobalOpenTelemetry.get());
        ready();
      }
      default -> throw new IllegalArgumentException("unknown variant " + variant);
    }
  }

  static void work(OpenTelemetry openTelemetry) {
    Span span = openTelemetry.getTracer("startup").spanBuilder("first-span").startSpan();
    span.end();
  }

  static void ready() {
    System.out.println("READY");
    System.out.flush();
  }
}
