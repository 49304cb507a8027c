package io.github.lgtmbootstrap.core.support;

import io.github.lgtmbootstrap.core.Lgtm;
import io.github.lgtmbootstrap.core.LgtmHandle;
import java.time.Duration;

/**
 * Child-JVM main for {@code ProcessExitTest}: initialises (no service name set: the main class is the fallback)
 * against the endpoint in args[0], prints the handle, records some
 * telemetry, prints READY and returns from main without closing, so the shutdown hook must end the process.
 */
public final class ExitProbe {

  private ExitProbe() {}

  public static void main(String[] args) {
    LgtmHandle h =
        Lgtm.builder()
            .setEndpoint(args[0])
            .setShutdownTimeout(Duration.ofMillis(Long.parseLong(args[1])))
            .setProperty("lgtm.addons.disabled", "failing,recording")
            .init();
    System.out.println("HANDLE " + h);
    for (int i = 0; i < 10; i++) {
      h.openTelemetry().getTracer("probe").spanBuilder("span-" + i).startSpan().end();
    }
    h.openTelemetry().getMeter("probe").counterBuilder("probe.count").build().add(1);
    System.out.println("READY");
    System.out.flush();
  }
}
