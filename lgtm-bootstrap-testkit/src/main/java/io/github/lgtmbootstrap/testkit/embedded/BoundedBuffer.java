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

  /**
   * Items of one {@link #addAll} call still kept: they share the arrival instant and their share of the batch's
   * bytes. Kept per batch rather than per item, so that a stored item is not one more object for the collector.
   */
  private static final class Batch {
    final Instant arrival;
    final long each;
    int kept;

    Batch(Instant arrival, long each, int kept) {
      this.arrival = arrival;
      this.each = each;
      this.kept = kept;
    }
  }

  private final int capacity;
  private final long maxBytes;
  private final Clock clock;
  private final ArrayDeque<T> items = new ArrayDeque<>();
  private final ArrayDeque<Batch> batches = new ArrayDeque<>();
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
    if (batch.isEmpty()) {
      return;
    }
    long each = batchBytes / batch.size();
    items.addAll(batch);
    batches.addLast(new Batch(clock.instant(), each, batch.size()));
    bytes += each * batch.size();
    received += batch.size();
    while (items.size() > capacity || (bytes > maxBytes && !items.isEmpty())) {
      items.removeFirst();
      Batch oldest = batches.getFirst();
      bytes -= oldest.each;
      if (--oldest.kept == 0) {
        batches.removeFirst();
      }
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
    // Items are in arrival order, so walking back from the newest stops at the first batch that is too old.
    Iterator<T> newestFirst = items.descendingIterator();
    Iterator<Batch> newestBatchFirst = batches.descendingIterator();
    while (newestBatchFirst.hasNext()) {
      Batch batch = newestBatchFirst.next();
      if (batch.arrival.isBefore(since)) {
        break;
      }
      for (int i = 0; i < batch.kept; i++) {
        T item = newestFirst.next();
        if (filter.test(item)) {
          found.add(item);
        }
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
    batches.clear();
    bytes = 0;
  }
}
