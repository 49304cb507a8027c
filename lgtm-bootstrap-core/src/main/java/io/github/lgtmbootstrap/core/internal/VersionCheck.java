package io.github.lgtmbootstrap.core.internal;

import io.github.lgtmbootstrap.core.LgtmConfigException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Fails {@code Lgtm.init()} with one readable {@link LgtmConfigException} when the OpenTelemetry jars on the
 * class path are older than, or not from the same release as, the ones lgtm-bootstrap was built with, instead of
 * a {@code NoClassDefFoundError} or {@code NoSuchMethodError} three frames into the SDK. Runs first in init,
 * before any SDK class is initialised.
 *
 * <p>Each jar's version is the {@code Implementation-Version} of its manifest, read through the package of one
 * class only that jar has (loaded, not initialised: those classes are loaded by init anyway). A jar whose
 * manifest has no version (repackaged, shaded) is not judged. The needed versions come from
 * {@code opentelemetry-versions.txt}, filtered from the build's versions.
 *
 * <p>Rules: each artifact at least the version we need; and every artifact of a group ({@code io.opentelemetry},
 * {@code io.opentelemetry.instrumentation}) from the same release as the group's first artifact (its API),
 * because OpenTelemetry supports only aligned releases (an {@code -alpha} incubator counts as its release).
 * A newer, aligned OpenTelemetry passes.
 */
public final class VersionCheck {

  static final String RESOURCE = "opentelemetry-versions.txt";

  /** One artifact we need: coordinates, a class only its jar has, the version we were built with. */
  record Needed(String coordinates, String markerClass, String version) {
    String group() {
      return coordinates.substring(0, coordinates.indexOf(':'));
    }

    String artifactId() {
      return coordinates.substring(coordinates.indexOf(':') + 1);
    }
  }

  /** Where the versions found come from; a function so tests can stage a mismatch without old jars. */
  interface VersionSource {
    /**
     * The version of the jar holding {@code className}: empty when that jar's manifest has no version.
     *
     * @throws ClassNotFoundException when no jar has the class
     */
    Optional<String> versionOf(String className) throws ClassNotFoundException;
  }

  private VersionCheck() {}

  /**
   * Checks the OpenTelemetry jars visible to {@code loader}.
   *
   * @throws LgtmConfigException naming each artifact, the version found, the version needed and the fix
   */
  public static void verify(ClassLoader loader) {
    List<String> mismatches = mismatches(needed(), source(loader));
    if (!mismatches.isEmpty()) {
      throw new LgtmConfigException(List.of(message(mismatches)));
    }
  }

  static VersionSource source(ClassLoader loader) {
    return className -> {
      Package pkg = Class.forName(className, false, loader).getPackage();
      return Optional.ofNullable(pkg == null ? null : pkg.getImplementationVersion());
    };
  }

  /** One line per artifact that does not fit, in the order of the resource. */
  static List<String> mismatches(List<Needed> needed, VersionSource source) {
    List<String> lines = new ArrayList<>();
    Map<String, String> releaseOfGroup = new LinkedHashMap<>();
    for (Needed n : needed) {
      String found;
      try {
        Optional<String> version = source.versionOf(n.markerClass());
        if (version.isEmpty()) {
          continue;
        }
        found = version.get();
      } catch (ClassNotFoundException | LinkageError e) {
        lines.add(n.coordinates() + ": missing or not loadable (" + e + "), needs " + n.version());
        continue;
      }
      String release = release(found);
      String groupRelease = releaseOfGroup.putIfAbsent(n.group(), release);
      if (compare(found, n.version()) < 0) {
        lines.add(n.coordinates() + ": found " + found + ", needs " + n.version() + " or newer");
      } else if (groupRelease != null && !groupRelease.equals(release)) {
        lines.add(
            n.coordinates() + ": found " + found + ", needs the release of the group's API ("
                + groupRelease + "): OpenTelemetry supports only aligned versions");
      }
    }
    return lines;
  }

  private static String message(List<String> mismatches) {
    String ours = ourVersion();
    StringBuilder sb =
        new StringBuilder("the OpenTelemetry jars on the class path do not match the ones lgtm-bootstrap ")
            .append(ours)
            .append(" is built with:");
    for (String line : mismatches) {
      sb.append("\n      ").append(line);
    }
    return sb.append("\n    Fix: import io.github.lgtmbootstrap:lgtm-bootstrap-bom:")
        .append(ours)
        .append(" (type pom, scope import) first in <dependencyManagement>, before any other BOM that manages")
        .append(" OpenTelemetry (Spring Boot's, Quarkus', an opentelemetry-bom); see the README's section")
        .append(" \"Dependencies and OpenTelemetry versions\".")
        .toString();
  }

  /** {@code 1.68.0-alpha} and {@code 1.68.0} are one release. */
  static String release(String version) {
    int dash = version.indexOf('-');
    return dash < 0 ? version : version.substring(0, dash);
  }

  /** Compares the dotted numbers before any qualifier; a missing or non-numeric part counts as 0. */
  static int compare(String a, String b) {
    String[] x = release(a).split("\\.");
    String[] y = release(b).split("\\.");
    for (int i = 0; i < Math.max(x.length, y.length); i++) {
      int c = Integer.compare(number(x, i), number(y, i));
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }

  private static int number(String[] parts, int i) {
    try {
      return i < parts.length ? Integer.parseInt(parts[i]) : 0;
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  static List<Needed> needed() {
    List<Needed> out = new ArrayList<>();
    for (String[] cols : lines()) {
      if (cols.length == 3) {
        out.add(new Needed(cols[0], cols[1], cols[2]));
      }
    }
    return out;
  }

  private static String ourVersion() {
    for (String[] cols : lines()) {
      if (cols.length == 2 && cols[0].equals("lgtm-bootstrap")) {
        return cols[1];
      }
    }
    return "(unknown version)";
  }

  private static List<String[]> lines() {
    try (InputStream in = VersionCheck.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("lgtm-bootstrap-core jar is incomplete: " + RESOURCE + " is missing");
      }
      List<String[]> out = new ArrayList<>();
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        String trimmed = line.strip();
        if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
          out.add(trimmed.split("\\s+"));
        }
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
