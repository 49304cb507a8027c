package io.github.lgtmbootstrap.testkit.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CompiledQueriesTest {

  @Test
  void compilesEachTextOnceAndNeverKeepsAFailure() {
    List<String> compiled = new ArrayList<>();
    CompiledQueries<String> queries = new CompiledQueries<>(text -> {
      compiled.add(text);
      if (text.equals("bad")) {
        throw new IllegalArgumentException("bad query");
      }
      return text.toUpperCase();
    });

    assertThat(queries.get("{a}")).isEqualTo("{A}");
    assertThat(queries.get("{a}")).isEqualTo("{A}");
    assertThat(queries.get("{b}")).isEqualTo("{B}");
    assertThatThrownBy(() -> queries.get("bad")).hasMessage("bad query");
    assertThatThrownBy(() -> queries.get("bad")).hasMessage("bad query");

    assertThat(compiled).containsExactly("{a}", "{b}", "bad", "bad");
  }

  @Test
  void keepsOnlyTheMostRecentlyUsedQueries() {
    List<String> compiled = new ArrayList<>();
    CompiledQueries<String> queries = new CompiledQueries<>(text -> {
      compiled.add(text);
      return text;
    });
    for (int i = 0; i < 100; i++) {
      queries.get("q" + i);
    }
    queries.get("q99");
    queries.get("q0");

    assertThat(compiled).hasSize(101).endsWith("q0");
  }
}
