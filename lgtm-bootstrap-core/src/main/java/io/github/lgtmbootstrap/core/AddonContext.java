package io.github.lgtmbootstrap.core;

import io.opentelemetry.api.OpenTelemetry;
import java.util.Optional;

/**
 * What {@code Lgtm.init()} hands an {@link LgtmAddon}: the OpenTelemetry instance it built and the effective
 * configuration, resolved with the same precedence as everything else (builder, then system properties, then
 * environment variables, then defaults).
 */
public interface AddonContext {

  /**
   * The OpenTelemetry instance built by {@code Lgtm.init()}.
   *
   * @return the SDK-backed OpenTelemetry
   */
  OpenTelemetry openTelemetry();

  /**
   * Looks up a configuration value by its property key ({@code lgtm.logback.mdc}); the environment variable
   * form ({@code LGTM_LOGBACK_MDC}) is consulted too.
   *
   * @param key property key
   * @return the value, if set anywhere
   */
  Optional<String> getString(String key);

  /**
   * Looks up a boolean configuration value.
   *
   * @param key property key
   * @param defaultValue value when the key is not set
   * @return the value
   * @throws IllegalArgumentException naming the key and the value when it is neither {@code true} nor
   *     {@code false}
   */
  boolean getBoolean(String key, boolean defaultValue);
}
