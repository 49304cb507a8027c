package io.github.lgtmbootstrap.testkit.container;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.DockerClientFactory;

/**
 * Runs tests of the real pinned grafana/otel-lgtm image only where it is present or can be pulled; an engine
 * without a reachable registry (CI's podman) skips them with the reason, and runs the stand-in's tests instead.
 */
final class PinnedImageCondition implements ExecutionCondition {

  private static volatile ConditionEvaluationResult result;

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    ConditionEvaluationResult known = result;
    if (known == null) {
      synchronized (PinnedImageCondition.class) {
        if (result == null) {
          result = evaluate();
        }
        known = result;
      }
    }
    return known;
  }

  private static ConditionEvaluationResult evaluate() {
    String image = ContainerBackend.DEFAULT_IMAGE;
    if (ContainerBackend.unavailableReason().isPresent()) {
      return ConditionEvaluationResult.disabled("Skipped: " + ContainerBackend.unavailableReason().get());
    }
    DockerClient docker = DockerClientFactory.lazyClient();
    try {
      docker.inspectImageCmd(image).exec();
      return ConditionEvaluationResult.enabled(image + " is present");
    } catch (NotFoundException absent) {
      try {
        boolean done = docker.pullImageCmd(image).start().awaitCompletion(10, TimeUnit.MINUTES);
        return done ? ConditionEvaluationResult.enabled(image + " was pulled")
            : ConditionEvaluationResult.disabled("Skipped: pulling " + image + " took over 10 minutes");
      } catch (RuntimeException e) {
        return ConditionEvaluationResult.disabled("Skipped: " + image + " is neither present nor pullable here "
            + "(pull failed: " + e.getMessage() + "); StandInContainerTest covers the container backend instead");
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return ConditionEvaluationResult.disabled("Skipped: interrupted while pulling " + image);
      }
    }
  }
}
