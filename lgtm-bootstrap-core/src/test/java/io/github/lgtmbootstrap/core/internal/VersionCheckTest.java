package io.github.lgtmbootstrap.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.github.lgtmbootstrap.core.internal.VersionCheck.Needed;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class VersionCheckTest {

  private static final List<Needed> NEEDED =
      List.of(
          new Needed("io.opentelemetry:opentelemetry-api", "Api", "1.68.0"),
          new Needed("io.opentelemetry:opentelemetry-api-incubator", "Incubator", "1.68.0-alpha"),
          new Needed("io.opentelemetry:opentelemetry-sdk", "Sdk", "1.68.0"));

  private static VersionCheck.VersionSource staged(Map<String, String> versions) {
    return className -> {
      if (!versions.containsKey(className)) {
        throw new ClassNotFoundException(className);
      }
      return Optional.ofNullable(versions.get(className)).filter(v -> !v.isEmpty());
    };
  }

  @Test
  void theClassPathWeBuildWithPasses() {
    assertThatCode(() -> VersionCheck.verify(VersionCheck.class.getClassLoader())).doesNotThrowAnyException();
    // Every artifact in the resource was found with a version: the check really looks at something.
    assertThat(VersionCheck.needed()).hasSizeGreaterThan(10);
    assertThat(VersionCheck.mismatches(VersionCheck.needed(), VersionCheck.source(getClass().getClassLoader())))
        .isEmpty();
  }

  @Test
  void theIncubatorOfAnOlderReleaseIsNamedWithFoundAndNeeded() {
    List<String> lines =
        VersionCheck.mismatches(
            NEEDED, staged(Map.of("Api", "1.68.0", "Incubator", "1.65.0-alpha", "Sdk", "1.68.0")));

    assertThat(lines)
        .containsExactly(
            "io.opentelemetry:opentelemetry-api-incubator: found 1.65.0-alpha, needs 1.68.0-alpha or newer");
  }

  @Test
  void springBootsOlderOpenTelemetryNamesEveryArtifact() {
    List<String> lines =
        VersionCheck.mismatches(
            NEEDED, staged(Map.of("Api", "1.49.0", "Incubator", "1.49.0-alpha", "Sdk", "1.49.0")));

    assertThat(lines).hasSize(3).allSatisfy(l -> assertThat(l).contains("found 1.49.0").contains("needs 1.68.0"));
  }

  @Test
  void aNewerAlignedReleasePassesAndAMixedOneDoesNot() {
    assertThat(
            VersionCheck.mismatches(
                NEEDED, staged(Map.of("Api", "1.70.1", "Incubator", "1.70.1-alpha", "Sdk", "1.70.1"))))
        .isEmpty();
    assertThat(
            VersionCheck.mismatches(
                NEEDED, staged(Map.of("Api", "1.70.0", "Incubator", "1.68.0-alpha", "Sdk", "1.70.0"))))
        .containsExactly(
            "io.opentelemetry:opentelemetry-api-incubator: found 1.68.0-alpha, needs the release of the group's "
                + "API (1.70.0): OpenTelemetry supports only aligned versions");
  }

  @Test
  void aJarWithoutAVersionIsNotJudgedAndAMissingOneIsNamed() {
    List<String> lines = VersionCheck.mismatches(NEEDED, staged(Map.of("Api", "", "Sdk", "1.68.0")));

    assertThat(lines).singleElement().asString()
        .startsWith("io.opentelemetry:opentelemetry-api-incubator: missing or not loadable")
        .endsWith("needs 1.68.0-alpha");
  }

  @Test
  void versionsCompareByNumberNotText() {
    assertThat(VersionCheck.compare("1.9.0", "1.68.0")).isNegative();
    assertThat(VersionCheck.compare("1.68.0-alpha", "1.68.0")).isZero();
    assertThat(VersionCheck.compare("2.31.1", "2.31")).isPositive();
  }
}
