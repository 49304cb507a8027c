package io.github.lgtmbootstrap.core.internal;

import java.net.URI;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Turns what a hosted-Grafana user has at hand (the OTLP gateway URL from the portal, or only the zone) into the
 * OTLP base endpoint. The gateway's base path is {@code /otlp}; the exporters append {@code /v1/<signal>}. Users
 * often paste a URL with or without {@code /otlp}, or with a signal path already appended: all are normalised.
 */
public final class GrafanaCloud {

  private static final Pattern ZONE = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)+");

  private GrafanaCloud() {}

  /** Whether the value looks like a zone such as {@code prod-eu-west-2} rather than a URL. */
  public static boolean isZone(String value) {
    return ZONE.matcher(value.trim().toLowerCase(Locale.ROOT)).matches();
  }

  /**
   * The OTLP base endpoint for a gateway URL or zone.
   *
   * @param urlOrZone {@code https://otlp-gateway-prod-eu-west-2.grafana.net/otlp}, the same without
   *     {@code /otlp} or with {@code /otlp/v1/traces}, or {@code prod-eu-west-2}
   * @return {@code https://otlp-gateway-<zone>.grafana.net/otlp} style base URL without trailing slash
   * @throws IllegalArgumentException when it is neither
   */
  public static String baseEndpoint(String urlOrZone) {
    String v = urlOrZone.trim();
    if (isZone(v)) {
      return "https://otlp-gateway-" + v.toLowerCase(Locale.ROOT) + ".grafana.net/otlp";
    }
    URI uri;
    try {
      uri = URI.create(v);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("is neither a URL nor a zone like prod-eu-west-2");
    }
    if (uri.getScheme() == null || uri.getHost() == null) {
      throw new IllegalArgumentException("is neither a URL nor a zone like prod-eu-west-2");
    }
    if (!"https".equalsIgnoreCase(uri.getScheme())) {
      throw new IllegalArgumentException("must use https (the gateway does not accept plain http)");
    }
    String path = uri.getPath() == null ? "" : uri.getPath();
    path = path.replaceAll("/+$", "");
    path = path.replaceAll("/v1/(traces|metrics|logs)$", "");
    if (!path.endsWith("/otlp")) {
      path = path + "/otlp";
    }
    String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
    return uri.getScheme().toLowerCase(Locale.ROOT) + "://" + uri.getHost() + port + path;
  }
}
