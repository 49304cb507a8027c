package io.github.lgtmbootstrap.testkit.container;

import io.github.lgtmbootstrap.testkit.internal.ConfigLookup;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * The container backend's settings, read once from the {@code lgtm.testkit.container.*} keys and validated
 * together.
 *
 * @param image the grafana/otel-lgtm image (with tag) to run
 * @param reuse whether our reuse key asks to keep the container for the next run
 * @param startupTimeout how long the stack may take to start and become ready
 */
record ContainerConfig(String image, boolean reuse, Duration startupTimeout) {

  /** The shortest startup deadline accepted: the stack needs 30 s to over a minute on a busy CI machine. */
  static final Duration MIN_STARTUP_TIMEOUT = Duration.ofMinutes(2);

  /**
   * Reads the settings.
   *
   * @param lookup key to configured value and origin (system property, then environment)
   * @throws ExtensionConfigurationException listing every invalid setting
   */
  static ContainerConfig read(Function<String, Optional<ConfigLookup.Setting>> lookup) {
    List<String> problems = new ArrayList<>();
    String image = lookup.apply(ContainerBackend.IMAGE_KEY).map(s -> s.value().trim())
        .orElse(ContainerBackend.DEFAULT_IMAGE);
    if (!image.matches("[A-Za-z0-9][A-Za-z0-9._/:@-]*")) {
      problems.add(ContainerBackend.IMAGE_KEY + " '" + image + "' is not an image name; use such as "
          + ContainerBackend.DEFAULT_IMAGE);
    }
    boolean reuse = false;
    Optional<ConfigLookup.Setting> reuseSetting = lookup.apply(ContainerBackend.REUSE_KEY);
    if (reuseSetting.isPresent()) {
      String value = reuseSetting.get().value().trim().toLowerCase(Locale.ROOT);
      if (value.equals("true") || value.equals("false")) {
        reuse = Boolean.parseBoolean(value);
      } else {
        problems.add(reuseSetting.get().origin() + " '" + reuseSetting.get().value() + "' is not true or false");
      }
    }
    Duration startupTimeout = ContainerBackend.DEFAULT_STARTUP_TIMEOUT;
    Optional<ConfigLookup.Setting> timeoutSetting = lookup.apply(ContainerBackend.STARTUP_TIMEOUT_KEY);
    if (timeoutSetting.isPresent()) {
      try {
        startupTimeout = ConfigLookup.parseDuration(timeoutSetting.get());
        if (startupTimeout.compareTo(MIN_STARTUP_TIMEOUT) < 0) {
          problems.add(timeoutSetting.get().origin() + " '" + timeoutSetting.get().value() + "' is below "
              + "2 minutes; grafana/otel-lgtm can take over a minute to start on a busy machine, use at least 2m");
        }
      } catch (ExtensionConfigurationException e) {
        problems.add(e.getMessage());
      }
    }
    if (!problems.isEmpty()) {
      throw new ExtensionConfigurationException("Invalid container backend settings:\n  - "
          + String.join("\n  - ", problems));
    }
    return new ContainerConfig(image, reuse, startupTimeout);
  }
}
