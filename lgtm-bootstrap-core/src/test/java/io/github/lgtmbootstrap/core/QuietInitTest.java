package io.github.lgtmbootstrap.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lgtmbootstrap.core.support.CaptureServer;
import io.github.lgtmbootstrap.core.support.LgtmTestSupport;
import io.github.lgtmbootstrap.core.support.LgtmTestSupport.JulCapture;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.resources.Resource;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A first run says one line (ours) and nothing from the SDK about how it assembled the resource. */
@ExtendWith(LgtmTestSupport.class)
class QuietInitTest {

  private static final AttributeKey<String> INSTANCE_ID = AttributeKey.stringKey("service.instance.id");

  @Test
  void initLogsNoSchemaUrlMergeLineAndStillSetsAServiceInstanceId() throws Exception {
    try (CaptureServer server = new CaptureServer();
        JulCapture jul = new JulCapture("io.opentelemetry", "io.github.lgtmbootstrap");
        LgtmHandle h = Lgtm.builder().setEndpoint(server.endpoint()).setRuntimeMetrics(false).init()) {
      assertThat(jul.records())
          .extracting(LogRecord::getMessage)
          .noneMatch(m -> m.contains("schemaUrl"));
      assertThat(jul.records())
          .filteredOn(r -> r.getLoggerName().startsWith("io.opentelemetry"))
          .filteredOn(r -> r.getLevel().intValue() >= Level.INFO.intValue())
          .as("the SDK says nothing at INFO or above on a good init")
          .isEmpty();
      Resource resource = h.runtime().resource();
      assertThat(resource.getAttribute(INSTANCE_ID)).as("autoconfigure's instance id, now ours").isNotBlank();
      assertThat(resource.getAttribute(AttributeKey.stringKey("host.name"))).isNotBlank();
      assertThat(resource.getAttribute(AttributeKey.stringKey("process.runtime.name"))).isNotBlank();
    }
  }

  @Test
  void aServiceNameOfTheUsersAddsNoSchemaUrlMergeLineEither() throws Exception {
    // otel.service.name becomes a "service" entity with schema 1.40.0 in autoconfigure, which clashed with the
    // 1.24.0 of the host/OS/process detectors: the line every app that names itself printed.
    try (CaptureServer server = new CaptureServer();
        JulCapture jul = new JulCapture("io.opentelemetry", "io.github.lgtmbootstrap");
        LgtmHandle h =
            Lgtm.builder()
                .setEndpoint(server.endpoint())
                .setRuntimeMetrics(false)
                .setServiceName("named-app")
                .setProperty("otel.resource.attributes", "team=shop")
                .init()) {
      assertThat(jul.records()).extracting(LogRecord::getMessage).noneMatch(m -> m.contains("schemaUrl"));
      Resource resource = h.runtime().resource();
      assertThat(resource.getAttribute(AttributeKey.stringKey("service.name"))).isEqualTo("named-app");
      assertThat(resource.getAttribute(AttributeKey.stringKey("team"))).isEqualTo("shop");
      assertThat(resource.getAttribute(AttributeKey.stringKey("host.name"))).as("detectors still run").isNotBlank();
      assertThat(resource.getAttribute(AttributeKey.stringKey("os.type"))).isNotBlank();
      assertThat(resource.getAttribute(AttributeKey.stringKey("process.pid"))).isNull();
      assertThat(resource.getAttribute(AttributeKey.longKey("process.pid"))).isPositive();
      assertThat(resource.getAttribute(AttributeKey.stringKey("process.runtime.name"))).isNotBlank();
    }
  }

  @Test
  void aUserWhoSwitchesTheInstanceIdProviderOffGetsNoInstanceIdAndKeepsTheirOwnList() throws Exception {
    try (CaptureServer server = new CaptureServer();
        LgtmHandle h =
            Lgtm.builder()
                .setEndpoint(server.endpoint())
                .setRuntimeMetrics(false)
                .setProperty(
                    "otel.java.disabled.resource.providers",
                    "io.opentelemetry.instrumentation.resources.HostResourceProvider,"
                        + "io.opentelemetry.sdk.autoconfigure.ServiceInstanceIdResourceProvider")
                .init()) {
      Resource resource = h.runtime().resource();
      assertThat(resource.getAttribute(INSTANCE_ID)).isNull();
      assertThat(resource.getAttribute(AttributeKey.stringKey("host.name"))).as("the user's own list").isNull();
    }
  }

  @Test
  void anInstanceIdFromTheUsersResourceAttributesIsKept() throws Exception {
    try (CaptureServer server = new CaptureServer();
        LgtmHandle h =
            Lgtm.builder()
                .setEndpoint(server.endpoint())
                .setRuntimeMetrics(false)
                .setProperty("otel.resource.attributes", "service.instance.id=pod-7")
                .init()) {
      assertThat(h.runtime().resource().getAttribute(INSTANCE_ID)).isEqualTo("pod-7");
    }
  }
}
