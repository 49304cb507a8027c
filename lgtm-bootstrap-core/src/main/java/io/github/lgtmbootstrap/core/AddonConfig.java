package io.github.lgtmbootstrap.core;

import java.util.Optional;

/**
 * The effective configuration as an {@link LgtmAddon} sees it, resolved with the same precedence as every other
 * key (builder {@code setProperty}, then system properties, then environment variables, then defaults).
 *
 * <p>Handed to {@link LgtmAddon#validate(AddonConfig)} before anything is built, and available in
 * {@link LgtmAddon#install(AddonContext)} through {@link AddonContext}, which extends it.
 *
 * <pre>{@code
 * public List<String> validate(AddonConfig config) {
 *   return config.getString("lgtm.my-addon.mode")
 *       .filter(m -> !m.equals("fast") && !m.equals("safe"))
 *       .map(m -> List.of("lgtm.my-addon.mode '" + m + "' is not a mode; use fast or safe"))
 *       .orElse(List.of());
 * }
 * }</pre>
 */
public interface AddonConfig {

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
   * @throws IllegalArgumentException naming the key, the value and where it came from when it is neither
   *     {@code true} nor {@code false}
   */
  boolean getBoolean(String key, boolean defaultValue);
}
