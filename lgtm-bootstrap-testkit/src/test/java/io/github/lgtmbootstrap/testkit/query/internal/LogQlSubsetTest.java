package io.github.lgtmbootstrap.testkit.query.internal;

import static io.github.lgtmbootstrap.testkit.query.internal.SubsetFixtures.LOGS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lgtmbootstrap.testkit.model.LogEntry;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LogQlSubsetTest {

  private static List<String> select(String logql) {
    return LOGS.stream().filter(LogQlSubset.compile(logql)).map(LogEntry::body).toList();
  }

  @Test
  void streamSelectorMatchesResourceAttributesByLokiLabelName() {
    assertThat(select("{service_name=\"checkout\"}")).hasSize(3);
    assertThat(select("{service_name=\"inventory\"}")).containsExactly("stock checked");
    assertThat(select("{service_name=\"checkout\", deployment_environment=~\"test|ci\"}")).hasSize(3);
    assertThat(select("{service_name!=\"checkout\"}")).containsExactly("stock checked");
    assertThat(select("{service_name=~\"check\"}")).isEmpty();
    assertThat(select("{service_name!~\"check.*\"}")).containsExactly("stock checked");
  }

  @Test
  void missingLabelMatchesEmptyString() {
    assertThat(select("{service_name=~\".+\", deployment_environment=\"\"}")).containsExactly("stock checked");
  }

  @Test
  void lineFiltersContainAndRegexFind() {
    assertThat(select("{service_name=\"checkout\"} |= \"order\"")).containsExactly("checkout started for order ord-42");
    assertThat(select("{service_name=\"checkout\"} != \"order\"")).hasSize(2);
    assertThat(select("{service_name=\"checkout\"} |~ \"ord-[0-9]+\"")).containsExactly("checkout started for order ord-42");
    assertThat(select("{service_name=\"checkout\"} !~ \"slow|failed\"")).containsExactly("checkout started for order ord-42");
    assertThat(select("{service_name=\"checkout\"} |= `out of stock` |= \"inventory\"")).hasSize(1);
    // line filters are case-sensitive, as in Loki
    assertThat(select("{service_name=\"checkout\"} |= \"ORDER\"")).isEmpty();
  }

  @Test
  void labelFiltersSeeStructuredMetadataFields() {
    assertThat(select("{service_name=\"checkout\"} | trace_id=\"5b8efff798038103d269b633813fc60c\" | severity_text=\"ERROR\""))
        .containsExactly("inventory reservation failed: out of stock");
    assertThat(select("{service_name=\"checkout\"} | span_id=\"eee19b7ec3c1b175\"")).containsExactly("payment provider slow, retrying");
    assertThat(select("{service_name=\"checkout\"} | order_id=\"ord-42\"")).hasSize(1);
    assertThat(select("{service_name=\"checkout\"} | retry=\"1\"")).hasSize(1);
    assertThat(select("{service_name=\"checkout\"} | exception_type=~\".*OutOfStock.*\"")).hasSize(1);
    assertThat(select("{service_name=\"checkout\"} | severity_number=\"13\"")).containsExactly("payment provider slow, retrying");
    assertThat(select("{service_name=\"checkout\"} | host_name=\"devbox\" | scope_name=\"com.example.checkout\"")).hasSize(3);
  }

  @ParameterizedTest
  @CsvSource(delimiterString = " ==> ", quoteCharacter = '#', value = {
      "{} ==> at least one label matcher",
      "{service_name=\"checkout\"} | json ==> '| json' at column 27",
      "{service_name=\"checkout\"} | line_format \"{{.x}}\" ==> '| line_format' at column 27",
      "sum(count_over_time({service_name=\"checkout\"}[1h])) ==> 'sum(...) (metric queries)' at column 1",
      "{service_name=\"checkout\"} | retry > 1 ==> '| retry' at column 27",
      "{service_name=\"checkout\"} | retry=1 ==> numeric label filters are not supported",
      "{service_name=\"checkout\"} |= 42 ==> a quoted string",
      "{service_name=\"checkout\" ==> found the end of the query at column 25 where it expected , or }",
      "{service_name=\"checkout\"} ~ \"x\" ==> expected a line filter",
      "service_name=\"checkout\" ==> 'service_name(...) (metric queries)' at column 1",
      })
  void outsideTheSubsetIsRejectedNamingSubsetAndPart(String logql, String part) {
    assertThatThrownBy(() -> LogQlSubset.compile(logql))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("LogQL query outside the subset the embedded backend supports")
        .hasMessageContaining(part)
        .hasMessageContaining("Supported: {label=\"value\", ...}");
  }
}
