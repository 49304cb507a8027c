package io.github.lgtmbootstrap.core.internal.console;

import io.opentelemetry.api.common.Attributes;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.StringJoiner;

/** Shared pieces of the one-line console format. */
final class ConsoleFormat {

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneId.systemDefault());
  private static final int MAX_VALUE = 120;

  private ConsoleFormat() {}

  static String time(long epochNanos) {
    return TIME.format(Instant.ofEpochSecond(0, epochNanos));
  }

  /** {@code {k=v, k2=v2}}, or empty when there are no attributes; long values are cut. */
  static String attributes(Attributes attributes) {
    if (attributes.isEmpty()) {
      return "";
    }
    StringJoiner j = new StringJoiner(", ", " {", "}");
    attributes.forEach((k, v) -> j.add(k.getKey() + "=" + oneLine(String.valueOf(v))));
    return j.toString();
  }

  /** Keeps every record on one line and short. */
  static String oneLine(String s) {
    String flat = s.replace('\n', ' ').replace('\r', ' ');
    return flat.length() > MAX_VALUE ? flat.substring(0, MAX_VALUE) + "..." : flat;
  }

  /** {@code s} followed by spaces up to {@code width} characters, like {@code %-5s} without a format parse. */
  static String padRight(String s, int width) {
    return s.length() >= width ? s : s + " ".repeat(width - s.length());
  }

  static String millis(long nanos) {
    double ms = nanos / 1_000_000.0;
    return ms >= 100 ? String.format("%.0fms", ms) : String.format("%.2fms", ms);
  }
}
