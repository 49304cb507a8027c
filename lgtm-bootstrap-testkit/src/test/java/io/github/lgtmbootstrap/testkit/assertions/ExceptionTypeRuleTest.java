package io.github.lgtmbootstrap.testkit.assertions;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.UncheckedIOException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The one exception-type rule that span events and log records share. */
class ExceptionTypeRuleTest {

  @Test
  void fullClassNameMatches() {
    assertThat(Criterion.recordsException(Map.of("exception.type", "java.lang.IllegalStateException"),
        IllegalStateException.class)).isTrue();
  }

  @Test
  void simpleNameAsSomeLoggersRecordItMatches() {
    assertThat(Criterion.recordsException(Map.of("exception.type", "IllegalStateException"),
        IllegalStateException.class)).isTrue();
  }

  @Test
  void flattenedKeyOfLokiAndPrometheusMatches() {
    assertThat(Criterion.recordsException(Map.of("exception_type", "java.io.UncheckedIOException"),
        UncheckedIOException.class)).isTrue();
  }

  @Test
  void otherTypesAndNameSuffixesDoNotMatch() {
    assertThat(Criterion.recordsException(Map.of("exception.type", "java.lang.IllegalArgumentException"),
        IllegalStateException.class)).isFalse();
    assertThat(Criterion.recordsException(Map.of("exception.type", "MyIllegalStateException"),
        IllegalStateException.class)).isFalse();
    assertThat(Criterion.recordsException(Map.of(), IllegalStateException.class)).isFalse();
  }
}
