package io.github.lgtmbootstrap.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import org.junit.jupiter.api.Test;

class OtelVersionCheckTest {

  @Test
  void theClassPathWeBuildWithPasses() {
    assertThatCode(OtelVersionCheck::verify).doesNotThrowAnyException();
  }

  @Test
  void olderMeansAnOlderReleaseNumberNotText() {
    assertThat(OtelVersionCheck.isOlder("1.49.0", "1.68.0")).isTrue();
    assertThat(OtelVersionCheck.isOlder("1.9.0", "1.68.0")).isTrue();
    assertThat(OtelVersionCheck.isOlder("1.68.0", "1.68.0")).isFalse();
    assertThat(OtelVersionCheck.isOlder("1.70.1", "1.68.0")).isFalse();
    assertThat(OtelVersionCheck.isOlder("2.0.0", "1.68.0")).isFalse();
  }
}
