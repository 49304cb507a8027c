package io.github.lgtmbootstrap.testkit.embedded;

/** The three OTLP signals and their OTLP/HTTP paths. */
enum OtlpSignal {
  TRACES("/v1/traces"),
  METRICS("/v1/metrics"),
  LOGS("/v1/logs");

  final String path;

  OtlpSignal(String path) {
    this.path = path;
  }

  /** The signal served at an OTLP/HTTP path (a trailing slash is tolerated), or null. */
  static OtlpSignal forPath(String path) {
    for (OtlpSignal signal : values()) {
      if (signal.path.equals(path) || (signal.path + "/").equals(path)) {
        return signal;
      }
    }
    return null;
  }
}
