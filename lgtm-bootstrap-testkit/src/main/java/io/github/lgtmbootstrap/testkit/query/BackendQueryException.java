package io.github.lgtmbootstrap.testkit.query;

/**
 * A backend could not answer a query: the store was unreachable, rejected the query (its own error text is in
 * the message), failed, or timed out. The message names the store, the URL and the query.
 *
 * <p>{@link #retryable()} tells the assertions whether asking again can help: a store that is unreachable, slow or
 * answers 5xx may recover while they wait, so they keep polling; a store that rejected the query itself (HTTP 4xx
 * for bad TraceQL, LogQL or PromQL, a wrong path, missing credentials) will reject it again, so they fail at once.
 */
public class BackendQueryException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Whether asking again can succeed. */
  private final boolean retryable;

  /**
   * Creates a retryable exception.
   *
   * @param message what failed, naming the store, the URL and the query
   */
  public BackendQueryException(String message) {
    this(message, null, true);
  }

  /**
   * Creates a retryable exception with its cause.
   *
   * @param message what failed, naming the store, the URL and the query
   * @param cause the underlying failure
   */
  public BackendQueryException(String message, Throwable cause) {
    this(message, cause, true);
  }

  /**
   * Creates the exception, saying whether asking again can succeed.
   *
   * @param message what failed, naming the store, the URL and the query
   * @param cause the underlying failure, or null
   * @param retryable false when the store rejected the query itself, so that waiting cannot help
   */
  public BackendQueryException(String message, Throwable cause, boolean retryable) {
    super(message, cause);
    this.retryable = retryable;
  }

  /**
   * Returns whether the same query may succeed later: true for an unreachable, slow or failing (5xx) store,
   * false when the store rejected the query (4xx other than 408, 425 and 429).
   *
   * @return whether polling again can help
   */
  public boolean retryable() {
    return retryable;
  }
}
