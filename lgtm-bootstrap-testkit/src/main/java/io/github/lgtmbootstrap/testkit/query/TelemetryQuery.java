package io.github.lgtmbootstrap.testkit.query;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a test wants to see from a backend: items that arrived at or after {@code since}, from resources that carry
 * every attribute of {@code resourceMatch}, optionally narrowed by name or trace id.
 *
 * <p>The narrowing fields are hints a backend may push down into its store's query (a TraceQL {@code name=},
 * a Prometheus metric name, a Loki line filter); callers still filter the result themselves, so a backend that
 * ignores a hint stays correct. Remote metric stores cannot list every metric cheaply and need {@code name}.
 *
 * @param since lower time bound (inclusive)
 * @param resourceMatch resource attributes every item must carry (such as the run's {@code lgtm.test.run.id})
 * @param name span name, OpenTelemetry metric name, or a substring of a log body
 * @param traceId a trace id (32 hex characters) to look up directly
 * @param testId the current test's id: items whose {@value #TEST_ID_ATTRIBUTE} attribute names another test are
 *     out of scope (see {@link #admits})
 */
public record TelemetryQuery(Instant since, Map<String, String> resourceMatch, Optional<String> name,
    Optional<String> traceId, Optional<String> testId) {

  /**
   * The span and log record attribute carrying the id of the test whose work produced the item; stamped from the
   * OpenTelemetry baggage entry of the same name.
   */
  public static final String TEST_ID_ATTRIBUTE = "lgtm.test.id";

  /**
   * Creates the record, validating its components and copying collections into immutable ones.
   *
   * @param since lower time bound (inclusive)
   * @param resourceMatch resource attributes every item must carry (such as the run's {@code lgtm.test.run.id})
   * @param name span name, OpenTelemetry metric name, or a substring of a log body
   * @param traceId a trace id (32 hex characters) to look up directly
   * @param testId the current test's id, empty outside tests
   */
  public TelemetryQuery {
    Objects.requireNonNull(since, "since");
    resourceMatch = Map.copyOf(Objects.requireNonNull(resourceMatch, "resourceMatch"));
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(traceId, "traceId");
    Objects.requireNonNull(testId, "testId");
  }

  /**
   * Creates a query without a test id.
   *
   * @param since lower time bound (inclusive)
   * @param resourceMatch resource attributes every item must carry
   * @param name span name, OpenTelemetry metric name, or a substring of a log body
   * @param traceId a trace id (32 hex characters) to look up directly
   */
  public TelemetryQuery(Instant since, Map<String, String> resourceMatch, Optional<String> name,
      Optional<String> traceId) {
    this(since, resourceMatch, name, traceId, Optional.empty());
  }

  /**
   * Everything that arrived since the given instant.
   *
   * @param since lower time bound
   * @return a query with no other narrowing
   */
  public static TelemetryQuery since(Instant since) {
    return new TelemetryQuery(since, Map.of(), Optional.empty(), Optional.empty());
  }

  /**
   * Returns a copy narrowed to a name.
   *
   * @param name span name, metric name or log body substring
   * @return the narrowed query
   */
  public TelemetryQuery withName(String name) {
    return new TelemetryQuery(since, resourceMatch, Optional.of(Objects.requireNonNull(name, "name")), traceId,
        testId);
  }

  /**
   * Returns a copy narrowed to a trace.
   *
   * @param traceId 32 hex characters
   * @return the narrowed query
   */
  public TelemetryQuery withTraceId(String traceId) {
    return new TelemetryQuery(since, resourceMatch, name, Optional.of(Objects.requireNonNull(traceId, "traceId")),
        testId);
  }

  /**
   * Returns a copy that also requires a resource attribute.
   *
   * @param key resource attribute key
   * @param value required value
   * @return the narrowed query
   */
  public TelemetryQuery withResourceAttribute(String key, String value) {
    java.util.Map<String, String> match = new java.util.LinkedHashMap<>(resourceMatch);
    match.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
    return new TelemetryQuery(since, match, name, traceId, testId);
  }

  /**
   * Returns a copy that sees only items of this test (and items no test claimed).
   *
   * @param testId the test's id
   * @return the narrowed query
   */
  public TelemetryQuery withTestId(String testId) {
    return new TelemetryQuery(since, resourceMatch, name, traceId, Optional.of(Objects.requireNonNull(testId,
        "testId")));
  }

  /**
   * Returns a copy with another lower time bound.
   *
   * @param since lower time bound (inclusive)
   * @return the copy
   */
  public TelemetryQuery withSince(Instant since) {
    return new TelemetryQuery(Objects.requireNonNull(since, "since"), resourceMatch, name, traceId, testId);
  }

  /**
   * Whether a span's or log record's attributes put it in this query's test: true when the query has no test id,
   * when the item carries none (its SDK does not stamp test ids, or it was made outside any test), or when it
   * carries this one. Items another test produced (while tests run in parallel) are out.
   *
   * @param attributes the item's attributes; the id is looked up under {@value #TEST_ID_ATTRIBUTE} or, for
   *     stores that flatten keys, {@code lgtm_test_id}
   * @return whether the item belongs to this query's test
   */
  public boolean admits(Map<String, Object> attributes) {
    if (testId.isEmpty()) {
      return true;
    }
    Object recorded = io.github.lgtmbootstrap.testkit.model.AttributeValues.lookup(attributes, TEST_ID_ATTRIBUTE);
    return recorded == null || testId.get().equals(recorded.toString());
  }
}
