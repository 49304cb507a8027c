package io.github.lgtmbootstrap.core.bench;

import io.github.lgtmbootstrap.core.Lgtm;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;

/**
 * Child-JVM probe for {@link Measure}. {@code init <mode>} prints how long initialisation took and halts;
 * {@code exit <mode>} records telemetry, prints READY and returns from main so the shutdown hooks decide how
 * long the JVM takes to exit. Modes: {@code bare} (AutoConfiguredOpenTelemetrySdk.initialize()), {@code lgtm}
 * (Lgtm.init()), {@code lgtm-noruntime} (Lgtm.init() without JVM runtime metrics). Endpoint, protocol and
 * service name come from the same -D flags for every mode.
 */
public final class StartupProbe {

  private StartupProbe() {}

  public static void main(String[] args) {
    String action = args[0];
    String mode = args[1];
    if (mode.equals("lgtm-noruntime")) {
      System.setProperty("lgtm.runtime.metrics.enabled", "false");
    }
    long t0 = System.nanoTime();
    OpenTelemetry otel =
        mode.equals("bare")
            ? AutoConfiguredOpenTelemetrySdk.initialize().getOpenTelemetrySdk()
            : Lgtm.init().openTelemetry();
    long t1 = System.nanoTime();
    if (action.equals("init")) {
      long sinceStart =
          System.currentTimeMillis()
              - ProcessHandle.current().info().startInstant().map(i -> i.toEpochMilli()).orElse(0L);
      System.out.println("init_ms=" + (t1 - t0) / 1e6 + " ready_ms=" + sinceStart);
      System.out.flush();
      Runtime.getRuntime().halt(0);
    }
    for (int i = 0; i < 10; i++) {
      otel.getTracer("probe").spanBuilder("span-" + i).startSpan().end();
    }
    otel.getLogsBridge().get("probe").logRecordBuilder().setBody("bye").emit();
    otel.getMeter("probe").counterBuilder("probe.count").build().add(1);
    System.out.println("READY");
    System.out.flush();
  }
}
