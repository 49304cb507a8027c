package io.github.lgtmbootstrap.testkit.remote;

import io.github.lgtmbootstrap.testkit.model.AttributeValues;
import io.github.lgtmbootstrap.testkit.query.TelemetryQuery;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * What the three stores share about a question: the time window a store query covers, and the check that an item
 * the store returned is within the test's scope (time bound and resource match). Immutable.
 */
final class QueryScope {

  /** Slack added to "now" as the upper end of time windows, for clocks that are slightly apart. */
  static final Duration CLOCK_SLACK = Duration.ofMinutes(1);
  /** Tempo refuses searches longer than its max_duration (168 h by default): older starts are cut to this. */
  static final Duration MAX_WINDOW = Duration.ofHours(167);

  private final Clock clock;

  QueryScope(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  Instant now() {
    return clock.instant();
  }

  /** The start of a store query: {@code since}, but no further back than the stores accept by default. */
  Instant windowStart(Instant since) {
    Instant earliest = clock.instant().minus(MAX_WINDOW);
    return since.isBefore(earliest) ? earliest : since;
  }

  /** The end of a store query: a little past now. */
  Instant windowEnd() {
    return clock.instant().plus(CLOCK_SLACK);
  }

  /** Whether an item of this resource at this time is in the query's scope. */
  static boolean inScope(Map<String, Object> resource, long epochNanos, TelemetryQuery query) {
    long since = LokiClient.nanos(query.since());
    return epochNanos >= since && matches(resource, query.resourceMatch());
  }

  /** Whether a resource carries every attribute of the match. */
  static boolean matches(Map<String, Object> resource, Map<String, String> resourceMatch) {
    for (Map.Entry<String, String> wanted : resourceMatch.entrySet()) {
      if (!AttributeValues.matches(wanted.getValue(), resource.get(wanted.getKey()))) {
        return false;
      }
    }
    return true;
  }

  /** A double-quoted string literal as TraceQL, LogQL and PromQL read it. */
  static String quote(String value) {
    return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }
}
