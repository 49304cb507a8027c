package io.github.lgtmbootstrap.core.internal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * One immutable view of the configuration with the precedence builder &gt; system property &gt; environment
 * variable &gt; default. Keys are normalised the way OpenTelemetry's autoconfigure normalises them (lower case,
 * {@code -} becomes {@code .}; environment {@code OTEL_SERVICE_NAME} becomes {@code otel.service.name}), so that
 * what we validate is what autoconfigure will read.
 */
public final class LayeredConfig {

  private final Map<String, String> builder;
  private final Map<String, String> system;
  private final Map<String, String> env;
  private final Map<String, String> defaults;

  private LayeredConfig(
      Map<String, String> builder,
      Map<String, String> system,
      Map<String, String> env,
      Map<String, String> defaults) {
    this.builder = builder;
    this.system = system;
    this.env = env;
    this.defaults = defaults;
  }

  /**
   * Snapshot of the given layers.
   *
   * @param builder values set on the builder (highest precedence)
   * @param systemProperties JVM system properties
   * @param environment environment variables
   * @param defaults our defaults (lowest precedence)
   */
  public static LayeredConfig of(
      Map<String, String> builder,
      Properties systemProperties,
      Map<String, String> environment,
      Map<String, String> defaults) {
    Map<String, String> sys = new LinkedHashMap<>();
    for (String name : systemProperties.stringPropertyNames()) {
      sys.put(normalizeProperty(name), systemProperties.getProperty(name));
    }
    Map<String, String> envMap = new LinkedHashMap<>();
    environment.forEach((k, v) -> envMap.put(normalizeEnv(k), v));
    return new LayeredConfig(
        normalizeAll(builder), Map.copyOf(sys), Map.copyOf(envMap), normalizeAll(defaults));
  }

  /** The same user layers with other defaults (the profile decides the defaults). */
  public LayeredConfig withDefaults(Map<String, String> newDefaults) {
    return new LayeredConfig(builder, system, env, normalizeAll(newDefaults));
  }

  /** Property-key normalisation as autoconfigure does it. */
  public static String normalizeProperty(String key) {
    return key.toLowerCase(Locale.ROOT).replace('-', '.');
  }

  /** Environment-variable-name normalisation as autoconfigure does it. */
  public static String normalizeEnv(String name) {
    return name.toLowerCase(Locale.ROOT).replace('_', '.');
  }

  /** The environment-variable spelling of a key, for messages: {@code lgtm.enabled} -> {@code LGTM_ENABLED}. */
  public static String envName(String key) {
    return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  private static Map<String, String> normalizeAll(Map<String, String> map) {
    Map<String, String> out = new LinkedHashMap<>();
    map.forEach((k, v) -> out.put(normalizeProperty(k), v));
    return Collections.unmodifiableMap(out);
  }

  /** The effective value, blank values counting as unset (as in autoconfigure). */
  public Optional<String> get(String key) {
    String k = normalizeProperty(key);
    for (Map<String, String> layer : List.of(builder, system, env, defaults)) {
      String v = layer.get(k);
      if (v != null && !v.isBlank()) {
        return Optional.of(v.trim());
      }
    }
    return Optional.empty();
  }

  /** Whether the user (builder, system property or environment) set the key, as opposed to our default. */
  public boolean isUserSet(String key) {
    String k = normalizeProperty(key);
    return nonBlank(builder.get(k)) || nonBlank(system.get(k)) || nonBlank(env.get(k));
  }

  /** Where the effective value comes from, for error messages: "builder", "system property", ... */
  public String sourceOf(String key) {
    String k = normalizeProperty(key);
    if (nonBlank(builder.get(k))) {
      return "builder";
    }
    if (nonBlank(system.get(k))) {
      return "system property";
    }
    if (nonBlank(env.get(k))) {
      return "environment variable " + envName(k);
    }
    return "default";
  }

  private static boolean nonBlank(String s) {
    return s != null && !s.isBlank();
  }

  /** Values set on the builder, normalised. */
  public Map<String, String> builderLayer() {
    return builder;
  }

  /** Our defaults, normalised. */
  public Map<String, String> defaultLayer() {
    return defaults;
  }

  /**
   * The effective values of every {@code otel.*} and {@code lgtm.*} key in any layer; used to decide whether a
   * second {@code init()} asks for the same thing as the first.
   */
  public Map<String, String> effectiveRelevant() {
    Set<String> keys = new TreeSet<>();
    for (Map<String, String> layer : List.of(builder, system, env, defaults)) {
      for (String k : layer.keySet()) {
        if (k.startsWith("otel.") || k.startsWith("lgtm.")) {
          keys.add(k);
        }
      }
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (String k : keys) {
      get(k).ifPresent(v -> out.put(k, v));
    }
    return out;
  }

  /** Keys that hold secrets: their values are never shown. */
  public static boolean isSecretKey(String key) {
    String k = normalizeProperty(key);
    if (k.endsWith(".user") || k.endsWith(".instance.id")) {
      return false;
    }
    return k.contains("headers")
        || k.contains("token")
        || k.contains("password")
        || k.contains("secret")
        || k.endsWith(".key")
        || k.contains("api.key")
        || k.contains("auth");
  }

  /** The value as it may be shown: secrets become {@code ***}. */
  public static String shown(String key, String value) {
    if (isSecretKey(key)) {
      return "***";
    }
    if (normalizeProperty(key).endsWith(".user") && value.indexOf(':') >= 0) {
      return value.substring(0, value.indexOf(':')) + ":***"; // a password pasted after the user
    }
    if (isUrlKey(key) && value.indexOf('@') > 0) {
      // An endpoint may carry user-info in any shape (no scheme, token only): hide all before the last '@'.
      int at = value.lastIndexOf('@');
      int scheme = value.indexOf("://");
      return (scheme >= 0 && scheme < at ? value.substring(0, scheme + 3) : "") + "***" + value.substring(at);
    }
    return redactUserInfo(value);
  }

  /** Keys whose value is a URL (which may carry user-info). */
  static boolean isUrlKey(String key) {
    String k = normalizeProperty(key);
    return k.endsWith("endpoint") || k.endsWith(".url");
  }

  /**
   * {@code https://user:pass@host/} (anywhere in the text, also {@code user:pass@host} without a scheme) becomes
   * {@code https://***@host/}; other text is returned as is. See {@link Redactor} for configured secrets.
   */
  public static String redactUserInfo(String value) {
    return Redactor.urlsOnly().redact(value);
  }
}
