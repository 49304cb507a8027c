package io.github.lgtmbootstrap.testkit.assertions;

import io.github.lgtmbootstrap.testkit.query.Signal;
import java.util.function.BooleanSupplier;

/**
 * Makes sure a store has ingested everything emitted before a point in time, so that absence and exact counts
 * prove something on a store that makes data queryable seconds after it arrived (Tempo, Loki). The JUnit
 * extension's barrier sends a marker item through the backend's OTLP endpoint (after flushing the app) and
 * reports whether the store returns it yet; the assertions poll that with their timeout before they look.
 *
 * <p>{@link #none()} (the default of {@link Polling}) only relies on the flush.
 */
@FunctionalInterface
public interface IngestBarrier {

  /**
   * Sends a marker of this signal through the store's ingest path.
   *
   * @param signal which store to check
   * @return a check that answers whether the store returns the marker yet; it may throw while the store is
   *     unreachable (the poll goes on)
   * @throws RuntimeException when the marker cannot be sent (the assertion then fails, naming the reason)
   */
  BooleanSupplier send(Signal signal);

  /**
   * A barrier that sends nothing and is passed at once: for stores that ingest synchronously, or code without
   * the extension.
   *
   * @return the barrier
   */
  static IngestBarrier none() {
    return signal -> () -> true;
  }
}
