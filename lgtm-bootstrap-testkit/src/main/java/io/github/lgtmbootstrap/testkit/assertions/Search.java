package io.github.lgtmbootstrap.testkit.assertions;

import io.github.lgtmbootstrap.testkit.query.QueryResult;
import io.github.lgtmbootstrap.testkit.query.Signal;
import io.github.lgtmbootstrap.testkit.query.TelemetryQuery;
import io.github.lgtmbootstrap.testkit.query.TelemetrySource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.opentest4j.AssertionFailedError;

/**
 * An eventual search for an item that passes every criterion so far; each fluent step adds one criterion and
 * searches again, so a chain reads as "there is a span named X with attribute Y and a child Z". Immutable.
 *
 * @param <T> Span, LogEntry or Metric
 */
final class Search<T> {

  private static final int MAX_LISTED = 15;
  private static final String METRIC_ISOLATION = "(Metrics are not isolated per test: a series sums what every "
      + "test recorded on it, also tests running at the same time; this test sees the exports since it started. "
      + "withIncrease checks the growth during the test.)";

  private final String noun;
  private final Signal signal;
  private final Fetch<T> fetch;
  private final TelemetrySource source;
  private final TelemetryQuery scope;
  private final TelemetryQuery query;
  private final List<Criterion<T>> criteria;
  private final Function<T, String> format;
  private final Polling polling;

  Search(String noun, Signal signal, Fetch<T> fetch, TelemetrySource source, TelemetryQuery scope,
      TelemetryQuery query, List<Criterion<T>> criteria, Function<T, String> format, Polling polling) {
    this.noun = noun;
    this.signal = signal;
    this.fetch = fetch;
    this.source = source;
    this.scope = scope;
    this.query = query;
    this.criteria = List.copyOf(criteria);
    this.format = format;
    this.polling = polling;
  }

  Search<T> with(Criterion<T> criterion) {
    List<Criterion<T>> more = new ArrayList<>(criteria);
    more.add(criterion);
    return new Search<>(noun, signal, fetch, source, scope, query, more, format, polling);
  }

  /** Replaces the last criterion (used when several point checks fold into one metric criterion). */
  Search<T> withLast(Criterion<T> criterion) {
    List<Criterion<T>> more = new ArrayList<>(criteria.subList(0, criteria.size() - 1));
    more.add(criterion);
    return new Search<>(noun, signal, fetch, source, scope, query, more, format, polling);
  }

  /** How attribute expectations compare on this source: strictly where it keeps types, else by text. */
  Criterion.Match attributeMatch() {
    return source.keepsAttributeTypes(signal) ? Criterion.Match.STRICT : Criterion.Match.TEXT;
  }

  String expectation(String description) {
    return prefix(description) + "Expected a " + noun + " " + criteria.stream().map(Criterion::description)
        .collect(Collectors.joining(" ")) + fetch.origin();
  }

  /** Polls until an item passes every criterion and returns it, or fails with what was received. */
  T awaitMatch(String description) {
    return Poller.awaitPresent(polling, expectation(description), () -> {
      QueryResult<T> result = fetch.apply(query);
      Lookup lookup = new Lookup(source, scope);
      int best = 0;
      List<T> closest = new ArrayList<>();
      for (T item : result.items()) {
        int passed = passed(item, lookup);
        if (passed == criteria.size()) {
          return Poller.Look.found(item);
        }
        if (passed > best) {
          best = passed;
          closest.clear();
        }
        if (passed == best) {
          closest.add(item);
        }
      }
      int bestPassed = best;
      Supplier<String> seen = describeSeen(result, closest, bestPassed);
      String isolation = signal == Signal.METRICS && scope.testId().isPresent() ? "\n" + METRIC_ISOLATION : "";
      return Poller.Look.missing(queryText(result), () -> seen.get() + isolation + polling.losses(noun));
    });
  }

