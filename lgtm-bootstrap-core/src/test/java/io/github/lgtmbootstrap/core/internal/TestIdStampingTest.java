package io.github.lgtmbootstrap.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdkBuilder;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The test id is stamped only under the testkit (its run id in the resource), from baggage or a local parent. */
class TestIdStampingTest {

  @Test
  void stampsFromBaggageAndFromALocalParentUnderTheTestkit() {
    InMemorySpanExporter spans = InMemorySpanExporter.create();
    try (OpenTelemetrySdk sdk = sdk(spans, "lgtm.test.run.id=r1")) {
      Baggage baggage = Baggage.builder().put("lgtm.test.id", "t-42").build();
      Span parent;
      try (Scope ignored = Context.current().with(baggage).makeCurrent()) {
        parent = sdk.getTracer("t").spanBuilder("parent").startSpan();
      }
      // a thread that knows only its parent span, no baggage
      sdk.getTracer("t").spanBuilder("child").setParent(Context.root().with(parent)).startSpan().end();
      parent.end();
      assertThat(spans.getFinishedSpanItems()).allSatisfy(span ->
          assertThat(span.getAttributes().get(TestIdStamping.KEY)).isEqualTo("t-42"));
    }
  }

  @Test
  void productionSdksNeverStampWhatACallerSent() {
    InMemorySpanExporter spans = InMemorySpanExporter.create();
    try (OpenTelemetrySdk sdk = sdk(spans, "deployment.environment.name=prod")) {
      Baggage baggage = Baggage.builder().put("lgtm.test.id", "from-a-caller").build();
      try (Scope ignored = Context.current().with(baggage).makeCurrent()) {
        sdk.getTracer("t").spanBuilder("request").startSpan().end();
      }
      assertThat(spans.getFinishedSpanItems()).singleElement()
          .satisfies(span -> assertThat(span.getAttributes().get(TestIdStamping.KEY)).isNull());
    }
  }

  private static OpenTelemetrySdk sdk(InMemorySpanExporter spans, String resourceAttributes) {
    Map<String, String> properties = new HashMap<>();
    properties.put("otel.traces.exporter", "none");
    properties.put("otel.metrics.exporter", "none");
    properties.put("otel.logs.exporter", "none");
    properties.put("otel.resource.attributes", resourceAttributes);
    AutoConfiguredOpenTelemetrySdkBuilder builder = AutoConfiguredOpenTelemetrySdk.builder()
        .addPropertiesSupplier(() -> properties)
        .disableShutdownHook();
    // the testkit's extension sets the system property; install reads it
    String before = System.getProperty("otel.resource.attributes");
    System.setProperty("otel.resource.attributes", resourceAttributes);
    try {
      TestIdStamping.install(builder);
    } finally {
      if (before == null) {
        System.clearProperty("otel.resource.attributes");
      } else {
        System.setProperty("otel.resource.attributes", before);
      }
    }
    builder.addTracerProviderCustomizer((tracing, config) -> tracing.addSpanProcessor(SimpleSpanProcessor.create(spans)));
    return builder.build().getOpenTelemetrySdk();
  }
}
