package io.github.lgtmbootstrap.core.support;

import io.github.lgtmbootstrap.core.Lgtm;
import io.github.lgtmbootstrap.core.LgtmBuilder;
import io.github.lgtmbootstrap.core.LgtmHandle;
import java.time.Duration;

/**
 * Child-JVM main for {@code ProcessExitTest} and {@code bench.ExitBench}: initialises (no service name set: the
 * main class is the fallback) against the endpoint in args[0] with the shutdown bound in args[1] (milliseconds,
 * or {@code default} for the profile's default) and the profile in args[2] (default {@code dev}), prints the
 * handle, records some telemetry, prints READY and returns from main without closing, so the shutdown hook must
 * end the process. With args[0] {@code none} it only prints READY (the JVM's own exit cost, as a baseline).
 */
public final class ExitProbe {

  private ExitProbe() {}

  public static void main(String[] args) {
    if (args[0].equals("none")) {
      System.out.println("READY");
      return;
    }
    LgtmBuilder b =
        Lgtm.builder()
            .setEndpoint(args[0])
            .setProperty("lgtm.profile", args.length > 2 ? args[2] : "dev")
            .setProperty("lgtm.addons.disabled", "failing,recording");
    if (!args[1].equals("default")) {
      b.setShutdownTimeout(Duration.ofMillis(Long.parseLong(args[1])));
    }
    LgtmHandle h = b.init();
    System.out.println("HANDLE " + h);
    for (int i = 0; i < 10; i++) {
      h.openTelemetry().getTracer("probe").spanBuilder("span-" + i).startSpan().end();
    }
    h.openTelemetry().getMeter("probe").counterBuilder("probe.count").build().add(1);
    System.out.println("READY");
    System.out.flush();
  }
}
