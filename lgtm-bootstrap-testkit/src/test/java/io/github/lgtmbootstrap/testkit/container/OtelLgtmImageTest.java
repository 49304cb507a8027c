package io.github.lgtmbootstrap.testkit.container;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The pinned image and the Tempo configuration the container backend copies into it. */
class OtelLgtmImageTest {

  @Test
  void thePinnedImageIsTheDefaultOne() {
    assertThat(ContainerBackend.DEFAULT_IMAGE).isEqualTo(OtelLgtmImage.PINNED).isEqualTo("grafana/otel-lgtm:0.31.0");
  }

  @Test
  void tempoConfigTurnsTheSearchCutoffOffAndKeepsTheImagesPortsAndStorage() {
    String config = new String(OtelLgtmImage.tempoConfig(), StandardCharsets.UTF_8);
    assertThat(config)
        .contains("query_frontend:\n  query_end_cutoff: 0s\n")
        .contains("http_listen_port: 3200")
        .contains("path: /data/tempo/wal")
        .contains("url: http://127.0.0.1:9090/api/v1/write");
    assertThat(OtelLgtmImage.TEMPO_CONFIG_PATH).isEqualTo("/otel-lgtm/tempo-config.yaml");
  }

  @Test
  void imagesBeforeTempo3KeepTheirOwnTempoConfig() {
    assertThat(OtelLgtmImage.takesTempoConfig("grafana/otel-lgtm:0.28.0")).isFalse();
    assertThat(OtelLgtmImage.takesTempoConfig("grafana/otel-lgtm:v0.11.4")).isFalse();
    assertThat(OtelLgtmImage.takesTempoConfig("mirror.example:5000/otel-lgtm:0.20.1@sha256:abc")).isFalse();
  }

  @Test
  void tempo3VersionsAndUnversionedImagesTakeIt() {
    assertThat(OtelLgtmImage.takesTempoConfig(OtelLgtmImage.PINNED)).isTrue();
    assertThat(OtelLgtmImage.takesTempoConfig("grafana/otel-lgtm:0.29.0")).isTrue();
    assertThat(OtelLgtmImage.takesTempoConfig("grafana/otel-lgtm:1.2.3-rc.1")).isTrue();
    assertThat(OtelLgtmImage.takesTempoConfig("grafana/otel-lgtm")).isTrue();
    assertThat(OtelLgtmImage.takesTempoConfig("grafana/otel-lgtm:latest")).isTrue();
    assertThat(OtelLgtmImage.takesTempoConfig("mirror.example:5000/otel-lgtm")).isTrue();
    assertThat(OtelLgtmImage.takesTempoConfig("localhost/otel-lgtm-standin:3f2a9c")).isTrue();
    assertThat(OtelLgtmImage.takesTempoConfig("grafana/otel-lgtm:99999999.1.1")).isTrue();
  }
}
