package io.github.lgtmbootstrap.logback.internal;

import java.util.List;

/** Names of loggers and classes that belong to OpenTelemetry or lgtm itself and must never loop back. */
final class LibraryLoggers {

  /** JUL logger names whose records stay on their original handlers instead of entering logback. */
  static final List<String> JUL_EXCLUDED = List.of("io.opentelemetry", "io.github.lgtmbootstrap");

  private LibraryLoggers() {}

  /** True for loggers of OpenTelemetry's SDK/exporters and lgtm's internals (they log on JUL; guard anyway). */
  static boolean isLibraryLogger(String name) {
    return name != null
        && (name.startsWith("io.opentelemetry.")
            || name.startsWith("io.github.lgtmbootstrap.core.")
            || name.startsWith("io.github.lgtmbootstrap.logback.internal."));
  }

  /** True for a class whose writes to System.out/err must not be captured (it is logging output itself). */
  static boolean isLoggingInfrastructure(String className) {
    return className.startsWith("ch.qos.logback.")
        || className.startsWith("java.util.logging.")
        || className.startsWith("org.slf4j.")
        || className.startsWith("io.opentelemetry.")
        || className.startsWith("io.github.lgtmbootstrap.core.")
        || className.startsWith("io.github.lgtmbootstrap.testkit.")
        || className.startsWith("io.github.lgtmbootstrap.logback.internal.");
  }
}
