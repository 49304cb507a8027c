package io.github.lgtmbootstrap.testkit.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class BoundedBufferTest {

  private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));
  private final Clock clock = new Clock() {
    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now.get();
    }
  };

  @Test
  void returnsOnlyItemsThatArrivedSinceTheGivenInstantInArrivalOrder() {
    BoundedBuffer<String> buffer = new BoundedBuffer<>(10, clock);
    buffer.addAll(List.of("old-1", "old-2"));
    Instant testStart = now.get().plusMillis(1);
    now.set(testStart);
    buffer.addAll(List.of("new-1"));
    now.set(testStart.plusSeconds(1));
    buffer.addAll(List.of("new-2", "new-3"));

    assertThat(buffer.since(testStart, item -> true)).containsExactly("new-1", "new-2", "new-3");
    assertThat(buffer.since(testStart, item -> item.endsWith("2"))).containsExactly("new-2");
    assertThat(buffer.since(Instant.EPOCH, item -> true)).hasSize(5);
  }

  @Test
  void evictsTheOldestBeyondCapacityAndCountsThem() {
    BoundedBuffer<Integer> buffer = new BoundedBuffer<>(3, clock);
    buffer.addAll(List.of(1, 2));
    buffer.addAll(List.of(3, 4, 5));

    assertThat(buffer.since(Instant.EPOCH, item -> true)).containsExactly(3, 4, 5);
    assertThat(buffer.dropped()).isEqualTo(2);
    assertThat(buffer.received()).isEqualTo(5);
    assertThat(buffer.size()).isEqualTo(3);
  }
}
