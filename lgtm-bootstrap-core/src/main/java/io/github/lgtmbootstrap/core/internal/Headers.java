package io.github.lgtmbootstrap.core.internal;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code k=v,k2=v2} header-list format of {@code otel.exporter.otlp.headers}, whose values autoconfigure
 * URL-decodes, and the basic-auth header value. Values handled here are secrets: nothing in this class puts them
 * into an exception message.
 */
public final class Headers {

  private Headers() {}

  /**
   * Parses a header list, keeping the raw (still URL-encoded) values.
   *
   * @throws IllegalArgumentException with a message naming the entry by position and header name only
   */
  public static Map<String, String> parseRaw(String list) {
    Map<String, String> out = new LinkedHashMap<>();
    String[] entries = list.split(",", -1);
    for (int i = 0; i < entries.length; i++) {
      String entry = entries[i].trim();
      if (entry.isEmpty()) {
        continue;
      }
      int eq = entry.indexOf('=');
      if (eq < 0) {
        throw new IllegalArgumentException(
            "entry #" + (i + 1) + " has no '=' (expected name=value)");
      }
      String name = entry.substring(0, eq).trim();
      if (name.isEmpty()) {
        throw new IllegalArgumentException("entry #" + (i + 1) + " has an empty header name");
      }
      int bad = firstNonTokenChar(name);
      if (bad >= 0) {
        // Only the valid prefix is shown: a curl-style 'Authorization: Basic dXNlcjpwdw==' puts the secret
        // into what looks like the name here.
        throw new IllegalArgumentException(
            "entry #" + (i + 1) + " has an invalid header name starting '" + name.substring(0, bad)
                + "': character #" + (bad + 1) + " is not allowed in a header name (expected name=value, such as "
                + "Authorization=Basic%20...)");
      }
      String value = entry.substring(eq + 1).trim();
      try {
        URLDecoder.decode(value, StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "the value of header '" + name + "' is not URL-decodable (encode '%' as %25)");
      }
      out.put(name, value);
    }
    return out;
  }

  private static int firstNonTokenChar(String name) {
    for (int i = 0; i < name.length(); i++) {
      if (!isTokenChar(name.charAt(i))) {
        return i;
      }
    }
    return -1;
  }

  private static boolean isTokenChar(int c) {
    return c > 32 && c < 127 && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0;
  }

  /** Joins raw (URL-encoded) header values back into the list format. */
  public static String joinRaw(Map<String, String> rawHeaders) {
    StringBuilder sb = new StringBuilder();
    rawHeaders.forEach(
        (k, v) -> {
          if (sb.length() > 0) {
            sb.append(',');
          }
          sb.append(k).append('=').append(v);
        });
    return sb.toString();
  }

  /** URL-encodes a header value so that autoconfigure's URL-decoding gives it back unchanged. */
  public static String encodeValue(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  /** {@code Basic base64(user:token)}. */
  public static String basicAuthValue(String user, String token) {
    return "Basic "
        + Base64.getEncoder().encodeToString((user + ":" + token).getBytes(StandardCharsets.UTF_8));
  }
}
