package io.github.lgtmbootstrap.testkit.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lgtmbootstrap.testkit.model.HistogramPoint;
import io.github.lgtmbootstrap.testkit.model.InstrumentationScope;
import io.github.lgtmbootstrap.testkit.model.LogEntry;
import io.github.lgtmbootstrap.testkit.model.Metric;
import io.github.lgtmbootstrap.testkit.model.MetricType;
import io.github.lgtmbootstrap.testkit.model.NumberPoint;
import io.github.lgtmbootstrap.testkit.model.Span;
import io.github.lgtmbootstrap.testkit.model.SpanEvent;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The standalone runner prints one readable line per span, log record and metric. */
class EmbeddedLgtmMainTest {

  private static final Map<String, Object> RESOURCE = Map.of("service.name", "checkout");
  private static final String TRACE = "5b8efff798038103d269b633813fc60c";

  @Test
  void formatsASpanAsOneLine() {
    Span span = new Span(TRACE, "eee19b7ec3c1b174", "eee19b7ec3c1b173", "chargeCard", SpanKind.CLIENT,
        StatusCode.ERROR, "declined", 1_000_000_000L, 1_012_500_000L, ordered("payment", "card", "amount", 12.5),
        List.of(new SpanEvent("exception", 1_000_000_001L, Map.of())), RESOURCE, InstrumentationScope.UNKNOWN);

    assertThat(EmbeddedLgtmMain.LinePrinter.spanLine(span)).isEqualTo(
        "SPAN   chargeCard [CLIENT, ERROR \"declined\", 12.5ms] trace=" + TRACE
            + " span=eee19b7ec3c1b174 parent=eee19b7ec3c1b173 service=checkout {payment=\"card\", amount=12.5}"
            + " events=[exception]");
  }

  private static Map<String, Object> ordered(String k1, Object v1, String k2, Object v2) {
    Map<String, Object> map = new java.util.LinkedHashMap<>();
    map.put(k1, v1);
    map.put(k2, v2);
    return map;
  }

  @Test
  void formatsALogRecordOnOneLineEvenWithAMultiLineBody() {
    LogEntry log = new LogEntry(1L, Severity.WARN, "WARN", "disk low\nat /var", Map.of("free.gb", 2L), TRACE,
        "eee19b7ec3c1b174", RESOURCE, InstrumentationScope.UNKNOWN);

    assertThat(EmbeddedLgtmMain.LinePrinter.logLine(log)).isEqualTo(
        "LOG    WARN \"disk low\\nat /var\" trace=" + TRACE + " span=eee19b7ec3c1b174 service=checkout {free.gb=2}");
  }

  @Test
  void cutsLongAttributeValuesSoStackTracesDoNotDrownTheLine() {
    String stackTrace = "java.lang.IllegalStateException: boom\n" + "\tat com.example.Checkout.place(Checkout.java:42)\n"
        .repeat(20);
    LogEntry log = new LogEntry(1L, Severity.ERROR, "", "failed", Map.of("exception.stacktrace", stackTrace), "", "",
        Map.of(), InstrumentationScope.UNKNOWN);

    String line = EmbeddedLgtmMain.LinePrinter.logLine(log);
    assertThat(line).startsWith("LOG    ERROR \"failed\" {exception.stacktrace=\"java.lang.IllegalStateException: boom\\n")
        .endsWith("...(" + stackTrace.length() + " chars)\"}")
        .doesNotContain("\n");
    assertThat(line.length()).isLessThan(200);
  }

  @Test
  void formatsMetricsWithEveryPoint() {
    Metric counter = new Metric("orders.placed", "orders.placed", "", "{order}", MetricType.SUM, true,
        List.of(new NumberPoint(Map.of("payment", "card"), 0, 1, 3), new NumberPoint(Map.of(), 0, 1, 0.25)),
        RESOURCE, InstrumentationScope.UNKNOWN);
    Metric histogram = new Metric("order.value", "order.value", "", "", MetricType.HISTOGRAM, false,
        List.of(new HistogramPoint(Map.of(), 0, 1, 2, 30.5, List.of(10.0), List.of(1L, 1L))), Map.of(),
        InstrumentationScope.UNKNOWN);

    assertThat(EmbeddedLgtmMain.LinePrinter.metricLine(counter)).isEqualTo(
        "METRIC orders.placed [SUM monotonic, unit={order}] service=checkout {payment=\"card\"}=3, {}=0.25");
    assertThat(EmbeddedLgtmMain.LinePrinter.metricLine(histogram)).isEqualTo(
        "METRIC order.value [HISTOGRAM] {}=count 2 sum 30.5");
  }

  @Test
  void printsWhatArrivesOverOtlp() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    try (EmbeddedBackend backend = EmbeddedBackend.builder()
        .setListener(new EmbeddedLgtmMain.LinePrinter(out)).start()) {
      int status = OtlpRequests.post(backend.otlpEndpoint() + "/v1/traces", "application/x-protobuf",
          OtlpRequests.spans("printed", 2).toByteArray(), null).statusCode();

      assertThat(status).isEqualTo(200);
    }
    assertThat(bytes.toString(StandardCharsets.UTF_8).lines().toList())
        .hasSize(2)
        .allSatisfy(line -> assertThat(line).startsWith("SPAN   printed-").contains("service=raw-test"));
  }

  @Test
  void parsesOptionsAndRejectsUnknownOnes() {
    EmbeddedLgtmMain.Options options = EmbeddedLgtmMain.Options.parse(
        new String[] {"--port", "0", "--host", "localhost", "--capacity", "10"});
    assertThat(options.port).isZero();
    assertThat(options.host).isEqualTo("localhost");
    assertThat(options.capacity).isEqualTo(10);
    assertThat(EmbeddedLgtmMain.Options.parse(new String[0]).port).isEqualTo(4318);
    assertThat(EmbeddedLgtmMain.Options.parse(new String[0]).host).isEqualTo("127.0.0.1");
    assertThat(EmbeddedLgtmMain.Options.parse(new String[] {"--help"})).isNull();
    assertThatThrownBy(() -> EmbeddedLgtmMain.Options.parse(new String[] {"--port", "high"}))
        .hasMessage("--port 'high' is not a number");
    assertThatThrownBy(() -> EmbeddedLgtmMain.Options.parse(new String[] {"--grpc", "yes"}))
        .hasMessage("Unknown option --grpc");
  }

  @Test
  void parsesTheGrpcPortWhichDefaultsTo4317WhenNettyIsPresent() {
    assertThat(EmbeddedLgtmMain.Options.parse(new String[0]).grpcPort).isEqualTo(4317);
    assertThat(EmbeddedLgtmMain.Options.parse(new String[] {"--grpc-port", "0"}).grpcPort).isZero();
    assertThat(EmbeddedLgtmMain.Options.parse(new String[] {"--grpc-port", "off"}).grpcPort).isNull();
    assertThatThrownBy(() -> EmbeddedLgtmMain.Options.parse(new String[] {"--grpc-port", "x"}))
        .hasMessage("--grpc-port 'x' is not a number");
  }
}
