package io.github.lgtmbootstrap.testkit.internal;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * Reads the testkit's {@code lgtm.*} keys: system property first, then the environment variable. Not API.
 *
 * <p>Keys are all-dotted ({@code lgtm.testkit.external.otlp.endpoint}). As OpenTelemetry's autoconfigure does, a
 * system property is found whatever its case and whether its words are joined by {@code -} or {@code .}
 * ({@code lgtm.testkit.external.otlp-endpoint} works too; the exact spelling wins when several are set), and the
 * environment variable is the key in upper case with {@code _} for {@code .} and {@code -}
 * ({@code LGTM_TESTKIT_EXTERNAL_OTLP_ENDPOINT}).
 */
public final class ConfigLookup {

  private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)?");

  private ConfigLookup() {}

  /**
   * Looks a key up as a system property (any spelling that {@link #normalize normalizes} to the key), then as an
   * environment variable ({@code lgtm.testkit.backend} becomes {@code LGTM_TESTKIT_BACKEND}).
   *
   * @param key the dotted key
   * @return the non-blank value and where it came from, naming the property or variable as the user spelled it
   */
  public static Optional<Setting> lookup(String key) {
    return lookup(key, System.getProperties(), System.getenv());
  }

  /**
   * Same as {@link #lookup(String)} over the given properties and environment.
   *
   * @param key the dotted key
   * @param properties system properties
   * @param environment environment variables
   * @return the non-blank value and where it came from
   */
  static Optional<Setting> lookup(String key, Properties properties, Map<String, String> environment) {
    String property = properties.getProperty(key);
    if (property != null && !property.isBlank()) {
      return Optional.of(new Setting(property, "system property " + key));
    }
    String wanted = normalize(key);
    Optional<Setting> spelledOtherwise = new TreeSet<>(properties.stringPropertyNames()).stream()
        .filter(name -> !name.equals(key) && normalize(name).equals(wanted))
        .map(name -> new Setting(properties.getProperty(name), "system property " + name))
        .filter(setting -> !setting.value().isBlank())
        .findFirst();
    if (spelledOtherwise.isPresent()) {
      return spelledOtherwise;
    }
    String variable = environmentName(key);
    String value = environment.get(variable);
    if (value != null && !value.isBlank()) {
      return Optional.of(new Setting(value, "environment variable " + variable));
    }
    return Optional.empty();
  }

  /**
   * A property key as autoconfigure compares it: lower case, {@code -} read as {@code .}.
   *
   * @param key a property key
   * @return the normalized key
   */
  public static String normalize(String key) {
    return key.toLowerCase(Locale.ROOT).replace('-', '.');
  }

  /**
   * The environment variable name of a key.
   *
   * @param key the dotted key
   * @return upper case with underscores
   */
  public static String environmentName(String key) {
    return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  /**
   * Parses a duration as OpenTelemetry and core's {@code lgtm.*} keys do ({@code 500ms}, {@code 10s}, {@code 2m},
   * {@code 1h}, {@code 1d}; a bare number is milliseconds; any case, spaces allowed before the unit) or ISO-8601
   * ({@code PT10S}): one format across the project.
   *
   * @param setting the value and its origin
   * @return the positive duration
   * @throws ExtensionConfigurationException naming the value, its origin and the accepted forms
   */
  public static Duration parseDuration(Setting setting) {
    String text = setting.value().trim().toLowerCase(Locale.ROOT);
    Matcher matcher = DURATION.matcher(text);
    try {
      Duration duration;
      if (matcher.matches()) {
        long amount = Long.parseLong(matcher.group(1));
        String unit = matcher.group(2) == null ? "ms" : matcher.group(2);
        duration = switch (unit) {
          case "s" -> Duration.ofSeconds(amount);
          case "m" -> Duration.ofMinutes(amount);
          case "h" -> Duration.ofHours(amount);
          case "d" -> Duration.ofDays(amount);
          default -> Duration.ofMillis(amount);
        };
      } else {
        duration = Duration.parse(text.toUpperCase(Locale.ROOT));
      }
      if (!duration.isNegative() && !duration.isZero()) {
        return duration;
      }
    } catch (RuntimeException notADuration) {
      // falls through to the message below, which names every accepted form
    }
    throw new ExtensionConfigurationException(setting.origin() + " '" + setting.value()
        + "' is not a positive duration; use such as 500ms, 10s, 2m, 1h or PT10S");
  }

  /**
   * A configured value and where it came from.
   *
   * @param value the raw text
   * @param origin such as {@code system property lgtm.testkit.backend}
   */
  public record Setting(String value, String origin) {}
}
