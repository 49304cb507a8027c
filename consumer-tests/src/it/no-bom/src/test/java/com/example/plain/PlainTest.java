package com.example.plain;

import io.github.lgtmbootstrap.core.Lgtm;
import io.github.lgtmbootstrap.core.LgtmHandle;
import io.github.lgtmbootstrap.testkit.LgtmBackend;
import io.github.lgtmbootstrap.testkit.LgtmTest;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

@LgtmTest
class PlainTest {

  @Test
  void initWorksWithExplicitVersionsAndNoBom(LgtmBackend lgtm) {
    try (LgtmHandle telemetry = Lgtm.init()) {
      Span span = GlobalOpenTelemetry.getTracer("plain").spanBuilder("work").startSpan();
      try (Scope ignored = span.makeCurrent()) {
        LoggerFactory.getLogger(PlainTest.class).info("working without a BOM");
      } finally {
        span.end();
      }

      lgtm.assertTraces().hasSpan("work");
      lgtm.assertLogs().hasRecord("working without a BOM").inSpan("work");
    }
  }
}
