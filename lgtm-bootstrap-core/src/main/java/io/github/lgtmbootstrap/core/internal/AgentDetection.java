package io.github.lgtmbootstrap.core.internal;

/**
 * Tells whether the OpenTelemetry java agent runs in this JVM. The agent puts its bootstrap classes on the
 * bootstrap class path in premain, before the application's main, so looking for one of them there (not
 * initialising it) is exact and costs one class lookup; no JMX, no command-line parsing.
 *
 * <p>With the agent, its SDK is the application's SDK: the agent instruments the application's
 * {@code GlobalOpenTelemetry} to hand out its own instance and ignores {@code GlobalOpenTelemetry.set}. A second
 * SDK started by {@code Lgtm.init()} would export runtime metrics and log records a second time.
 */
public final class AgentDetection {

  static final String AGENT_BOOTSTRAP_CLASS = "io.opentelemetry.javaagent.bootstrap.AgentInitializer";

  private AgentDetection() {}

  /** True when the OpenTelemetry java agent is attached to this JVM. */
  public static boolean agentAttached() {
    try {
      Class.forName(AGENT_BOOTSTRAP_CLASS, false, null);
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }
}
