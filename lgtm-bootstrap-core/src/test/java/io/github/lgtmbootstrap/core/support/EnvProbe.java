package io.github.lgtmbootstrap.core.support;

import io.github.lgtmbootstrap.core.Lgtm;
import io.github.lgtmbootstrap.core.LgtmHandle;
import java.time.Duration;

/**
 * Child-JVM main for {@code EnvironmentPrecedenceTest}: {@code Lgtm.init()} with no builder values, so the
 * endpoint comes from the system property or environment of the child process; sends one span and flushes.
 */
public final class EnvProbe {

  private EnvProbe() {}

  public static void main(String[] args) {
    try (LgtmHandle h = Lgtm.init()) {
      h.openTelemetry().getTracer("probe").spanBuilder("env-probe").startSpan().end();
      System.out.println("FLUSHED " + h.forceFlush(Duration.ofSeconds(10)));
    }
  }
}
