package io.github.lgtmbootstrap.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.lgtmbootstrap.core.support.LgtmTestSupport;
import io.opentelemetry.api.GlobalOpenTelemetry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LgtmTestSupport.class)
class ConfigValidationTest {

  @Test
  void initFailsFastListingEveryProblemInOneException() {
    System.setProperty("otel.metric.export.interval", "-5s");
    LgtmConfigException e =
        catchThrowableOfType(
            LgtmConfigException.class,
            () ->
                Lgtm.builder()
                    .setEndpoint("localhost:4318")
                    .setProtocol("http/xml")
                    .setProperty("otel.exporter.otlp.headers", "Authorization=Bearer s3cr3t,broken")
                    .setProperty("lgtm.console", "yes")
                    .setProfile("staging")
                    .init());
    assertThat(e).as("init must throw LgtmConfigException").isNotNull();
    assertThat(e.problems()).hasSize(6);
    assertThat(e.getMessage())
        .startsWith("lgtm-bootstrap configuration has 6 problems:")
        .contains("otel.exporter.otlp.endpoint 'localhost:4318' (builder) has no scheme; use http://localhost:4318")
        .contains("otel.exporter.otlp.protocol 'http/xml' (builder) is not a known protocol; use http/protobuf or http/json")
        .contains("otel.exporter.otlp.headers (builder) is malformed: entry #2 has no '='")
        .contains("otel.metric.export.interval '-5s' (system property) must be positive")
        .contains("lgtm.console 'yes' (builder) is not a boolean; use true or false")
        .contains("lgtm.profile 'staging' (builder) is not a profile; use dev or production")
        .doesNotContain("s3cr3t");
    assertThat(GlobalOpenTelemetry.isSet()).as("nothing registered after a config error").isFalse();
  }

  @Test
  void unknownMetricTemporalityFailsInitOnJsonAsOnProtobuf() {
    for (String protocol : new String[] {"http/protobuf", "http/json"}) {
      assertThatThrownBy(
              () ->
                  Lgtm.builder()
                      .setEndpoint("http://127.0.0.1:4318")
                      .setProtocol(protocol)
                      .setRuntimeMetrics(false)
                      .setProperty("otel.exporter.otlp.metrics.temporality.preference", "sometimes")
                      .init())
          .as(protocol)
          .isInstanceOf(LgtmConfigException.class)
          .hasMessageContaining("sometimes");
      assertThat(GlobalOpenTelemetry.isSet()).as("nothing registered after a config error").isFalse();
    }
  }

  @Test
  void exporterValuesOnlyOpenTelemetryChecksStillFailInitAlthoughTheExportersAreCreatedLater() throws Exception {
    // The OTLP exporters are created after init() returns (LazyOtlp); their settings are still parsed during it.
    assertThatThrownBy(
            () ->
                Lgtm.builder()
                    .setEndpoint("http://127.0.0.1:4318")
                    .setRuntimeMetrics(false)
                    .setProperty("otel.java.exporter.memory_mode", "sometimes")
                    .init())
        .isInstanceOf(LgtmConfigException.class)
        .hasMessageContaining("sometimes");
    assertThat(GlobalOpenTelemetry.isSet()).as("nothing registered after a config error").isFalse();

    // TLS material is the exception: the exporter is created at once, so a PEM that does not parse fails init().
    java.nio.file.Path notPem = java.nio.file.Files.createTempFile("not-a-ca", ".pem");
    try {
      java.nio.file.Files.writeString(notPem, "this is not a certificate\n");
      assertThatThrownBy(
              () ->
                  Lgtm.builder()
                      .setEndpoint("https://127.0.0.1:4318")
                      .setCertificate(notPem)
                      .setRuntimeMetrics(false)
                      .init())
          .isInstanceOf(RuntimeException.class);
      assertThat(GlobalOpenTelemetry.isSet()).as("nothing registered after a config error").isFalse();
    } finally {
      java.nio.file.Files.deleteIfExists(notPem);
    }
  }

