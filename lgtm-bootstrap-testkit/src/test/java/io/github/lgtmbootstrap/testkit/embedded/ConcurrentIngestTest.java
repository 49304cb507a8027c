package io.github.lgtmbootstrap.testkit.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lgtmbootstrap.testkit.model.Span;
import io.github.lgtmbootstrap.testkit.query.TelemetryQuery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Eight exporting threads at once: nothing is lost below capacity, and drops are counted above it. */
class ConcurrentIngestTest {

  private static final int THREADS = 8;
  private static final int REQUESTS_PER_THREAD = 25;
  private static final int SPANS_PER_REQUEST = 100;
  private static final int TOTAL = THREADS * REQUESTS_PER_THREAD * SPANS_PER_REQUEST;

  @Test
  void keepsEverySpanBelowCapacity() throws Exception {
    try (EmbeddedBackend backend = EmbeddedBackend.builder().setCapacity(TOTAL).start()) {
      sendConcurrently(backend);

      List<Span> spans = backend.spans(TelemetryQuery.since(Instant.EPOCH)).items();
      Set<String> names = new HashSet<>();
      spans.forEach(span -> names.add(span.name()));
      assertThat(spans).hasSize(TOTAL);
      assertThat(names).hasSize(TOTAL);
      assertThat(backend.receivedSpans()).isEqualTo(TOTAL);
      assertThat(backend.droppedSpans()).isZero();
    }
  }

  @Test
  void dropsOldestAndCountsAboveCapacity() throws Exception {
    int capacity = 5_000;
    try (EmbeddedBackend backend = EmbeddedBackend.builder().setCapacity(capacity).start()) {
      sendConcurrently(backend);

      assertThat(backend.spans(TelemetryQuery.since(Instant.EPOCH)).items()).hasSize(capacity);
      assertThat(backend.receivedSpans()).isEqualTo(TOTAL);
      assertThat(backend.droppedSpans()).isEqualTo(TOTAL - capacity);
      assertThat(backend.spans(TelemetryQuery.since(Instant.EPOCH)).query())
          .endsWith("(the store was full and dropped its " + (TOTAL - capacity) + " oldest spans; "
              + "raise the embedded backend's capacity or maxStoredBytes)");
    }
  }

  private static void sendConcurrently(EmbeddedBackend backend) throws Exception {
    String url = backend.otlpEndpoint() + "/v1/traces";
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int thread = t;
        futures.add(pool.submit(() -> {
          for (int r = 0; r < REQUESTS_PER_THREAD; r++) {
            byte[] body = OtlpRequests.spans("t" + thread + "-r" + r, SPANS_PER_REQUEST).toByteArray();
            int status = OtlpRequests.post(url, "application/x-protobuf", body, null).statusCode();
            assertThat(status).isEqualTo(200);
          }
        }));
      }
      for (Future<?> future : futures) {
        future.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
