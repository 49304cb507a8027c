package io.github.lgtmbootstrap.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lgtmbootstrap.core.support.LgtmTestSupport;
import io.github.lgtmbootstrap.core.support.LgtmTestSupport.JulCapture;
import io.github.lgtmbootstrap.core.support.TestAddons;
import io.opentelemetry.api.GlobalOpenTelemetry;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LgtmTestSupport.class)
class AddonTest {

  @BeforeEach
  void reset() {
    TestAddons.EVENTS.clear();
  }

  @Test
  void addonsOnTheClassPathAreInstalledWithConfigAndUninstalledOnClose() {
    System.setProperty("lgtm.recording.flag", "true");
    try (JulCapture jul = new JulCapture("io.github.lgtmbootstrap");
        LgtmHandle h =
            Lgtm.builder()
                .setOtlpEnabled(false)
                .setRuntimeMetrics(false)
                .setProperty("lgtm.recording.greeting", "hi")
                .init()) {
      assertThat(TestAddons.EVENTS)
          .containsExactly("recording:validate", "recording:install greeting=hi flag=true sdk=true");
      assertThat(h.toString()).contains("addons=[recording]");
      assertThat(jul.records())
          .as("the failing add-on is reported by name and does not stop init")
          .anySatisfy(r -> assertThat(r.getMessage()).contains("add-on 'failing' failed to install"));
    }
    assertThat(TestAddons.EVENTS).last().isEqualTo("recording:uninstall");
  }

  @Test
  void badAddonConfigFailsInitTogetherWithCoreProblemsBeforeAnythingIsRegistered() {
    System.setProperty("lgtm.recording.greeting", "shout");
    assertThatThrownBy(
            () ->
                Lgtm.builder()
                    .setRuntimeMetrics(false)
                    .setProperty("otel.exporter.otlp.endpoint", "localhost:4318")
                    .init())
        .isInstanceOfSatisfying(
            LgtmConfigException.class,
            e ->
                assertThat(e.problems())
                    .hasSize(2)
                    .anySatisfy(p -> assertThat(p).startsWith("otel.exporter.otlp.endpoint 'localhost:4318'"))
                    .contains("add-on 'recording': lgtm.recording.greeting 'shout' is too loud; use hi"));
    assertThat(GlobalOpenTelemetry.isSet()).as("nothing registered globally").isFalse();
    assertThat(TestAddons.EVENTS).as("validated, never installed").containsExactly("recording:validate");
  }

  @Test
  void anAddonsGetBooleanOnABadValueBecomesOneProblemNamingKeyValueAndSource() {
    assertThatThrownBy(
            () ->
                Lgtm.builder()
                    .setOtlpEnabled(false)
                    .setRuntimeMetrics(false)
                    .setProperty("lgtm.recording.flag", "maybe")
                    .init())
        .isInstanceOfSatisfying(
            LgtmConfigException.class,
            e ->
                assertThat(e.problems())
                    .containsExactly(
                        "add-on 'recording': lgtm.recording.flag 'maybe' (builder) is not a boolean; use true or false"));
    assertThat(GlobalOpenTelemetry.isSet()).isFalse();
  }

  @Test
  void aDisabledAddonIsNotValidated() {
    System.setProperty("lgtm.addons.disabled", "recording");
    try (LgtmHandle h =
        Lgtm.builder()
            .setOtlpEnabled(false)
            .setRuntimeMetrics(false)
            .setProperty("lgtm.recording.greeting", "shout")
            .init()) {
      assertThat(h.isEnabled()).isTrue();
      assertThat(TestAddons.EVENTS).isEmpty();
    }
  }

  @Test
  void addonsCanBeDisabledByName() {
    System.setProperty("lgtm.addons.disabled", "recording, failing");
    try (LgtmHandle h =
        Lgtm.builder().setOtlpEnabled(false).setRuntimeMetrics(false).setShutdownTimeout(Duration.ofSeconds(1)).init()) {
      assertThat(TestAddons.EVENTS).isEmpty();
    }
  }
}
