package io.github.lgtmbootstrap.examples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.GlobalOpenTelemetry;
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
  }

  @Test
  void unknownArgumentsAreReportedWithUsage() throws Exception {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    int status = QuickstartApp.run(new String[] {"--bogus"}, new PrintStream(buf, true, StandardCharsets.UTF_8));
    assertThat(status).isEqualTo(2);
    assertThat(buf.toString(StandardCharsets.UTF_8)).contains("unknown argument '--bogus'; usage:");
  }
}
