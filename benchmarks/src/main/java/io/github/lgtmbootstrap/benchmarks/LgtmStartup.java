package io.github.lgtmbootstrap.benchmarks;

/** The {@code Lgtm.init()} variant of {@link StartupChild}, apart so that it follows core's API in one place. */
final class LgtmStartup {

  private LgtmStartup() {}

  static void run() {
    throw new UnsupportedOperationException("Lgtm.init() is not available yet in this build");
  }
}
