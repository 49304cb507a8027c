package io.github.lgtmbootstrap.testkit.assertions;

import io.github.lgtmbootstrap.testkit.query.BackendQueryException;
import java.time.Duration;
import org.opentest4j.AssertionFailedError;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The one polling loop behind every eventual assertion: flush, look, pause, look again until the deadline; on
 * timeout an {@link AssertionError} that says what was expected, how long and how often it looked, the query that
 * ran and what it saw, with the last failure as its cause. A failure that waiting cannot fix (see
 * {@link #isPermanent}) ends it at once with that failure's message.
 */
final class Poller {

  private static final long REFLUSH_NANOS = TimeUnit.SECONDS.toNanos(1);

  /**
   * What one look found.
   *
   * @param value the result when the expectation holds, null otherwise
   * @param query the query that ran (with its Explore link, if any)
   * @param seen what was there, for the failure message
   */
  record Look<R>(R value, String query, Supplier<String> seen, Object actual) {
    static <R> Look<R> found(R value) {
      return new Look<>(value, "", () -> "", null);
    }

    static <R> Look<R> missing(String query, Supplier<String> seen) {
      return new Look<>(null, query, seen, null);
    }

    /** Missing, with the one value that differs from the expected one (for the IDE's comparison view). */
    static <R> Look<R> missing(String query, Supplier<String> seen, Object actual) {
      return new Look<>(null, query, seen, actual);
    }
  }

  /** Thrown by a look when waiting cannot change the outcome: the poll ends with its error at once. */
  static final class Settled extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final transient AssertionError error;

    Settled(AssertionError error) {
      super(error.getMessage(), null, false, false);
      this.error = error;
    }
  }

  private Poller() {}

  static <R> R await(Polling polling, String expectation, Supplier<Look<R>> look) {
    return await(polling, expectation, null, look, false);
  }

  /**
   * Same as {@link #await(Polling, String, Supplier)}; when {@code expected} is not null and the last look
   * carried an actual value, the failure is an {@link AssertionFailedError} with both.
   */
  static <R> R await(Polling polling, String expectation, Object expected, Supplier<Look<R>> look) {
    return await(polling, expectation, expected, look, false);
  }

  /**
   * Like {@link #await}, but looks once before the first flush and returns at once if the item is already there.
   * Only for expectations that more data cannot make false ("some item matches"), never for counts or absence:
   * there a look before the flush could pass on a partial picture. Flushing every pipeline (all three signals,
   * JVM runtime metrics included) is most of an assertion's time, so the second and later assertions of a test,
   * whose data the first one's flush already delivered, skip it.
   */
  static <R> R awaitPresent(Polling polling, String expectation, Supplier<Look<R>> look) {
    return await(polling, expectation, null, look, true);
  }

  private static <R> R await(Polling polling, String expectation, Object expected, Supplier<Look<R>> look,
      boolean lookFirst) {
    long start = System.nanoTime();
    if (lookFirst) {
      try {
        Look<R> early = look.get();
        if (early.value() != null) {
          return early.value();
        }
      } catch (Settled settled) {
        throw settled.error;
      } catch (RuntimeException | AssertionError failure) {
        if (isPermanent(failure)) {
          throw failedAtOnce(expectation, failure, 1, start);
        }
        // a passing failure (store not ready, 5xx): the regular loop below looks again after the flush
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
      } catch (Settled settled) {
        throw settled.error;
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
      if (polls == 1) {
        // A second flush at once after the first miss: the SDK's batch processor sometimes answers a flush
        // before exporting a span that ended just before it (a race in its worker hand-off); that span would
        // otherwise wait for the next scheduled export (100 ms under the testkit).
        lastFailure = flush(polling, lastFailure);
        lastFlush = System.nanoTime();
        continue;
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
    if (expected != null && last != null && last.actual() != null) {
      throw new AssertionFailedError(message.toString(), expected, last.actual(), lastFailure);
    }
    AssertionError error = new AssertionError(message.toString());
    if (lastFailure != null) {
      error.initCause(lastFailure);
    }
    throw error;
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
