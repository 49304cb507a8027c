package com.example.agent;

import io.github.lgtmbootstrap.core.Lgtm;
import io.github.lgtmbootstrap.core.LgtmHandle;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An app that calls Lgtm.init() as the README says; run under the java agent by the test. It stays up until its
 * standard input closes, so the test can see the agent's periodic metric export while the app runs instead of
 * depending on the agent's bounded export at JVM exit (which a loaded CI machine can overrun).
 */
public final class AgentApp {

  private static final Logger log = LoggerFactory.getLogger(AgentApp.class);

  private AgentApp() {}

  public static void main(String[] args) throws java.io.IOException {
    try (LgtmHandle telemetry = Lgtm.init()) {
      Span span = telemetry.openTelemetry().getTracer("agent-app").spanBuilder("agent-work").startSpan();
      try (Scope ignored = span.makeCurrent()) {
        log.info("agent log line");
      } finally {
        span.end();
      }
      System.out.println("handle: " + telemetry + " enabled=" + telemetry.isEnabled());
      System.out.flush();
      while (System.in.read() >= 0) {
        // wait for the test to close our standard input
      }
    }
    // The agent exports what is pending (spans, log records, a last metric collection) at JVM exit.
  }
}
