package io.github.lgtmbootstrap.core;

import java.util.List;
import java.util.Objects;

/**
 * Thrown by {@link Lgtm#init()} and {@link LgtmBuilder#init()} when the configuration is invalid. One exception
 * lists every problem found, each saying which key was wrong, where the value came from, the value (never for
 * secrets) and what to do:
 *
 * <pre>
 * lgtm-bootstrap configuration has 2 problems:
 *   - otel.exporter.otlp.endpoint 'localhost:4318' (system property) has no scheme; use http://localhost:4318
 *   - otel.metric.export.interval '-5s' (environment variable OTEL_METRIC_EXPORT_INTERVAL) must be positive
 * </pre>
 *
 * <p>Only configuration problems raise it; an unreachable backend never does.
 */
public final class LgtmConfigException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** One line per problem, secrets already redacted; part of the serialized form. */
  private final List<String> problems;

  /**
   * Creates the exception.
   *
   * @param problems one human-readable line per problem, secrets already redacted
   */
  public LgtmConfigException(List<String> problems) {
    super(format(Objects.requireNonNull(problems, "problems")));
    this.problems = List.copyOf(problems);
  }

  /**
   * Each problem on its own, in the order found.
   *
   * @return the problems, never empty
   */
  public List<String> problems() {
    return problems;
  }

  private static String format(List<String> problems) {
    StringBuilder sb =
        new StringBuilder("lgtm-bootstrap configuration has ")
            .append(problems.size())
            .append(problems.size() == 1 ? " problem:" : " problems:");
    for (String p : problems) {
      sb.append("\n  - ").append(p);
    }
    return sb.toString();
  }
}
