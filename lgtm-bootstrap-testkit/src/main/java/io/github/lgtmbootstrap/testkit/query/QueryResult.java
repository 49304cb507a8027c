package io.github.lgtmbootstrap.testkit.query;

import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one query to a backend returned, with enough context to explain a failed assertion.
 *
 * @param items the items found, in the store's order
 * @param query the query that ran, as a person would type it (TraceQL, LogQL, PromQL, or a description for
 *     the embedded store)
 * @param exploreUrl a Grafana Explore link that runs the same query, when the backend has a Grafana
 * @param <T> {@code Span}, {@code LogEntry} or {@code Metric}
 */
public record QueryResult<T>(List<T> items, String query, Optional<URI> exploreUrl) {

  /**
   * Creates the record, validating its components and copying collections into immutable ones.
   *
   * @param items the items found, in the store's order
   * @param query the query that ran, as a person would type it (TraceQL, LogQL, PromQL, or a description for the embedded store)
   * @param exploreUrl a Grafana Explore link that runs the same query, when the backend has a Grafana
   */
  public QueryResult {
    items = List.copyOf(items);
    Objects.requireNonNull(query, "query");
    Objects.requireNonNull(exploreUrl, "exploreUrl");
  }

  /**
   * A result without an Explore link.
   *
   * @param items the items found
   * @param query the query that ran
   * @param <T> item type
   * @return the result
   */
  public static <T> QueryResult<T> of(List<T> items, String query) {
    return new QueryResult<>(items, query, Optional.empty());
  }
}
