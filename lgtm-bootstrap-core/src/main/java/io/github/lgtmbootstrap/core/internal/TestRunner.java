package io.github.lgtmbootstrap.core.internal;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Whether this JVM runs tests: the default of {@code lgtm.jmx.enabled} (the flush MBean exists for the testkit and
 * should not be in a production JVM unless asked for). Decided like {@link ResourceTweaks} skips launchers for
 * {@code service.name}, from what is cheap and reliable: the JVM's launch command ({@code sun.java.command}: a
 * surefire/failsafe booter jar or class, an IDE's or JUnit's console test launcher, a Gradle test worker) or a
 * test framework's frame on the calling thread's stack ({@code init()} in a test, a {@code @BeforeAll}, a test
 * class's static initialiser, on the main thread or a parallel-execution worker).
 */
final class TestRunner {

  /** Classes, or class-name prefixes, of test launchers as they appear in {@code sun.java.command}. */
  private static final List<String> LAUNCH_COMMANDS =
      List.of(
          "org.apache.maven.surefire.",
          "com.intellij.rt.junit.",
          "com.intellij.rt.testng.",
          "org.eclipse.jdt.internal.junit",
          "org.junit.platform.console.",
          "worker.org.gradle.process.internal.worker.GradleWorkerMain");

  /** Surefire/failsafe's forked booter jar: {@code surefirebooter-<timestamp>.jar} or {@code surefirebooter<n>.jar}. */
  private static final Pattern BOOTER_JAR = Pattern.compile("(.*[/\\\\])?surefirebooter[^/\\\\]*\\.jar");

  /** Packages whose frames on the calling thread mean a test framework is running it. */
  private static final List<String> TEST_FRAMES =
      List.of(
          "org.junit.",
          "junit.framework.",
          "org.testng.",
          "org.apache.maven.surefire.",
          "org.gradle.api.internal.tasks.testing.");

  private TestRunner() {}

  /** Whether this JVM, as seen from the calling thread, runs tests. */
  static boolean detected() {
    return detect(System.getProperty("sun.java.command", ""), new Throwable().getStackTrace());
  }

  /**
   * @param javaCommand the {@code sun.java.command} property
   * @param stack the calling thread's stack
   */
  static boolean detect(String javaCommand, StackTraceElement[] stack) {
    String first = javaCommand.trim().isEmpty() ? "" : javaCommand.trim().split("\\s+")[0];
    if (BOOTER_JAR.matcher(first).matches()) {
      return true;
    }
    for (String launcher : LAUNCH_COMMANDS) {
      if (first.startsWith(launcher)) {
        return true;
      }
    }
    for (StackTraceElement frame : stack) {
      for (String prefix : TEST_FRAMES) {
        if (frame.getClassName().startsWith(prefix)) {
          return true;
        }
      }
    }
    return false;
  }
}
