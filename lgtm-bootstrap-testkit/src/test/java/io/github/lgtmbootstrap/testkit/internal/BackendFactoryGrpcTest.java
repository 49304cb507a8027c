package io.github.lgtmbootstrap.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/** {@code lgtm.testkit.grpc}: auto, true or false, against Netty present or absent. */
class BackendFactoryGrpcTest {

  private static Optional<ConfigLookup.Setting> set(String value) {
    return Optional.of(new ConfigLookup.Setting(value, "system property lgtm.testkit.grpc"));
  }

  @Test
  void autoServesGrpcExactlyWhenNettyIsPresent() {
    assertThat(BackendFactory.grpcUnavailableReason(Optional.empty(), true)).isNull();
    assertThat(BackendFactory.grpcUnavailableReason(set(" AUTO "), true)).isNull();
    assertThat(BackendFactory.grpcUnavailableReason(Optional.empty(), false))
        .contains("needs io.netty:netty-codec-http2 (4.1.x or 4.2.x) on the test class path");
  }

  @Test
  void falseTurnsItOffAndSaysWhere() {
    assertThat(BackendFactory.grpcUnavailableReason(set("false"), true))
        .isEqualTo("OTLP/gRPC is turned off by system property lgtm.testkit.grpc=false");
  }

  @Test
  void trueWithoutNettyFailsNamingTheDependency() {
    assertThat(BackendFactory.grpcUnavailableReason(set("true"), true)).isNull();
    assertThatThrownBy(() -> BackendFactory.grpcUnavailableReason(set("true"), false))
        .isInstanceOf(ExtensionConfigurationException.class)
        .hasMessageStartingWith("system property lgtm.testkit.grpc=true: OTLP/gRPC on the embedded backend needs "
            + "io.netty:netty-codec-http2");
  }

  @Test
  void anotherValueFailsListingTheValidOnes() {
    assertThatThrownBy(() -> BackendFactory.grpcUnavailableReason(set("yes"), true))
        .isInstanceOf(ExtensionConfigurationException.class)
        .hasMessageContaining("'yes' is not valid; use auto")
        .hasMessageContaining("true or false");
  }
}
