package com.example.agent;

import io.github.lgtmbootstrap.core.Lgtm;
import io.github.lgtmbootstrap.core.LgtmHandle;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A short-lived app that calls Lgtm.init() as the README says; run under the java agent by the test. */
public final class AgentApp {

  private static final Logger log = LoggerFactory.getLogger(AgentApp.class);

  private AgentApp() {}

  public static void main(String[] args) {
    try (LgtmHandle telemetry = Lgtm.init()) {
      Span span = telemetry.openTelemetry().getTracer("agent-app").spanBuilder("agent-work").startSpan();
      try (Scope ignored = span.makeCurrent()) {
        log.info("agent log line");
      } finally {
        span.end();
      }
      System.out.println("handle: " + telemetry + " enabled=" + telemetry.isEnabled());
    }
    // The agent exports what is pending (spans, log records, a last metric collection) at JVM exit.
  }
}