  @Test
  void grpcIsRejectedWithAHintBecauseTheJdkSenderSpeaksHttpOnly() {
    assertThatThrownBy(() -> Lgtm.builder().setProtocol("grpc").init())
        .isInstanceOf(LgtmConfigException.class)
        .hasMessageContaining("'grpc' (builder) is not supported by the bundled JDK HTTP sender; use http/protobuf");
  }

  @Test
  void baseEndpointWithSignalPathIsRejectedWithTheFixedUrl() {
    assertThatThrownBy(() -> Lgtm.builder().setEndpoint("http://collector:4318/v1/traces").init())
        .isInstanceOf(LgtmConfigException.class)
        .hasMessageContaining("ends with a signal path")
        .hasMessageContaining("use http://collector:4318 ");
  }

  @Test
  void perSignalEndpointWithoutPathIsRejected() {
    assertThatThrownBy(() -> Lgtm.builder().setTracesEndpoint("http://tempo:4318").init())
        .isInstanceOf(LgtmConfigException.class)
        .hasMessageContaining("per-signal endpoints are used as-is; use http://tempo:4318/v1/traces");
  }

  @Test
  void unreadableCertificateAndBadCompressionAndZeroTimeoutAreReported() {
    LgtmConfigException e =
        catchThrowableOfType(
            LgtmConfigException.class,
            () ->
                Lgtm.builder()
                    .setCertificate(java.nio.file.Path.of("/nonexistent/ca.pem"))
                    .setCompression("brotli")
                    .setShutdownTimeout(java.time.Duration.ZERO)
                    .init());
    assertThat(e.problems())
        .anySatisfy(p -> assertThat(p).contains("otel.exporter.otlp.certificate").contains("is not a readable file"))
        .anySatisfy(p -> assertThat(p).contains("'brotli'").contains("use gzip or none"))
        .anySatisfy(p -> assertThat(p).contains("lgtm.shutdown.timeout '0ms'").contains("must be positive"));
  }

  @Test
  void basicAuthNeedsBothPartsAndHostedGrafanaNeedsAllThree() {
    System.setProperty("lgtm.basic.auth.user", "alice");
    System.setProperty("lgtm.grafana.cloud.endpoint", "prod-eu-west-2");
    LgtmConfigException e = catchThrowableOfType(LgtmConfigException.class, Lgtm::init);
    assertThat(e.getMessage())
        .contains("lgtm.basic.auth.user is set but lgtm.basic.auth.token is not")
        .contains("missing: lgtm.grafana.cloud.instance.id, lgtm.grafana.cloud.token");
  }

  @Test
  void secretValuesNeverAppearInProblemsEvenWhenTheyAreTheProblem() {
    System.setProperty("lgtm.basic.auth.user", "alice:s3cr3t");
    System.setProperty("lgtm.basic.auth.token", "tok3n");
    LgtmConfigException e = catchThrowableOfType(LgtmConfigException.class, Lgtm::init);
    assertThat(e.getMessage()).contains("contains ':'").doesNotContain("tok3n");
  }

  @Test
  void problemsOnlyAutoconfigureDetectsAreReportedAsLgtmConfigExceptionWithoutSecrets() {
    System.setProperty("otel.exporter.otlp.headers", "X-Key=sup3rs3cret");
    assertThatThrownBy(
            () -> Lgtm.builder().setProperty("otel.traces.sampler", "sometimes-sup3rs3cret").setRuntimeMetrics(false).init())
        .isInstanceOf(LgtmConfigException.class)
        .hasMessageContaining("otel.traces.sampler")
        .hasMessageNotContaining("sup3rs3cret");
    assertThat(GlobalOpenTelemetry.isSet()).isFalse();
  }

  @Test
  void disabledSkipsValidationOfEverythingElse() {
    try (LgtmHandle h = Lgtm.builder().setEnabled(false).setEndpoint("localhost:4318").init()) {
      assertThat(h.isEnabled()).isFalse();
    }
  }
}
