package io.github.lgtmbootstrap.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lgtmbootstrap.testkit.TestSdk.Encoding;
import io.github.lgtmbootstrap.testkit.embedded.EmbeddedBackend;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A user's class path without the optional Netty (surefire execution {@code without-grpc}): the embedded backend
 * starts and works as before, and asking for gRPC says which dependency to add.
 */
class WithoutGrpcTest {

  private static volatile OpenTelemetrySdk sdk;

  @RegisterExtension
  static final LgtmExtension LGTM = LgtmExtension.builder()
      .setTimeout(Duration.ofSeconds(10))
      .addSdk(() -> sdk)
      .build();

  @AfterEach
  void closeSdk() {
    if (sdk != null) {
      sdk.close();
      sdk = null;
    }
  }

  @Test
  void nettyIsReallyAbsent() {
    assertThat(EmbeddedBackend.isGrpcAvailable()).isFalse();
    assertThatThrownBy(() -> Class.forName("io.netty.channel.Channel")).isInstanceOf(ClassNotFoundException.class);
  }

  @Test
  void theExtensionsEmbeddedBackendWorksOverHttp(LgtmBackend lgtm) {
    sdk = TestSdk.create(lgtm.otlpEndpoint(), Encoding.PROTOBUF, "no-grpc");
    sdk.getTracer("t").spanBuilder("overHttp").startSpan().end();

    lgtm.assertTraces().hasSpan("overHttp");
    assertThat(lgtm.otlpGrpcEndpoint()).isEmpty();
    assertThat(lgtm.exporterProperties("http/json")).containsEntry("otel.exporter.otlp.protocol", "http/json")
        .containsEntry("otel.exporter.otlp.endpoint", lgtm.otlpEndpoint());
  }

  @Test
  void askingForGrpcNamesTheDependencyToAdd(LgtmBackend lgtm) {
    assertThatThrownBy(() -> lgtm.exporterEnvironment("grpc"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("No OTLP/gRPC endpoint")
        .hasMessageContaining(EmbeddedBackend.GRPC_DEPENDENCY);
    assertThatThrownBy(() -> EmbeddedBackend.builder().setGrpcPort(0).start())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("needs io.netty:netty-codec-http2 on the class path");
  }
}
