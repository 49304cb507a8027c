package io.github.lgtmbootstrap.testkit.internal;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/** The values of {@code lgtm.testkit.backend}. Not API. */
public enum BackendKind {
  /** The in-JVM OTLP receiver and store. */
  EMBEDDED,
  /** The grafana/otel-lgtm image via Testcontainers (issue 6). */
  CONTAINER,
  /** An LGTM stack that is already running (issue 6). */
  EXTERNAL,
  /** Container when Docker is available, otherwise embedded (issue 6). */
  AUTO;

  /**
   * The value as written in configuration.
   *
   * @return lowercase name
   */
  public String configValue() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Every allowed value, for error messages.
   *
   * @return such as {@code embedded, container, external, auto}
   */
  public static String allowedValues() {
    return Arrays.stream(values()).map(BackendKind::configValue).collect(Collectors.joining(", "));
  }

  /**
   * Parses a configured value.
   *
   * @param value the text, case-insensitive, surrounding blanks ignored
   * @param origin where it came from, for the error message
   * @return the kind
   * @throws ExtensionConfigurationException naming the value, its origin and the allowed values
   */
  public static BackendKind parse(String value, String origin) {
    String normalised = value.trim().toLowerCase(Locale.ROOT);
    for (BackendKind kind : values()) {
      if (kind.configValue().equals(normalised)) {
        return kind;
      }
    }
    throw new ExtensionConfigurationException(origin + " '" + value + "' is not a backend kind; use one of: "
        + allowedValues());
  }
}
