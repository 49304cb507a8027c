package io.github.lgtmbootstrap.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TestRunnerTest {

  private static final StackTraceElement[] APP_STACK = {
    new StackTraceElement("io.github.lgtmbootstrap.core.Lgtm", "init", "Lgtm.java", 1),
    new StackTraceElement("com.example.shop.Main", "main", "Main.java", 9)
  };

  @Test
  void anApplicationStartedFromItsMainClassOrJarIsNotATestRunner() {
    assertThat(TestRunner.detect("com.example.shop.Main --port 8080", APP_STACK)).isFalse();
    assertThat(TestRunner.detect("/srv/shop.jar", APP_STACK)).isFalse();
    assertThat(TestRunner.detect("", APP_STACK)).isFalse();
  }

  @Test
  void testLaunchersAreRecognisedFromTheJavaCommand() {
    assertThat(TestRunner.detect("/p/target/surefire/surefirebooter-20261128204512_3.jar /p/target/surefire x", APP_STACK))
        .isTrue();
    assertThat(TestRunner.detect("org.apache.maven.surefire.booter.ForkedBooter /tmp 1", APP_STACK)).isTrue();
    assertThat(TestRunner.detect("com.intellij.rt.junit.JUnitStarter -ideVersion5 x.ShopTest", APP_STACK)).isTrue();
    assertThat(TestRunner.detect("worker.org.gradle.process.internal.worker.GradleWorkerMain 'Test worker'", APP_STACK))
        .isTrue();
  }

  @Test
  void aTestFrameworkOnTheCallingStackIsATestRunner() {
    StackTraceElement[] inATest = {
      new StackTraceElement("io.github.lgtmbootstrap.core.Lgtm", "init", "Lgtm.java", 1),
      new StackTraceElement("com.example.ShopTest", "setUp", "ShopTest.java", 12),
      new StackTraceElement("org.junit.platform.commons.util.ReflectionUtils", "invokeMethod", null, 1)
    };
    assertThat(TestRunner.detect("com.example.CustomLauncher", inATest)).isTrue();
  }

  @Test
  void thisJvmRunningUnderSurefireIsDetected() {
    assertThat(TestRunner.detected()).isTrue();
  }
}
