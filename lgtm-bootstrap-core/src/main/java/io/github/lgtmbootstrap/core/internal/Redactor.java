package io.github.lgtmbootstrap.core.internal;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one path by which text that may carry a secret becomes printable: every problem of a
 * {@code LgtmConfigException}, every warning we log and every {@code toString()} that shows configuration goes
 * through {@link #redact(String)}.
 *
 * <p>It knows the configured secrets (values of secret keys, each header value raw and URL-decoded, the
 * basic-auth header and its base64, the user-info of every URL-like value) and replaces each occurrence with
 * {@code ***}, wherever the text put it (a quoted value, a suggested fix, an exception message of a library); then
 * it blanks out any remaining URL user-info ({@code scheme://user:pw@}, also without a scheme). Immutable.
 */
public final class Redactor {

  /** Shorter values are not searched for: blanking every "ab" would garble the message and hide nothing. */
  private static final int MIN_SECRET_LENGTH = 3;

  // user-info after a scheme; or a bare user:password@ (an endpoint typed without scheme).
  private static final Pattern SCHEME_USER_INFO =
      Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*://)[^\\s/?#@'\"<>]+@");
  private static final Pattern BARE_USER_INFO = Pattern.compile("(?<![\\w.%+-])[^\\s/?#@'\":<>]+:[^\\s/?#@'\"<>]+@");

  private static final Redactor URLS_ONLY = new Redactor(List.of());

  private final List<String> secrets; // longest first, so a secret containing another is replaced whole

  private Redactor(List<String> secrets) {
    this.secrets = secrets;
  }

  /** A redactor that knows no secret values and only blanks URL user-info. */
  public static Redactor urlsOnly() {
    return URLS_ONLY;
  }

  /**
   * A redactor for everything in {@code config} (all layers, defaults included) plus {@code extra} secret values.
   *
   * @param config the configuration whose secret values to hide
   * @param extra further secrets, e.g. the derived Authorization header value
   */
  public static Redactor of(LayeredConfig config, List<String> extra) {
    Set<String> s = new LinkedHashSet<>();
    for (Map.Entry<String, String> e : config.effectiveRelevant().entrySet()) {
      addFor(e.getKey(), e.getValue(), s);
    }
    for (String x : extra) {
      addSecret(x, s);
    }
    List<String> list = new ArrayList<>();
    for (String x : s) {
      if (x.length() >= MIN_SECRET_LENGTH) {
        list.add(x);
      }
    }
    list.sort(Comparator.comparingInt(String::length).reversed());
    return new Redactor(List.copyOf(list));
  }

  private static void addFor(String key, String value, Set<String> out) {
    if (LayeredConfig.isSecretKey(key)) {
      addSecret(value, out);
      try {
        for (String raw : Headers.parseRaw(value).values()) {
          addSecret(raw, out);
        }
      } catch (IllegalArgumentException notAHeaderList) {
        // a token, or a malformed list: its whole value is already a secret; its parts as far as they split
        for (String part : value.split("[,=\\s]+")) {
          addSecret(part, out);
        }
      }
    }
    addUserInfo(value, out);
  }

  /** A secret, its URL-decoded form, its base64, and for {@code Basic xyz} the base64 and what it decodes to. */
  private static void addSecret(String secret, Set<String> out) {
    String v = secret.trim();
    if (v.isEmpty()) {
      return;
    }
    out.add(v);
    out.add(base64(v));
    try {
      String decoded = URLDecoder.decode(v, StandardCharsets.UTF_8);
      out.add(decoded);
      out.add(base64(decoded));
      Matcher basic = Pattern.compile("(?i)^basic\\s+(\\S+)$").matcher(decoded);
      if (basic.matches()) {
        out.add(basic.group(1));
        addDecodedBasic(basic.group(1), out);
      }
      int space = decoded.indexOf(' ');
      if (space > 0) {
        out.add(decoded.substring(space + 1).trim()); // "Bearer xyz": the token alone
      }
    } catch (IllegalArgumentException notUrlEncoded) {
      // only the value as given
    }
  }

  private static void addDecodedBasic(String b64, Set<String> out) {
    try {
      String userAndToken = new String(Base64.getDecoder().decode(b64), StandardCharsets.UTF_8);
      int colon = userAndToken.indexOf(':');
      if (colon >= 0) {
        out.add(userAndToken);
        out.add(userAndToken.substring(colon + 1));
      }
    } catch (IllegalArgumentException notBase64) {
      // nothing more to hide
    }
  }

  /** The user-info of a URL-like value (with or without scheme), its password part, and their encodings. */
  private static void addUserInfo(String value, Set<String> out) {
    int at = value.lastIndexOf('@');
    if (at <= 0) {
      return;
    }
    String before = value.substring(0, at);
    int schemeEnd = before.indexOf("://");
    String userInfo = schemeEnd >= 0 ? before.substring(schemeEnd + 3) : before;
    int slash = userInfo.lastIndexOf('/');
    if (slash >= 0) {
      userInfo = userInfo.substring(slash + 1);
    }
    if (userInfo.isEmpty()) {
      return;
    }
    addSecret(userInfo, out);
    int colon = userInfo.indexOf(':');
    if (colon >= 0) {
      addSecret(userInfo.substring(colon + 1), out);
    }
  }

  private static String base64(String v) {
    return Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The text with every known secret and every URL user-info replaced by {@code ***}.
   *
   * @param text any text, null gives "null"
   * @return the printable text
   */
  public String redact(String text) {
    if (text == null) {
      return "null";
    }
    String out = text;
    for (String s : secrets) {
      out = out.replace(s, "***");
    }
    out = SCHEME_USER_INFO.matcher(out).replaceAll("$1***@");
    return BARE_USER_INFO.matcher(out).replaceAll("***@");
  }

  /** {@link #redact(String)} for each line. */
  public List<String> redact(List<String> lines) {
    List<String> out = new ArrayList<>(lines.size());
    for (String l : lines) {
      out.add(redact(l));
    }
    return out;
  }
}
