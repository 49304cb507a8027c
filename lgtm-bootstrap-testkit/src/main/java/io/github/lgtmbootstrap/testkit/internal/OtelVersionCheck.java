package io.github.lgtmbootstrap.testkit.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * Fails a test class with one readable message when the OpenTelemetry API or SDK on the test class path is older
 * than the one the testkit was built with, instead of a {@code NoSuchMethodError} in the middle of a flush. The
 * same idea as core's init check (the testkit must not depend on core): each jar's manifest version, read through
 * a class only that jar has, against versions filtered from the build into {@code opentelemetry-versions.txt}.
 */
public final class OtelVersionCheck {

  private OtelVersionCheck() {}

  /**
   * Checks the OpenTelemetry jars the testkit uses.
   *
   * @throws ExtensionConfigurationException naming each older artifact, found and needed, and the fix
   */
  public static void verify() {
    List<String> older = new ArrayList<>();
    for (String[] cols : needed()) {
      try {
        Package pkg = Class.forName(cols[1], false, OtelVersionCheck.class.getClassLoader()).getPackage();
        String found = pkg == null ? null : pkg.getImplementationVersion();
        if (found != null && isOlder(found, cols[2])) {
          older.add(cols[0] + ": found " + found + ", needs " + cols[2] + " or newer");
        }
      } catch (ClassNotFoundException | LinkageError e) {
        older.add(cols[0] + ": missing or not loadable (" + e + "), needs " + cols[2]);
      }
    }
    if (!older.isEmpty()) {
      throw new ExtensionConfigurationException(
          "lgtm-bootstrap-testkit: the OpenTelemetry jars on the test class path are older than the testkit "
              + "needs:\n  " + String.join("\n  ", older)
              + "\nFix: import io.github.lgtmbootstrap:lgtm-bootstrap-bom (type pom, scope import) first in "
              + "<dependencyManagement>, before any other BOM that manages OpenTelemetry.");
    }
  }

  static boolean isOlder(String found, String needed) {
    String[] f = found.split("[.-]");
    String[] n = needed.split("[.-]");
    for (int i = 0; i < 3; i++) {
      int c = Integer.compare(part(f, i), part(n, i));
      if (c != 0) {
        return c < 0;
      }
    }
    return false;
  }

  private static int part(String[] parts, int i) {
    try {
      return i < parts.length ? Integer.parseInt(parts[i]) : 0;
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static List<String[]> needed() {
    List<String[]> out = new ArrayList<>();
    try (InputStream in = OtelVersionCheck.class.getResourceAsStream("opentelemetry-versions.txt")) {
      if (in == null) {
        return out;
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        String[] cols = line.strip().split("\\s+");
        if (cols.length == 3 && !cols[0].startsWith("#")) {
          out.add(cols);
        }
      }
    } catch (IOException e) {
      // A jar we cannot read our own resource from: nothing to check against; the tests will say the rest.
    }
    return out;
  }
}
