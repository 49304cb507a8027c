package io.github.lgtmbootstrap.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lgtmbootstrap.core.support.LgtmTestSupport;
import io.github.lgtmbootstrap.core.support.LgtmTestSupport.JulCapture;
import io.github.lgtmbootstrap.core.support.TestAddons;
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
          .containsExactly("recording:install greeting=hi flag=true sdk=true");
      assertThat(h.toString()).contains("addons=[recording]");
      assertThat(jul.records())
          .as("the failing add-on is reported by name and does not stop init")
          .anySatisfy(r -> assertThat(r.getMessage()).contains("add-on 'failing' failed to install"));
    }
    assertThat(TestAddons.EVENTS).last().isEqualTo("recording:uninstall");
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
