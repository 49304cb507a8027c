package io.github.lgtmbootstrap.testkit.embedded;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.function.Predicate;

/**
 * A thread-safe, bounded buffer of items in arrival order, bounded in count and in (estimated) bytes. When full,
 * the oldest items are dropped and counted, so a long test run never runs out of memory and a test can see that
 * it lost data.
 */
final class BoundedBuffer<T> {

  private record Arrived<T>(Instant arrival, T item, long bytes) {}

  private final int capacity;
  private final long maxBytes;
  private final Clock clock;
  private final ArrayDeque<Arrived<T>> items = new ArrayDeque<>();
  private long bytes;
  private long received;
  private long dropped;

  BoundedBuffer(int capacity, Clock clock) {
    this(capacity, Long.MAX_VALUE, clock);
  }

  BoundedBuffer(int capacity, long maxBytes, Clock clock) {
    this.capacity = capacity;
    this.maxBytes = maxBytes;
    this.clock = clock;
  }

  /** Appends a batch, stamping every item with the same arrival instant, and evicts the oldest beyond capacity. */
  void addAll(List<T> batch) {
    addAll(batch, 0);
  }

  /**
   * Appends a batch that takes about {@code batchBytes} of memory (shared evenly by its items), stamping every item
   * with the same arrival instant, and evicts the oldest items beyond the capacity or the byte limit.
   */
  synchronized void addAll(List<T> batch, long batchBytes) {
    Instant now = clock.instant();
    long each = batch.isEmpty() ? 0 : batchBytes / batch.size();
    for (T item : batch) {
      items.addLast(new Arrived<>(now, item, each));
    }
    bytes += each * batch.size();
    received += batch.size();
    while (items.size() > capacity || (bytes > maxBytes && !items.isEmpty())) {
      bytes -= items.removeFirst().bytes();
      dropped++;
    }
  }

  /** The byte limit this buffer keeps to. */
  long maxBytes() {
    return maxBytes;
  }

  /** The estimated bytes the kept items take. */
  synchronized long bytes() {
    return bytes;
  }

  /** Items that arrived at or after {@code since} and pass the filter, oldest first. */
  synchronized List<T> since(Instant since, Predicate<? super T> filter) {
    List<T> found = new ArrayList<>();
    // Items are in arrival order, so walking back from the newest stops at the first one that is too old.
    Iterator<Arrived<T>> newestFirst = items.descendingIterator();
    while (newestFirst.hasNext()) {
      Arrived<T> arrived = newestFirst.next();
      if (arrived.arrival().isBefore(since)) {
        break;
      }
      if (filter.test(arrived.item())) {
        found.add(arrived.item());
      }
    }
    Collections.reverse(found);
    return found;
  }

  synchronized int size() {
    return items.size();
  }

  synchronized long received() {
    return received;
  }

  synchronized long dropped() {
    return dropped;
  }

  synchronized void clear() {
    items.clear();
    bytes = 0;
  }
}
