package io.github.lgtmbootstrap.testkit.query;

/**
 * A backend could not answer a query: the store was unreachable, rejected the query (its own error text is in
 * the message), failed, or timed out. The message names the store, the URL and the query.
 */
public class BackendQueryException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what failed, naming the store, the URL and the query
   */
  public BackendQueryException(String message) {
    super(message);
  }

  /**
   * Creates the exception with its cause.
   *
   * @param message what failed, naming the store, the URL and the query
   * @param cause the underlying failure
   */
  public BackendQueryException(String message, Throwable cause) {
    super(message, cause);
  }
}
