package io.github.lgtmbootstrap.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The production-safe defaults: the shutdown bound per profile and the flush MBean's switch. */
class ProductionDefaultsTest {

  private static Settings resolve(Map<String, String> builder, Map<String, String> environment) {
    String profile = builder.getOrDefault("lgtm.profile", Defaults.DEV);
    return Settings.resolve(
        LayeredConfig.of(builder, new Properties(), environment, Map.of())
            .withDefaults(Defaults.forProfile(profile)));
  }

  @Test
  void productionWaitsLongerForItsLastBatchThanDev() {
    assertThat(resolve(Map.of(), Map.of()).shutdownTimeout()).isEqualTo(Duration.ofSeconds(1));
    assertThat(resolve(Map.of("lgtm.profile", "production"), Map.of()).shutdownTimeout())
        .isEqualTo(Duration.ofSeconds(5));
    assertThat(
            resolve(Map.of("lgtm.profile", "production"), Map.of("LGTM_SHUTDOWN_TIMEOUT", "2s")).shutdownTimeout())
        .as("a value set by the user wins over the profile")
        .isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void theFlushMBeanSwitchDefaultsToTheTestRunnerAndObeysAnExplicitValue() {
    assertThat(resolve(Map.of(), Map.of()).jmxEnabled()).isEqualTo(TestRunner.detected()).isTrue();
    assertThat(resolve(Map.of("lgtm.jmx.enabled", "false"), Map.of()).jmxEnabled()).isFalse();
    assertThat(resolve(Map.of(), Map.of("LGTM_JMX_ENABLED", "true")).jmxEnabled()).isTrue();
    assertThat(resolve(Map.of(), Map.of()).toString()).contains("flushMBean=on");
    assertThat(resolve(Map.of("lgtm.jmx.enabled", "false"), Map.of()).toString()).doesNotContain("flushMBean");
  }
}
