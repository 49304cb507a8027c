package io.github.lgtmbootstrap.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResourceTweaksTest {

  @Test
  void aNameTakenFromSurefiresBooterJarIsALauncherName() {
    String command =
        "/work/app/target/surefire/surefirebooter-20261126011823728_16.jar /work/app/target/surefire "
            + "2026-11-26T01-18-20_123-jvmRun1 surefire-1tmp surefire_0-2tmp";
    assertThat(ResourceTweaks.isLauncherJarName("surefirebooter-20261126011823728_16", command)).isTrue();
    assertThat(ResourceTweaks.isLauncherJarName("checkout", command)).as("a user's own name").isFalse();
    assertThat(ResourceTweaks.isLauncherJarName("checkout-service", "/srv/checkout-service.jar --port 8080"))
        .as("an application jar").isFalse();
    assertThat(ResourceTweaks.isLauncherJarName("Main", "com.example.Main")).isFalse();
    assertThat(ResourceTweaks.isLauncherJarName("x", "")).isFalse();
  }

  @Test
  void projectNameIsThePomsOwnArtifactIdNotTheParents(@TempDir Path dir) throws Exception {
    Files.writeString(
        dir.resolve("pom.xml"),
        "<?xml version=\"1.0\"?>\n<project xmlns=\"http://maven.apache.org/POM/4.0.0\">\n"
            + "  <parent><groupId>g</groupId><artifactId>the-parent</artifactId><version>1</version></parent>\n"
            + "  <artifactId>orders-service</artifactId>\n</project>\n");
    assertThat(ResourceTweaks.projectName(dir)).contains("orders-service");
  }

  @Test
  void projectNameOfAGradleBuildIsItsDirectory(@TempDir Path tmp) throws Exception {
    Path dir = Files.createDirectory(tmp.resolve("billing"));
    Files.writeString(dir.resolve("build.gradle.kts"), "plugins { java }\n");
    assertThat(ResourceTweaks.projectName(dir)).contains("billing");
  }

  @Test
  void noProjectNameWithoutABuildFileOrFromABrokenPom(@TempDir Path dir) throws Exception {
    assertThat(ResourceTweaks.projectName(dir)).isEmpty();
    Files.writeString(dir.resolve("pom.xml"), "<project><artifactId>${name}</artifactId></project>");
    assertThat(ResourceTweaks.projectName(dir)).as("unresolved property").isEmpty();
    Files.writeString(dir.resolve("pom.xml"), "<!DOCTYPE project [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
        + "<project><artifactId>&x;</artifactId></project>");
    assertThat(ResourceTweaks.projectName(dir)).as("DTDs are refused").isEmpty();
  }
}
