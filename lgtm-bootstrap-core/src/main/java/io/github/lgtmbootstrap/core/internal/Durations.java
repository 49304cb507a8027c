package io.github.lgtmbootstrap.core.internal;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses durations in OpenTelemetry's configuration format ({@code 500} = milliseconds, {@code 500ms}, {@code 2s},
 * {@code 1m}, {@code 1h}, {@code 1d}) and ISO-8601 ({@code PT2S}). Used to validate before autoconfigure reads the
 * same value and to read our own keys.
 */
public final class Durations {

  private static final Pattern SIMPLE = Pattern.compile("(-?\\d+)\\s*(ms|s|m|h|d)?");

  private Durations() {}

  /**
   * Parses a duration.
   *
   * @param text the configured value
   * @return the duration (may be negative; callers check ranges)
   * @throws IllegalArgumentException when the text is not a duration
   */
  public static Duration parse(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    Matcher m = SIMPLE.matcher(t);
    if (m.matches()) {
      long n;
      try {
        n = Long.parseLong(m.group(1));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("number out of range", e);
      }
      String unit = m.group(2) == null ? "ms" : m.group(2);
      switch (unit) {
        case "ms":
          return Duration.ofMillis(n);
        case "s":
          return Duration.ofSeconds(n);
        case "m":
          return Duration.ofMinutes(n);
        case "h":
          return Duration.ofHours(n);
        default:
          return Duration.ofDays(n);
      }
    }
    if (t.startsWith("pt") || t.startsWith("-pt") || t.startsWith("p")) {
      try {
        return Duration.parse(text.trim());
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException("not a duration", e);
      }
    }
    throw new IllegalArgumentException("not a duration");
  }

  /** The duration in the format autoconfigure reads: whole milliseconds. */
  public static String toConfigValue(Duration d) {
    return d.toMillis() + "ms";
  }
}
