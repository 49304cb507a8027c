package io.github.lgtmbootstrap.testkit.assertions;

import io.github.lgtmbootstrap.testkit.query.BackendQueryException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The one polling loop behind every eventual assertion: flush, look, pause, look again until the deadline; on
 * timeout an {@link AssertionError} that says what was expected, how long and how often it looked, the query that
 * ran and what it saw, with the last failure as its cause. A failure that waiting cannot fix (see
 * {@link #isPermanent}) ends it at once with that failure's message.
 */
final class Poller {

  private static final long REFLUSH_NANOS = TimeUnit.SECONDS.toNanos(1);
  private static final long FIRST_PAUSE_MILLIS = 2;

  /**
   * What one look found.
   *
   * @param value the result when the expectation holds, null otherwise
   * @param query the query that ran (with its Explore link, if any)
   * @param seen what was there, for the failure message
   */
  record Look<R>(R value, String query, Supplier<String> seen) {
    static <R> Look<R> found(R value) {
      return new Look<>(value, "", () -> "");
    }

    static <R> Look<R> missing(String query, Supplier<String> seen) {
      return new Look<>(null, query, seen);
    }
  }

  private Poller() {}

  static <R> R await(Polling polling, String expectation, Supplier<Look<R>> look) {
    return await(polling, expectation, look, false);
  }

  /**
   * Like {@link #await}, for expectations that more data cannot make false ("some item matches"); never for
   * counts or absence, where a look before the flush has finished could pass on a partial picture. It looks once
   * before flushing and returns at once if the item is already there (the second and later assertions of a test,
   * whose data an earlier assertion's flush delivered), and it keeps looking while the first flush runs, so an
   * item is found when its own signal's export lands, not when the slowest pipeline (a metric export with every
   * JVM runtime metric) has finished too.
   */
  static <R> R awaitPresent(Polling polling, String expectation, Supplier<Look<R>> look) {
    return await(polling, expectation, look, true);
  }

  private static <R> R await(Polling polling, String expectation, Supplier<Look<R>> look, boolean present) {
    long start = System.nanoTime();
    if (present) {
      Look<R> early = lookWhileFlushing(polling, expectation, look, start);
      if (early != null) {
        return early.value();
      }
    }
    Throwable lastFailure = flush(polling, null);
    long lastFlush = System.nanoTime();
    // The deadline starts after the first flush: a slow first export must not eat the whole wait.
    long deadline = lastFlush + polling.timeout().toNanos();
    Look<R> last = null;
    int polls = 0;
    while (true) {
      polls++;
      try {
        Look<R> current = look.get();
        if (current.value() != null) {
          return current.value();
        }
        last = current;
        lastFailure = null; // a failure that no longer happens would only mislead
      } catch (RuntimeException | AssertionError failure) {
        if (isPermanent(failure)) {
          throw failedAtOnce(expectation, failure, polls, start);
        }
        lastFailure = failure;
      }
      long now = System.nanoTime();
      if (now >= deadline) {
        break;
      }
      sleep(Math.min(polling.interval().toNanos(), deadline - now));
      if (System.nanoTime() - lastFlush >= REFLUSH_NANOS) {
        lastFailure = flush(polling, lastFailure);
        lastFlush = System.nanoTime();
      }
    }
    Duration waited = Duration.ofNanos(System.nanoTime() - start);
    StringBuilder message = new StringBuilder(expectation)
        .append("\nbut it did not happen within ").append(human(polling.timeout()))
        .append(" (waited ").append(human(waited)).append(", polled ").append(polls)
        .append(polls == 1 ? " time" : " times").append(" every ").append(human(polling.interval())).append(").");
    if (last != null) {
      message.append("\nQuery: ").append(last.query()).append('\n').append(last.seen().get());
    }
    if (lastFailure != null) {
      message.append("\nLast failure: ").append(lastFailure);
    }
    AssertionError error = new AssertionError(message.toString());
    if (lastFailure != null) {
      error.initCause(lastFailure);
    }
    throw error;
  }

  /**
   * Looks before flushing, then starts the flush on a daemon thread and looks again (pauses growing from
   * {@value #FIRST_PAUSE_MILLIS} ms to the interval, cut short when the flush ends) until the item is there or the
   * flush has ended. Returns the look that found it, or null: then the caller's regular loop flushes again and
   * keeps looking until its deadline. Transient failures here are left to that loop; permanent ones end the
   * assertion as there.
   */
  private static <R> Look<R> lookWhileFlushing(Polling polling, String expectation, Supplier<Look<R>> look,
      long start) {
    CompletableFuture<Void> flushing = null;
    long pause = TimeUnit.MILLISECONDS.toNanos(FIRST_PAUSE_MILLIS);
    for (int polls = 1; ; polls++) {
      boolean flushed = flushing != null && flushing.isDone();
      try {
        Look<R> current = look.get();
        if (current.value() != null) {
          return current;
        }
      } catch (RuntimeException | AssertionError failure) {
        if (isPermanent(failure)) {
          throw failedAtOnce(expectation, failure, polls, start);
        }
      }
      if (flushed) {
        return null;
      }
      if (flushing == null) {
        flushing = startFlush(polling);
      }
      try {
        flushing.get(Math.min(pause, polling.interval().toNanos()), TimeUnit.NANOSECONDS);
      } catch (TimeoutException | ExecutionException e) {
        pause *= 2; // still flushing (or failed: the regular loop flushes again and keeps that failure)
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("Interrupted while waiting for telemetry", e);
      }
    }
  }

  private static CompletableFuture<Void> startFlush(Polling polling) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    Thread thread = new Thread(() -> {
      try {
        polling.flush();
        done.complete(null);
      } catch (RuntimeException | Error e) {
        done.completeExceptionally(e);
      }
    }, "lgtm-testkit-flush");
    thread.setDaemon(true);
    thread.start();
    return done;
  }

  /**
   * Whether waiting cannot cure a failure: a query outside the embedded subsets (the compilers' and
   * {@code Pattern}'s {@link IllegalArgumentException}) or one the store rejected ({@link BackendQueryException}
   * that is not {@link BackendQueryException#retryable() retryable}). Unreachable, slow and failing (5xx) stores
   * may recover, so those failures keep the poll going.
   */
  static boolean isPermanent(Throwable failure) {
    return failure instanceof IllegalArgumentException
        || (failure instanceof BackendQueryException query && !query.retryable());
  }

  private static AssertionError failedAtOnce(String expectation, Throwable failure, int polls, long start) {
    Duration waited = Duration.ofNanos(System.nanoTime() - start);
    AssertionError error = new AssertionError(expectation
        + "\nbut the query failed in a way waiting cannot fix, so the assertion stopped at once (after "
        + human(waited) + ", " + polls + (polls == 1 ? " poll" : " polls") + "):\n" + failure.getMessage());
    error.initCause(failure);
    return error;
  }

  private static Throwable flush(Polling polling, Throwable lastFailure) {
    try {
      polling.flush();
      return lastFailure;
    } catch (RuntimeException e) {
      return e;
    }
  }

  private static void sleep(long nanos) {
    try {
      TimeUnit.NANOSECONDS.sleep(nanos);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("Interrupted while waiting for telemetry", e);
    }
  }

  static String human(Duration duration) {
    long millis = duration.toMillis();
    if (millis < 1000) {
      return millis + "ms";
    }
    return (millis % 1000 == 0 ? Long.toString(millis / 1000) : String.format(java.util.Locale.ROOT, "%.1f",
        millis / 1000.0)) + "s";
  }
}
