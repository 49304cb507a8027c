package io.github.lgtmbootstrap.readme;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lgtmbootstrap.core.internal.ConfigKeys;
import io.github.lgtmbootstrap.logback.internal.LogbackOptions;
import io.github.lgtmbootstrap.testkit.LgtmExtension;
import io.github.lgtmbootstrap.testkit.container.ContainerBackend;
import io.github.lgtmbootstrap.testkit.remote.ExternalBackend;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * README.md's configuration tables are the keys in code: core's and logback's tables are generated from code (between
 * {@code <!-- table: NAME -->} and {@code <!-- end: NAME -->}) and the testkit's hand-written table must name
 * every key constant. To regenerate after changing a key: {@code mvn -pl readme-check -am verify
 * -Dreadme.update=true}.
 */
class ReadmeConfigTablesTest {

  private static final Path README = Path.of(System.getProperty("readme.path", "../README.md"));
  private static final boolean UPDATE = Boolean.getBoolean("readme.update");

  @Test
  void coreTableIsGeneratedFromConfigKeys() throws IOException {
    assertGeneratedSection("core", ConfigKeys.markdownTable());
  }

  @Test
  void logbackTableIsGeneratedFromItsKeys() throws IOException {
    assertGeneratedSection("logback", LogbackOptions.markdownTable());
  }

  @Test
  void testkitTablesNameEveryTestkitKey() throws Exception {
    String section = section(Files.readString(README, StandardCharsets.UTF_8), "testkit");
    List<String> keys = new ArrayList<>();
    for (Class<?> type : List.of(LgtmExtension.class, ContainerBackend.class, ExternalBackend.class)) {
      keys.addAll(keyConstants(type));
    }
    assertThat(keys).as("testkit key constants").hasSizeGreaterThanOrEqualTo(13);
    for (String key : keys) {
      assertThat(section).as("README testkit table").contains("`" + key + "`");
    }
  }

  private static void assertGeneratedSection(String name, String generated) throws IOException {
    String readme = Files.readString(README, StandardCharsets.UTF_8);
    String expected = generated.endsWith("\n") ? generated : generated + "\n";
    if (UPDATE) {
      String updated = readme.replace(start(name) + section(readme, name) + end(name),
          start(name) + expected + end(name));
      Files.writeString(README, updated, StandardCharsets.UTF_8);
      return;
    }
    assertThat(section(readme, name))
        .as("README.md's %s table; regenerate with: mvn -pl readme-check -am verify -Dreadme.update=true", name)
        .isEqualTo(expected);
  }

  private static String section(String readme, String name) {
    int from = readme.indexOf(start(name));
    int to = readme.indexOf(end(name));
    assertThat(from).as("marker %s in %s", start(name), README).isNotNegative();
    assertThat(to).as("marker %s after %s", end(name), start(name)).isGreaterThan(from);
    return readme.substring(from + start(name).length(), to);
  }

  private static String start(String name) {
    return "<!-- table: " + name + " -->\n";
  }

  private static String end(String name) {
    return "<!-- end: " + name + " -->";
  }

  private static List<String> keyConstants(Class<?> type) throws IllegalAccessException {
    List<String> keys = new ArrayList<>();
    for (Field field : type.getFields()) {
      if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class
          && field.getName().endsWith("_KEY")) {
        keys.add((String) field.get(null));
      }
    }
    return keys;
  }
}
