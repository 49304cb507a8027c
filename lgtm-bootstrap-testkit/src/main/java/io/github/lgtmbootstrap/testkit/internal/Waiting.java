package io.github.lgtmbootstrap.testkit.internal;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A bounded wait for something outside the telemetry assertions (a store becoming ready): look, pause, look again
 * until the look says done or the deadline passes. The assertions' own polling (with flushing and failure
 * messages) is {@code assertions.Poller}. Not API.
 */
public final class Waiting {

  private Waiting() {}

  /**
   * Looks until {@code done} holds for what {@code look} returned, or {@code timeout} has passed; always looks at
   * least once.
   *
   * @param timeout longest wait
   * @param interval pause between two looks
   * @param look one look, such as the list of stores that are not ready yet
   * @param done whether the look's result ends the wait
   * @param <T> what a look returns
   * @return the last look's result (check it with {@code done} to see whether the wait succeeded)
   */
  public static <T> T until(Duration timeout, Duration interval, Supplier<T> look,
      java.util.function.Predicate<T> done) {
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(interval, "interval");
    long deadline = System.nanoTime() + timeout.toNanos();
    T last = look.get();
    while (!done.test(last)) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        break;
      }
      try {
        TimeUnit.NANOSECONDS.sleep(Math.min(interval.toNanos(), left));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      last = look.get();
    }
    return last;
  }
}
