package io.github.lgtmbootstrap.benchmarks;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;

/**
 * The program whose start-up {@link StartupComparison} times, once per fresh JVM: set telemetry up the given
 * way, record one span, print {@code READY}, shut down. The exporter settings come from system properties, the
 * same for every variant.
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
      case "lgtm" -> LgtmStartup.run();
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
