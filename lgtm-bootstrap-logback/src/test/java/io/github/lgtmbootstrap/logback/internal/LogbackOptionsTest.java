package io.github.lgtmbootstrap.logback.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lgtmbootstrap.logback.LgtmLogback;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class LogbackOptionsTest {

  @Test
  void defaultsAreTheDocumentedOnes() {
    LogbackOptions options = LogbackOptions.defaults();
    assertThat(options.enabled()).isTrue();
    assertThat(options.mdc()).isTrue();
    assertThat(options.keyValuePairs()).isTrue();
    assertThat(options.markers()).isTrue();
    assertThat(options.thread()).as("off by default, as in OpenTelemetry's appender").isFalse();
    assertThat(options.code()).isFalse();
    assertThat(options.traceIdsInMdc()).isTrue();
    assertThat(options.preinitBuffer()).isEqualTo(1000);
    assertThat(options.async()).isFalse();
    assertThat(options.console()).isFalse();
    assertThat(options.jul()).isTrue();
    for (LogbackOptions.Key key : LogbackOptions.Key.values()) {
      // Every default must parse: resolve() with only that key set to its default equals defaults().
      LogbackOptions same = LogbackOptions.resolve(k -> k.equals(key.property())
          ? Optional.of(key.defaultValue()) : Optional.empty());
      assertThat(same.toString()).isEqualTo(options.toString());
    }
  }

  @Test
  void keysAreDottedUniqueAndAcceptedByTheBuilder() {
    Set<String> seen = new HashSet<>();
    for (LogbackOptions.Key key : LogbackOptions.Key.values()) {
      // Core normalises dashes to dots; dotted keys mean the same spelling works everywhere.
      assertThat(key.property()).matches("lgtm\\.logback(\\.[a-z]+)*");
      assertThat(seen.add(key.property())).as("duplicate %s", key.property()).isTrue();
      assertThat(key.meaning()).isNotBlank();
      LgtmLogback.builder().setProperty(key.property(), key.defaultValue());
    }
    assertThat(LogbackOptions.envName("lgtm.logback.async.queue.size")).isEqualTo("LGTM_LOGBACK_ASYNC_QUEUE_SIZE");
  }

  @Test
  void everyBadValueIsReportedAtOnceWithWhatToDo() {
    Map<String, String> bad = Map.of(
        "lgtm.logback.thread", "maybe",
        "lgtm.logback.preinit.buffer", "lots",
        "lgtm.logback.console.max.line", "10");
    assertThatThrownBy(() -> LogbackOptions.resolve(k -> Optional.ofNullable(bad.get(k))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("3 problems")
        .hasMessageContaining("lgtm.logback.thread 'maybe' is not a boolean; use true or false (default false)")
        .hasMessageContaining("lgtm.logback.preinit.buffer 'lots' is not a whole number; use a value from 0")
        .hasMessageContaining("lgtm.logback.console.max.line '10' is out of range; use a whole number from 80");
  }

  /** README.md's logback table is this output (readme-check keeps the two equal). */
  @Test
  void markdownTableListsEveryKeyWithItsEnvironmentName() {
    String table = LogbackOptions.markdownTable();
    assertThat(table.lines().skip(2)).hasSize(LogbackOptions.Key.values().length);
    assertThat(table).contains("| `lgtm.logback.console` (`LGTM_LOGBACK_CONSOLE`) | `false` |");
  }
}
