package io.github.lgtmbootstrap.logback.internal;

import java.util.List;

/** Names of loggers and classes that belong to OpenTelemetry or lgtm itself and must never loop back. */
final class LibraryLoggers {

  /** JUL logger names whose records stay on their original handlers instead of entering logback. */
  static final List<String> JUL_EXCLUDED = List.of("io.opentelemetry", "io.github.lgtmbootstrap");

  private LibraryLoggers() {}

  /** True for loggers of OpenTelemetry's SDK/exporters and lgtm's internals (they log on JUL; guard anyway). */
  static boolean isLibraryLogger(String name) {
    // Most names fail at the first character; this runs for every event.
    return name != null && !name.isEmpty() && name.charAt(0) == 'i'
        && (name.startsWith("io.opentelemetry.")
            || name.startsWith("io.github.lgtmbootstrap.core.")
            || name.startsWith("io.github.lgtmbootstrap.logback.internal."));
  }
}
