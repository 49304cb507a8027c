package com.example.legacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.lgtmbootstrap.core.Lgtm;
import io.github.lgtmbootstrap.core.LgtmConfigException;
import org.junit.jupiter.api.Test;

class MismatchTest {

  @Test
  void initNamesEachOlderArtifactAndTheFix() {
    LgtmConfigException e = catchThrowableOfType(LgtmConfigException.class, Lgtm::init);

    assertThat(e).as("Lgtm.init() with opentelemetry-bom 1.49.0 imported first").isNotNull();
    assertThat(e.problems()).hasSize(1);
    assertThat(e.getMessage())
        .contains("the OpenTelemetry jars on the class path do not match the ones lgtm-bootstrap")
        .contains("io.opentelemetry:opentelemetry-api: found 1.49.0, needs 1.68.0 or newer")
        .contains("io.opentelemetry:opentelemetry-sdk: found 1.49.0, needs 1.68.0 or newer")
        .contains("io.opentelemetry:opentelemetry-exporter-otlp: found 1.49.0, needs 1.68.0 or newer")
        .contains("io.opentelemetry:opentelemetry-api-incubator: found 1.68.0-alpha, needs the release of the "
            + "group's API (1.49.0)")
        .contains("Fix: import io.github.lgtmbootstrap:lgtm-bootstrap-bom:")
        .contains("first in <dependencyManagement>, before any other BOM that manages OpenTelemetry");
  }
}
