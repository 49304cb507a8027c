package io.github.lgtmbootstrap.benchmarks;

import io.github.lgtmbootstrap.core.Lgtm;
import io.github.lgtmbootstrap.core.LgtmHandle;
import io.github.lgtmbootstrap.testkit.embedded.EmbeddedBackend;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;

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
      case "backend" -> {
        // The testkit's embedded backend: start to ready to accept OTLP.
        try (EmbeddedBackend backend = EmbeddedBackend.builder().start()) {
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
