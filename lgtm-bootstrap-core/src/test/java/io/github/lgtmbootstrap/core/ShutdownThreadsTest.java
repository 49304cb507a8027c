package io.github.lgtmbootstrap.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lgtmbootstrap.core.support.BlackHole;
import io.github.lgtmbootstrap.core.support.CaptureServer;
import io.github.lgtmbootstrap.core.support.LgtmTestSupport;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Shutdown leaves nothing of the SDK running: no exporter HTTP client selector thread (each sits in native code and
 * would hold the JVM's exit up to 300 ms), no worker still waiting for an export the backend never answers.
 * Mechanism tests: nothing here measures time; the exit figures come from {@code src/test/bench/exit.sh}.
 */
@ExtendWith(LgtmTestSupport.class)
class ShutdownThreadsTest {

  @Test
  @Timeout(60)
  void shutdownGivenUpOnABlackHoledBackendEndsEveryThreadTheSdkStarted() throws Exception {
    try (BlackHole hole = new BlackHole()) {
      LgtmHandle h =
          Lgtm.builder()
              .setEndpoint(hole.endpoint())
              .setRuntimeMetrics(false)
              .setShutdownTimeout(Duration.ofMillis(300))
              .init();
      h.openTelemetry().getTracer("t").spanBuilder("never-answered").startSpan().end();
      h.openTelemetry().getMeter("m").counterBuilder("never.answered").build().add(1);
      assertThat(h.forceFlush(Duration.ofMillis(300))).as("the black hole confirms nothing").isFalse();
      // The exporters are created after init() returns (LazyOtlp); on a loaded machine that can outlast the
      // 300 ms flush, so wait (bounded) for their HTTP client rather than assume it is there.
      assertThat(awaitSdkThread(h, "SelectorManager"))
          .as("the exporters' HTTP clients run in the SDK's thread group (else shutdown could not end them)")
          .anyMatch(n -> n.contains("SelectorManager"));

      assertThat(h.shutdown()).as("nothing was confirmed").isFalse();

      assertThat(awaitNoSdkThreads(h)).as("SDK threads still alive after shutdown").isEmpty();
    }
  }

  @Test
  @Timeout(60)
  void cleanShutdownWithALiveBackendEndsTheIdleHttpClients() throws Exception {
    try (CaptureServer server = new CaptureServer()) {
      LgtmHandle h = Lgtm.builder().setEndpoint(server.endpoint()).setRuntimeMetrics(false).init();
      h.openTelemetry().getTracer("t").spanBuilder("answered").startSpan().end();
      assertThat(h.forceFlush(Duration.ofSeconds(20))).isTrue();

      assertThat(h.shutdown()).isTrue();

      assertThat(awaitNoSdkThreads(h)).as("SDK threads still alive after shutdown").isEmpty();
    }
  }

  /** Polls (bounded) until the runtime's SDK threads are gone; returns what is left, described. */
  private static List<String> awaitNoSdkThreads(LgtmHandle h) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    List<Thread> left = h.runtime().sdkThreads();
    while (!left.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(20); // polling for threads to end, not waiting for telemetry
      left = h.runtime().sdkThreads();
    }
    return left.stream().map(t -> t.getName() + " " + t.getState()).collect(Collectors.toList());
  }

  /** Polls (bounded) until an SDK thread whose name contains {@code part} exists; returns the names seen last. */
  private static List<String> awaitSdkThread(LgtmHandle h, String part) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    List<String> seen = names(h.runtime().sdkThreads());
    while (seen.stream().noneMatch(n -> n.contains(part)) && System.nanoTime() < deadline) {
      Thread.sleep(20); // polling for a thread to start, not waiting for telemetry
      seen = names(h.runtime().sdkThreads());
    }
    return seen;
  }

  private static List<String> names(List<Thread> threads) {
    return threads.stream().map(Thread::getName).toList();
  }
}
