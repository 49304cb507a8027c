package io.github.lgtmbootstrap.examples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lgtmbootstrap.testkit.embedded.EmbeddedBackend;
import io.github.lgtmbootstrap.testkit.model.Span;
import io.github.lgtmbootstrap.testkit.query.TelemetryQuery;
import io.opentelemetry.api.GlobalOpenTelemetry;
import java.time.Instant;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class QuickstartAppTest {

  @AfterEach
  void resetGlobal() {
    GlobalOpenTelemetry.resetForTest();
  }

  @Test
  void demoPrintsTheTraceTreeLogsAndMetricsThatArrived() throws Exception {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    int status = QuickstartApp.run(new String[0], new PrintStream(buf, true, StandardCharsets.UTF_8));
    String out = buf.toString(StandardCharsets.UTF_8);

    assertThat(status).as("exit status; output:%n%s", out).isZero();
    String traceId = out.lines().filter(l -> l.startsWith("trace ")).findFirst().orElseThrow().substring(6);
    assertThat(traceId).hasSize(32);
    assertThat(out)
        .contains("== Traces (4 spans) ==")
        .containsPattern("\\n  POST /checkout +\\d+\\.\\d\\d ms  SERVER")
        .containsPattern("\\n    charge-card +\\d+\\.\\d\\d ms  CLIENT")
        .containsPattern("\\n    load-cart ")
        .containsPattern("\\n    send-confirmation ")
        .contains("INFO  order 42 placed  trace=" + traceId)
        .containsPattern("orders\\.placed +counter +1 \\{payment\\.method=card\\}")
        .containsPattern("order\\.value +histogram +count=1 sum=99\\.90")
        .contains("All three signals arrived.");
    String logLine =
        out.lines().filter(l -> l.startsWith("INFO  order 42 placed")).findFirst().orElseThrow();
    assertThat(logLine)
        .as("the SLF4J line became a record in a span of the trace, through lgtm-bootstrap-logback")
        .containsPattern("span=[0-9a-f]{16}")
        .contains("order.id=42");
  }

  @Test
  void withAnEndpointItSendsThereAndSaysWhereToLookInGrafana() throws Exception {
    try (EmbeddedBackend remote = EmbeddedBackend.builder().setHost("127.0.0.1").setPort(0).start()) {
      ByteArrayOutputStream buf = new ByteArrayOutputStream();
      int status =
          QuickstartApp.run(
              new String[] {"--endpoint " + remote.otlpEndpoint() + " --basic-auth demo:s3cret"},
              new PrintStream(buf, true, StandardCharsets.UTF_8));
      String out = buf.toString(StandardCharsets.UTF_8);
      assertThat(status).as("exit status; output:%n%s", out).isZero();
      assertThat(out)
          .contains("Sending to LgtmHandle[service.name=quickstart, otlp http/protobuf " + remote.otlpEndpoint())
          .contains("headers=Authorization=***")
          .doesNotContain("s3cret")
          .contains("In Grafana (otel-lgtm: http://127.0.0.1:3000, Explore):")
          .contains("{service_name=\"quickstart\"}");
      String traceId = out.lines().filter(l -> l.startsWith("Delivered one checkout, trace ")).findFirst()
          .orElseThrow().replaceAll(".*trace ([0-9a-f]{32}).*", "$1");
      assertThat(remote.spans(TelemetryQuery.since(Instant.EPOCH).withTraceId(traceId)).items())
          .extracting(Span::name)
          .contains("POST /checkout", "charge-card");
    }
  }

  @Test
  void unknownArgumentsAreReportedWithUsage() throws Exception {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    int status = QuickstartApp.run(new String[] {"--bogus"}, new PrintStream(buf, true, StandardCharsets.UTF_8));
    assertThat(status).isEqualTo(2);
    assertThat(buf.toString(StandardCharsets.UTF_8)).contains("unknown argument '--bogus'; usage:");
  }
}
