package io.github.lgtmbootstrap.readme;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's complete Java snippets (the ones with imports: the quickstart's {@code main} and the testkit's test
 * class) compile as written against our published modules, so a user can paste them. Fragments without imports
 * (one-line examples) are not compiled.
 */
class ReadmeSnippetsTest {

  private static final Path README = Path.of(System.getProperty("readme.path", "../README.md"));
  private static final Pattern JAVA_BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);
  private static final Pattern CLASS_NAME = Pattern.compile("(?m)^(?:public )?(?:final )?class (\\w+)");

  @TempDir Path work;

  @Test
  void completeJavaSnippetsCompileAsWritten() throws IOException {
    List<String> units = new ArrayList<>();
    Matcher m = JAVA_BLOCK.matcher(Files.readString(README, StandardCharsets.UTF_8));
    while (m.find()) {
      if (m.group(1).startsWith("import ")) {
        units.add(m.group(1));
      }
    }
    assertThat(units).as("the quickstart and the testkit snippet are complete files").hasSizeGreaterThanOrEqualTo(2);
    String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    for (int i = 0; i < units.size(); i++) {
      String unit = units.get(i);
      Matcher name = CLASS_NAME.matcher(unit);
      assertThat(name.find()).as("snippet %d declares a class:%n%s", i, unit).isTrue();
      Path dir = Files.createDirectories(work.resolve("snippet" + i));
      Path source = Files.writeString(dir.resolve(name.group(1) + ".java"), unit);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      int status =
          javac.run(null, out, out, "-d", dir.toString(), "-cp", classpath, "-Xlint:none", "-proc:none",
              "--release", "17", source.toString());
      assertThat(status).as("README snippet %s does not compile:%n%s%n%s", name.group(1), out.toString(StandardCharsets.UTF_8), unit).isZero();
    }
  }
}
