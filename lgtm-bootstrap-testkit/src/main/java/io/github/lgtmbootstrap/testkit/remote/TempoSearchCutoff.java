package io.github.lgtmbootstrap.testkit.remote;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How long a Tempo keeps a new trace out of search. Tempo 3 cuts the end of every search to now minus
 * {@code query_frontend.query_end_cutoff} (30 s unless configured), whatever end the request asks for, so a trace
 * younger than that is invisible to {@code /api/search} although trace-by-id finds it. Tempo 2 has no such
 * setting.
 *
 * <p>Read from Tempo's own {@code /api/status/buildinfo} (the version) and {@code /status/config} (the running
 * configuration as YAML); when Tempo 3 does not show its configuration, its default is assumed.
 *
 * @param version Tempo's version as it reports it, or {@code unknown}
 * @param cutoff how long new traces stay out of search; zero when they are searchable at once
 * @param origin where the value came from, for messages
 */
record TempoSearchCutoff(String version, Duration cutoff, String origin) {

  /** Tempo 3's {@code query_end_cutoff} when its configuration does not set one. */
  static final Duration TEMPO_3_DEFAULT = Duration.ofSeconds(30);

  private static final Pattern SETTING =
      Pattern.compile("(?m)^\\s*query_end_cutoff:\\s*[\"']?([0-9][0-9a-zµ.]*)[\"']?\\s*$");
  private static final Pattern MAJOR = Pattern.compile("^v?(\\d+)\\.");
  private static final Pattern GO_DURATION_PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|µs|ms|s|m|h)");

  /** No delay known. */
  static TempoSearchCutoff none(String version) {
    return new TempoSearchCutoff(version, Duration.ZERO, "");
  }

  /**
   * Decides the cutoff from what Tempo said.
   *
   * @param version the {@code version} of {@code /api/status/buildinfo}, if Tempo answered it
   * @param configuration asks for the body of {@code /status/config}; called only when the version is not
   *     known to be older than Tempo 3, which has no cutoff
   */
  static TempoSearchCutoff of(Optional<String> version, java.util.function.Supplier<Optional<String>> configuration) {
    String shown = version.orElse("unknown");
    int major = version.map(TempoSearchCutoff::major).orElse(-1);
    if (major >= 0 && major < 3) {
      return none(shown);
    }
    return of(shown, major, configuration.get());
  }

  private static TempoSearchCutoff of(String shown, int major, Optional<String> configuration) {
    Optional<Duration> configured = configuration.flatMap(TempoSearchCutoff::configured);
    if (configured.isPresent()) {
      return new TempoSearchCutoff(shown, configured.get(),
          "query_frontend.query_end_cutoff: " + configuration.flatMap(TempoSearchCutoff::configuredText).orElse("")
              + " in its /status/config");
    }
    if (major >= 3) {
      return new TempoSearchCutoff(shown, TEMPO_3_DEFAULT,
          "query_frontend.query_end_cutoff, Tempo 3's default of 30s; its /status/config did not show the setting");
    }
    return none(shown);
  }

  /** Whether searches miss the newest traces. */
  boolean delaysSearch() {
    return !cutoff.isZero();
  }

  /**
   * Why traces take this long to show and which setting removes the wait, for the log and failure messages; empty
   * when search has no delay.
   */
  String explanation() {
    if (!delaysSearch()) {
      return "";
    }
    String seconds = seconds(cutoff);
    return "Tempo " + version + " shows a trace to search only " + seconds + " after it arrived ("
        + origin + "), so span assertions, and log assertions that name a span, wait " + seconds + " longer. "
        + "Set query_end_cutoff: 0s under query_frontend: in Tempo's configuration to find new traces at once; "
        + "lookups by trace id are not delayed.";
  }

  static Optional<Duration> configured(String yaml) {
    return configuredText(yaml).flatMap(TempoSearchCutoff::parseGoDuration);
  }

  private static Optional<String> configuredText(String yaml) {
    Matcher matcher = SETTING.matcher(yaml);
    return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
  }

  /** The major version of {@code v3.0.3} or {@code 2.8.2}; -1 when it is not a version number. */
  static int major(String version) {
    Matcher matcher = MAJOR.matcher(version.trim());
    return matcher.find() ? Integer.parseInt(matcher.group(1)) : -1;
  }

  /** A Go duration as Tempo writes it ({@code 30s}, {@code 0s}, {@code 1m30s}, {@code 500ms}). */
  static Optional<Duration> parseGoDuration(String text) {
    if (text.equals("0")) {
      return Optional.of(Duration.ZERO);
    }
    Matcher matcher = GO_DURATION_PART.matcher(text);
    long nanos = 0;
    int end = 0;
    while (matcher.find()) {
      if (matcher.start() != end) {
        return Optional.empty();
      }
      end = matcher.end();
      double amount = Double.parseDouble(matcher.group(1));
      long unit = switch (matcher.group(2)) {
        case "ns" -> 1L;
        case "us", "µs" -> 1_000L;
        case "ms" -> 1_000_000L;
        case "s" -> 1_000_000_000L;
        case "m" -> 60_000_000_000L;
        default -> 3_600_000_000_000L;
      };
      nanos += Math.round(amount * unit);
    }
    return end == text.length() && end > 0 ? Optional.of(Duration.ofNanos(nanos)) : Optional.empty();
  }

  private static String seconds(Duration duration) {
    long millis = duration.toMillis();
    return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
  }
}
