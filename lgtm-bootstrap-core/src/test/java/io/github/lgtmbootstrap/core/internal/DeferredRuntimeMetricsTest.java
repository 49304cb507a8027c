package io.github.lgtmbootstrap.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.OpenTelemetry;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * JVM runtime metrics register after {@code init()} returns, on a daemon thread, and flush and shutdown wait for
 * that registration: a registration held on a latch shows both without timing anything.
 */
class DeferredRuntimeMetricsTest {

  private final ByteArrayOutputStream console = new ByteArrayOutputStream();
  private final CountDownLatch release = new CountDownLatch(1);
  private final AtomicReference<Thread> registeringThread = new AtomicReference<>();
  private final AtomicBoolean closed = new AtomicBoolean();

  /** Stands in for {@code RuntimeTelemetry.create}: blocks until released, then registers one gauge. */
  private final Function<OpenTelemetry, AutoCloseable> blockedRegistration =
      otel -> {
        registeringThread.set(Thread.currentThread());
        try {
          release.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        otel.getMeter("probe").gaugeBuilder("deferred.probe").buildWithCallback(m -> m.record(7));
        return () -> closed.set(true);
      };

  private LgtmRuntime start(String shutdownTimeout) {
    Settings settings =
        Settings.resolve(
            LayeredConfig.of(
                    Map.of(
                        ConfigKeys.CONSOLE, "true",
                        ConfigKeys.OTLP_ENABLED, "false",
                        ConfigKeys.JMX_ENABLED, "false",
                        ConfigKeys.SHUTDOWN_HOOK, "false",
                        ConfigKeys.SHUTDOWN_TIMEOUT, shutdownTimeout,
                        "otel.service.name", "deferred"),
                    new Properties(),
                    Map.of(),
                    Map.of())
                .withDefaults(Defaults.forProfile(Defaults.DEV)));
    LgtmRuntime runtime =
        LgtmRuntime.start(settings, new PrintStream(console, true, StandardCharsets.UTF_8), blockedRegistration);
    runtime.startDeferred();
    return runtime;
  }

  private String consoleText() {
    return console.toString(StandardCharsets.UTF_8);
  }

  /** Polls (bounded) until {@code t} is parked, i.e. waiting on the registration or later. */
  private static void awaitParked(Thread t) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (t.getState() != Thread.State.TIMED_WAITING && t.getState() != Thread.State.WAITING) {
      assertThat(t.isAlive()).as("%s ended before the registration was released", t.getName()).isTrue();
      assertThat(System.nanoTime()).as("%s never parked", t.getName()).isLessThan(deadline);
      Thread.sleep(5);
    }
  }

  private static Thread awaitRegistering(AtomicReference<Thread> ref) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (ref.get() == null) {
      assertThat(System.nanoTime()).as("registration never started").isLessThan(deadline);
      Thread.sleep(5);
    }
    return ref.get();
  }

  @Test
  void startReturnsWhileTheRegistrationIsBlockedAndFlushWaitsForIt() throws Exception {
    LgtmRuntime runtime = start("5s");
    try {
      // start() returned with the registration still held on the latch, on a daemon thread of its own
      Thread registering = awaitRegistering(registeringThread);
      assertThat(registering).isNotSameAs(Thread.currentThread());
      assertThat(registering.isDaemon()).isTrue();
      assertThat(release.getCount()).isEqualTo(1);

      AtomicBoolean flushed = new AtomicBoolean();
      Thread flusher = new Thread(() -> flushed.set(runtime.forceFlush(Duration.ofSeconds(60))), "test-flush");
      flusher.start();
      awaitParked(flusher);
      release.countDown();
      flusher.join(TimeUnit.SECONDS.toMillis(60));

      assertThat(flushed).isTrue();
      assertThat(consoleText())
          .as("the flush waited for the registration, so its gauge is in the export")
          .contains("METRIC deferred.probe = 7");
    } finally {
      release.countDown();
      runtime.shutdown();
    }
    assertThat(closed).as("shutdown closes what the registration returned").isTrue();
  }

  @Test
  void shutdownWaitsForTheRegistrationThenClosesIt() throws Exception {
    LgtmRuntime runtime = start("60s");
    awaitRegistering(registeringThread);
    AtomicBoolean ok = new AtomicBoolean();
    Thread closer = new Thread(() -> ok.set(runtime.shutdown()), "test-shutdown");
    closer.start();
    awaitParked(closer);
    release.countDown();
    closer.join(TimeUnit.SECONDS.toMillis(60));

    assertThat(ok).isTrue();
    assertThat(closed).isTrue();
    assertThat(consoleText())
        .as("the final collection has the metric registered while shutdown waited")
        .contains("METRIC deferred.probe = 7");
  }

  @Test
  void aRegistrationThatNeverFinishesDoesNotHoldShutdownPastItsBound() throws Exception {
    LgtmRuntime runtime = start("200ms");
    awaitRegistering(registeringThread);
    Thread closer = new Thread(runtime::shutdown, "test-shutdown");
    closer.start();
    closer.join(TimeUnit.SECONDS.toMillis(60));
    assertThat(closer.isAlive()).as("shutdown returned while the registration was still blocked").isFalse();
    assertThat(release.getCount()).isEqualTo(1);

    release.countDown(); // finishes after shutdown: what it returned is closed then
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!closed.get() && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat(closed).isTrue();
  }
}
