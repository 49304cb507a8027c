package io.github.lgtmbootstrap.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.github.lgtmbootstrap.core.support.LgtmTestSupport;
import io.github.lgtmbootstrap.testkit.embedded.EmbeddedBackend;
import io.github.lgtmbootstrap.testkit.model.Span;
import io.github.lgtmbootstrap.testkit.query.TelemetryQuery;
import io.opentelemetry.api.OpenTelemetry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Backend down at start, gone mid-run, back again: the app never sees an exception and later data arrives. */
@ExtendWith(LgtmTestSupport.class)
class BackendOutageTest {

  private static final Instant START = Instant.EPOCH;

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static List<Span> spans(EmbeddedBackend backend, Predicate<Span> filter) {
    return backend.spans(TelemetryQuery.since(START)).items().stream().filter(filter).toList();
  }

  /**
   * Like a live app, keeps producing spans with the name (a full queue rightly drops new spans until it drains)
   * until the backend has one, or fails after the timeout showing what it has.
   */
  private static void awaitSpan(EmbeddedBackend backend, String name, LgtmHandle h) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < deadline) {
      emit(h.openTelemetry(), name, 1);
      h.forceFlush(Duration.ofSeconds(2));
      if (!spans(backend, s -> s.name().equals(name)).isEmpty()) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError(
        "span [" + name + "] never arrived; received: "
            + spans(backend, s -> true).stream().map(Span::name).distinct().toList());
  }

  private static void emit(OpenTelemetry otel, String name, int count) {
    for (int i = 0; i < count; i++) {
      otel.getTracer("outage").spanBuilder(name).startSpan().end();
    }
  }

  @Test
  void backendDownAtStartGoneMidRunAndBackNeverThrowsAndLaterDataArrives() throws Exception {
    int port = freePort();
    String endpoint = "http://127.0.0.1:" + port;
    LgtmHandle h =
        Lgtm.builder()
            .setEndpoint(endpoint)
            .setServiceName("outage")
            .setRuntimeMetrics(false)
            .setProperty("lgtm.addons.disabled", "failing,recording")
            .setProperty("otel.bsp.max.queue.size", "100")
            .setProperty("otel.bsp.max.export.batch.size", "50")
            .setShutdownTimeout(Duration.ofSeconds(2))
            .init();
    try {
      // Down at start: init returned, recording and flushing do not throw.
      assertThatCode(
              () -> {
                emit(h.openTelemetry(), "while-down", 3);
                h.openTelemetry().getLogsBridge().get("l").logRecordBuilder().setBody("down").emit();
                assertThat(h.forceFlush(Duration.ofMillis(500))).isFalse();
              })
          .doesNotThrowAnyException();

      try (EmbeddedBackend backend = EmbeddedBackend.builder().setHost("127.0.0.1").setPort(port).start()) {
        awaitSpan(backend, "after-start", h);
      }

      // Gone mid-run: a burst far larger than the queue must not grow memory without bound.
      assertThatCode(() -> emit(h.openTelemetry(), "during-outage", 1000)).doesNotThrowAnyException();
      assertThat(h.forceFlush(Duration.ofMillis(500))).isFalse();

      try (EmbeddedBackend backend = EmbeddedBackend.builder().setHost("127.0.0.1").setPort(port).start()) {
        awaitSpan(backend, "after-return", h);
        int outageSpans = spans(backend, s -> s.name().equals("during-outage")).size();
        // otel.bsp.max.queue.size=100 (+ one 50-span batch in flight per retry): the rest was dropped, not kept.
        assertThat(outageSpans).as("spans of the outage burst delivered after return").isLessThanOrEqualTo(200);
      }
    } finally {
      h.close();
    }
  }
}