  /**
   * Passes the ingest barrier, then polls until exactly {@code expected} items pass every criterion; returns them.
   * More than expected fails at once: after the barrier a count can only grow.
   */
  List<T> awaitCount(String description, int expected) {
    polling.awaitIngested(signal, description);
    String expectation = prefix(description) + "Expected exactly " + expected + " " + noun + "s "
        + criteria.stream().map(Criterion::description).collect(Collectors.joining(" ")) + fetch.origin();
    return Poller.await(polling, expectation, expected, () -> {
      QueryResult<T> result = fetch.apply(query);
      List<T> matching = matching(result);
      if (matching.size() == expected) {
        return Poller.Look.found(matching);
      }
      if (matching.size() > expected) {
        throw new Poller.Settled(new AssertionFailedError(expectation + "\nbut found " + matching.size()
            + " after the backend had ingested everything emitted before the check:" + list(matching)
            + "\nQuery: " + queryText(result), expected, matching.size()));
      }
      return Poller.Look.missing(queryText(result),
          () -> "Found " + matching.size() + ":" + list(matching) + polling.losses(noun), matching.size());
    });
  }

  /**
   * Passes the ingest barrier, then looks once: the items that pass every criterion, which an absence check
   * expects to be none.
   */
  List<T> afterBarrier(String description) {
    polling.awaitIngested(signal, description);
    return matching(fetch.apply(query));
  }

  String render(List<T> items) {
    return list(items);
  }

  /** The items as the lines failure messages show, for an actual value to compare. */
  List<String> lines(List<T> items) {
    return items.stream().map(format).toList();
  }

  private List<T> matching(QueryResult<T> result) {
    Lookup lookup = new Lookup(source, scope);
    return result.items().stream().filter(item -> passed(item, lookup) == criteria.size()).toList();
  }

  private int passed(T item, Lookup lookup) {
    int passed = 0;
    for (Criterion<T> criterion : criteria) {
      if (!criterion.test().test(item, lookup)) {
        break;
      }
      passed++;
    }
    return passed;
  }

  private Supplier<String> describeSeen(QueryResult<T> result, List<T> closest, int passed) {
    return () -> {
      if (result.items().isEmpty()) {
        return "Received no " + noun + "s for that query." + others();
      }
      StringBuilder seen = new StringBuilder("Received ").append(result.items().size()).append(' ').append(noun)
          .append(result.items().size() == 1 ? "" : "s");
      if (passed == 0) {
        return seen.append(", none ").append(criteria.get(0).description()).append(':').append(list(result.items()))
            .toString();
      }
      seen.append("; closest matches are ").append(criteria.subList(0, passed).stream()
              .map(Criterion::description).collect(Collectors.joining(" ")))
          .append(" but not ").append(criteria.get(passed).description()).append(':').append(list(closest));
      return seen.toString();
    };
  }

  /**
   * When a name hint or a raw query found nothing, lists what else arrived so a typo in a name or a query is
   * obvious.
   */
  private String others() {
    if (!fetch.isRaw() && query.equals(scope)) {
      return "";
    }
    try {
      List<T> everything = fetch.everything().apply(scope).items();
      return everything.isEmpty()
          ? " Nothing else arrived either (since " + scope.since() + ")."
          : " Other " + noun + "s that arrived" + (fetch.isRaw() ? " (not selected by the query)" : "") + ":"
              + list(everything);
    } catch (RuntimeException e) {
      return " (Could not list other " + noun + "s: " + e.getMessage() + ")";
    }
  }

  private String list(List<T> items) {
    Set<String> lines = new LinkedHashSet<>();
    for (T item : items) {
      lines.add(format.apply(item));
    }
    StringBuilder text = new StringBuilder();
    lines.stream().limit(MAX_LISTED).forEach(line -> text.append("\n  - ").append(line));
    if (lines.size() > MAX_LISTED) {
      text.append("\n  ... and ").append(lines.size() - MAX_LISTED).append(" more");
    }
    return text.toString();
  }

  private static String queryText(QueryResult<?> result) {
    return result.query() + result.exploreUrl().map(url -> "\nExplore: " + url).orElse("");
  }

  private static String prefix(String description) {
    return description == null || description.isEmpty() ? "" : "[" + description + "] ";
  }
}
