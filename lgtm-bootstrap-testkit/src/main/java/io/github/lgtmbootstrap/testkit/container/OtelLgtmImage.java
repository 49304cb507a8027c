package io.github.lgtmbootstrap.testkit.container;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one place that knows the pinned grafana/otel-lgtm image and what the testkit changes in it: Tempo's
 * configuration, replaced by {@code tempo-config.yaml} beside this class so that fresh traces are searchable at
 * once ({@code query_frontend.query_end_cutoff: 0s}; Tempo 3 otherwise hides traces younger than 30 s from
 * search, and has no command-line flag for the setting).
 *
 * <p>That file is the image's own Tempo configuration of otel-lgtm 0.29.0 to 0.31.0 (Tempo 3) plus the cutoff.
 * Earlier otel-lgtm versions run Tempo 2 with a different configuration, which the file would break, so an image
 * tagged with such a version keeps its own; any other image (a mirror, {@code latest}, a digest, a stand-in with
 * otel-lgtm's layout) gets the file.
 */
final class OtelLgtmImage {

  /** The pinned image; bump it together with {@code tempo-config.yaml} and {@code examples/vps/compose.yaml}. */
  static final String PINNED = "grafana/otel-lgtm:0.31.0";

  /** Where the image's start script ({@code run-tempo.sh}) reads Tempo's configuration. */
  static final String TEMPO_CONFIG_PATH = "/otel-lgtm/tempo-config.yaml";

  /** The first otel-lgtm version with Tempo 3, whose configuration the file is made from. */
  private static final int[] FIRST_TEMPO_3 = {0, 29, 0};

  private static final Pattern VERSION_TAG = Pattern.compile("v?(\\d{1,6})\\.(\\d{1,6})\\.(\\d{1,6})(?:[-.].*)?");

  private OtelLgtmImage() {}

  /**
   * Whether the testkit's Tempo configuration is copied into this image.
   *
   * @param image an image name with optional tag, such as {@code grafana/otel-lgtm:0.31.0}
   * @return false only for a version tag older than otel-lgtm 0.29.0 (Tempo 2)
   */
  static boolean takesTempoConfig(String image) {
    return versionTag(image).map(version -> compare(version, FIRST_TEMPO_3) >= 0).orElse(true);
  }

  /** The Tempo configuration file's bytes. */
  static byte[] tempoConfig() {
    try (InputStream in = OtelLgtmImage.class.getResourceAsStream("tempo-config.yaml")) {
      return Objects.requireNonNull(in, "tempo-config.yaml missing beside OtelLgtmImage").readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Optional<int[]> versionTag(String image) {
    int slash = image.lastIndexOf('/');
    int at = image.indexOf('@');
    String name = at < 0 ? image : image.substring(0, at);
    int colon = name.lastIndexOf(':');
    if (colon <= slash) {
      return Optional.empty();
    }
    Matcher matcher = VERSION_TAG.matcher(name.substring(colon + 1));
    if (!matcher.matches()) {
      return Optional.empty();
    }
    return Optional.of(new int[] {Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)),
        Integer.parseInt(matcher.group(3))});
  }

  private static int compare(int[] a, int[] b) {
    for (int i = 0; i < a.length; i++) {
      if (a[i] != b[i]) {
        return Integer.compare(a[i], b[i]);
      }
    }
    return 0;
  }
}
