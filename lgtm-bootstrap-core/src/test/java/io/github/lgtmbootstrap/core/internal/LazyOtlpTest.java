package io.github.lgtmbootstrap.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.testing.trace.TestSpanData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.data.StatusData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * The OTLP exporters are created after {@code init()} returns; these tests hold the creation on a latch (no
 * timing) and show that exports, flushes and shutdown wait for it or do without it, and that nothing is lost.
 */
class LazyOtlpTest {

  /** A span exporter double that keeps what it is given. */
  static final class Recording implements SpanExporter {
    final List<SpanData> exported = new CopyOnWriteArrayList<>();
    volatile boolean shutdown;

    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
      exported.addAll(spans);
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode flush() {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
      shutdown = true;
      return CompletableResultCode.ofSuccess();
    }
  }

  private static SpanData span(String name) {
    return TestSpanData.builder()
        .setName(name)
        .setKind(SpanKind.INTERNAL)
        .setStartEpochNanos(1)
        .setEndEpochNanos(2)
        .setHasEnded(true)
        .setStatus(StatusData.unset())
        .setAttributes(Attributes.empty())
        .build();
  }

  private static void awaitParked(Thread t) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (t.getState() != Thread.State.BLOCKED
        && t.getState() != Thread.State.WAITING
        && t.getState() != Thread.State.TIMED_WAITING) {
      assertThat(t.isAlive()).as("%s ended instead of waiting", t.getName()).isTrue();
      assertThat(System.nanoTime()).as("%s never waited", t.getName()).isLessThan(deadline);
      Thread.sleep(5);
    }
  }

  @Test
  void anExportDuringTheCreationWaitsForItAndLosesNothing() throws Exception {
    Recording real = new Recording();
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger creations = new AtomicInteger();
    LazyOtlp.Creation<SpanExporter> creation =
        new LazyOtlp.Creation<>(
            "traces",
            () -> {
              creations.incrementAndGet();
              entered.countDown();
              try {
                release.await(60, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              return real;
            });
    LazyOtlp.Spans exporter = new LazyOtlp.Spans(creation);

    Thread deferred = new Thread(creation::get, "test-deferred-start");
    deferred.start();
    assertThat(entered.await(30, TimeUnit.SECONDS)).isTrue();
    AtomicReference<CompletableResultCode> result = new AtomicReference<>();
    Thread worker = new Thread(() -> result.set(exporter.export(List.of(span("early")))), "test-worker");
    worker.start();
    awaitParked(worker);
    assertThat(result.get()).as("the export waits while the exporter is being created").isNull();
    assertThat(exporter.flush().isSuccess()).as("a flush with nothing created yet has nothing to flush").isTrue();

    release.countDown();
    worker.join(TimeUnit.SECONDS.toMillis(30));
    deferred.join(TimeUnit.SECONDS.toMillis(30));
    assertThat(result.get().isSuccess()).isTrue();
    assertThat(real.exported).extracting(SpanData::getName).containsExactly("early");
    assertThat(creations).as("created once, by the deferred start").hasValue(1);
    assertThat(exporter.shutdown().isSuccess()).isTrue();
    assertThat(real.shutdown).isTrue();
  }

  @Test
  void anExportBeforeTheDeferredStartCreatesTheExporterItself() {
    Recording real = new Recording();
    AtomicInteger creations = new AtomicInteger();
    LazyOtlp.Creation<SpanExporter> creation =
        new LazyOtlp.Creation<>("traces", () -> {
          creations.incrementAndGet();
          return real;
        });
    LazyOtlp.Spans exporter = new LazyOtlp.Spans(creation);

    assertThat(exporter.export(List.of(span("first"))).isSuccess()).isTrue();
    creation.get(); // the deferred start, arriving late, finds it made
    assertThat(exporter.export(List.of(span("second"))).isSuccess()).isTrue();
    assertThat(real.exported).extracting(SpanData::getName).containsExactly("first", "second");
    assertThat(creations).hasValue(1);
  }

  @Test
  void shutdownBeforeAnyExportNeverCreatesTheExporter() {
    AtomicInteger creations = new AtomicInteger();
    LazyOtlp.Creation<SpanExporter> creation =
        new LazyOtlp.Creation<>("traces", () -> {
          creations.incrementAndGet();
          return new Recording();
        });
    LazyOtlp.Spans exporter = new LazyOtlp.Spans(creation);

    assertThat(exporter.shutdown().isSuccess()).isTrue();
    creation.get(); // a deferred start that comes after shutdown
    assertThat(creations).as("nothing to send, so no HTTP client is built").hasValue(0);
    assertThat(exporter.toString()).contains("not created");
  }

  @Test
  void aFailedCreationWarnsOnceWithoutSecretsAndFailsTheExports() {
    List<LogRecord> records = new ArrayList<>();
    Handler handler =
        new Handler() {
          @Override
          public void publish(LogRecord r) {
            records.add(r);
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    Logger log = Logger.getLogger("io.github.lgtmbootstrap.core");
    log.addHandler(handler);
    try {
      AtomicInteger creations = new AtomicInteger();
      LazyOtlp.Spans exporter =
          new LazyOtlp.Spans(
              new LazyOtlp.Creation<>(
                  "traces",
                  () -> {
                    creations.incrementAndGet();
                    throw new IllegalStateException("cannot reach http://alice:s3cr3t@collector:4318");
                  }));

      assertThat(exporter.export(List.of(span("a"))).isSuccess()).isFalse();
      assertThat(exporter.export(List.of(span("b"))).isSuccess()).isFalse();
      assertThat(creations).as("a failed creation is not retried on every export").hasValue(1);
      assertThat(records).hasSize(1);
      assertThat(records.get(0).getMessage())
          .contains("OTLP traces exporter could not be created")
          .contains("otel.exporter.otlp")
          .doesNotContain("s3cr3t");
    } finally {
      log.removeHandler(handler);
    }
  }

  @Test
  void theSdkIsBuiltWithoutAnHttpClientAndTheDeferredStartCreatesThem() {
    Settings settings =
        Settings.resolve(
            LayeredConfig.of(
                    Map.of(
                        ConfigKeys.OTLP_ENDPOINT, "http://127.0.0.1:9",
                        ConfigKeys.RUNTIME_METRICS, "false",
                        ConfigKeys.JMX_ENABLED, "false",
                        ConfigKeys.SHUTDOWN_HOOK, "false",
                        ConfigKeys.SHUTDOWN_TIMEOUT, "200ms",
                        "otel.service.name", "lazy"),
                    new Properties(),
                    Map.of(),
                    Map.of())
                .withDefaults(Defaults.forProfile(Defaults.DEV)));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    LgtmRuntime runtime = LgtmRuntime.start(settings, new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      assertThat(runtime.sdkThreads())
          .as("no exporter HTTP client (selector thread) exists when the SDK is built")
          .extracting(Thread::getName)
          .noneMatch(n -> n.contains("SelectorManager"));
      runtime.startDeferred();
      runtime.forceFlush(Duration.ofSeconds(30)); // waits for the deferred start
      assertThat(runtime.sdkThreads())
          .as("the deferred start created the exporters, inside the SDK's thread group")
          .extracting(Thread::getName)
          .anyMatch(n -> n.contains("SelectorManager"));
    } finally {
      runtime.shutdown();
    }
  }
}
