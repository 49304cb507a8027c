package io.github.lgtmbootstrap.testkit.container;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs a test class or method only when the container backend can start (Testcontainers on the classpath and a
 * Docker environment); otherwise JUnit reports it skipped with the reason. Never fails for a missing Docker.
 *
 * <pre>{@code
 * @ExtendWith(DockerAvailableCondition.class)
 * @LgtmTest
 * class CheckoutAgainstOtelLgtmTest { ... }
 * }</pre>
 */
public final class DockerAvailableCondition implements ExecutionCondition {

  /** Creates the condition; JUnit instantiates it through {@code @ExtendWith}. */
  public DockerAvailableCondition() {}

  /**
   * Enables the element when the container backend can start.
   *
   * @param context the element's context
   * @return enabled, or disabled with the reason
   */
  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    return ContainerBackend.unavailableReason()
        .map(reason -> ConditionEvaluationResult.disabled("Skipped: the grafana/otel-lgtm container cannot run here: "
            + reason))
        .orElseGet(() -> ConditionEvaluationResult.enabled("Docker is available"));
  }
}
