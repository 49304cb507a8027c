package io.github.lgtmbootstrap.testkit.query.internal;

import static io.github.lgtmbootstrap.testkit.query.internal.SubsetFixtures.SPANS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lgtmbootstrap.testkit.model.Span;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class TraceQlSubsetTest {

  private static List<String> select(String traceql) {
    return SPANS.stream().filter(TraceQlSubset.compile(traceql)).map(Span::name).toList();
  }

  @Test
  void emptySpanSetMatchesEverySpan() {
    assertThat(select("{}")).containsExactly("POST /checkout", "charge-card", "GET /stock");
    assertThat(select("  {  }  ")).hasSize(3);
  }

  @Test
  void scopedAttributesCompareWithTheirOwnScope() {
    assertThat(select("{resource.service.name=\"checkout\"}")).containsExactly("POST /checkout", "charge-card");
    assertThat(select("{span.order.id = \"ord-42\"}")).containsExactly("POST /checkout");
    // order.id is a span attribute, not a resource attribute
    assertThat(select("{resource.order.id = \"ord-42\"}")).isEmpty();
    // service.name is a resource attribute, not a span attribute
    assertThat(select("{span.service.name = \"checkout\"}")).isEmpty();
  }

  @Test
  void unscopedAttributesLookAtSpanThenResource() {
    assertThat(select("{.order.id=\"ord-42\"}")).containsExactly("POST /checkout");
    assertThat(select("{.service.name=\"inventory\"}")).containsExactly("GET /stock");
  }

  @Test
  void typedLiteralsMustAgreeWithTheAttributeType() {
    assertThat(select("{span.http.response.status_code = 200}")).containsExactly("POST /checkout");
    assertThat(select("{span.http.response.status_code = \"200\"}")).isEmpty();
    assertThat(select("{span.payment.amount = 42.5}")).containsExactly("charge-card");
    assertThat(select("{span.retried = true}")).containsExactly("charge-card");
    assertThat(select("{span.retried != false}")).containsExactly("charge-card");
    assertThat(select("{span.http.response.status_code != 500}")).containsExactly("POST /checkout");
  }

  @Test
  void notEqualNeedsThePresentAttributeAsInTempo() {
    assertThat(select("{span.order.id != \"ord-1\"}")).containsExactly("POST /checkout");
  }

  @Test
  void regexMatchersAreFullyAnchored() {
    assertThat(select("{resource.service.name =~ \"check.*\"}")).containsExactly("POST /checkout", "charge-card");
    assertThat(select("{resource.service.name =~ \"check\"}")).isEmpty();
    assertThat(select("{name !~ \"POST.*|GET.*\"}")).containsExactly("charge-card");
  }

  @Test
  void intrinsicsNameStatusKind() {
    assertThat(select("{name = \"charge-card\"}")).containsExactly("charge-card");
    assertThat(select("{span:name = \"charge-card\"}")).containsExactly("charge-card");
    assertThat(select("{status = error}")).containsExactly("GET /stock");
    assertThat(select("{status != unset && kind = server}")).containsExactly("POST /checkout", "GET /stock");
    assertThat(select("{kind = client}")).containsExactly("charge-card");
    assertThat(select("{kind = unspecified}")).isEmpty();
  }

  @Test
  void conditionsJoinedWithAndMustAllHold() {
    assertThat(select("{resource.service.name=\"checkout\" && name=\"charge-card\" && span.payment.provider=\"acme-pay\"}"))
        .containsExactly("charge-card");
    assertThat(select("{resource.service.name=\"checkout\" && name=\"GET /stock\"}")).isEmpty();
  }

  @Test
  void escapedQuotesInStrings() {
    Span quoted = new Span("a".repeat(32), "b".repeat(16), "", "say \"hi\"", SubsetFixtures.ROOT.kind(),
        SubsetFixtures.ROOT.statusCode(), "", 1, 2, java.util.Map.of(), List.of(), java.util.Map.of(),
        SubsetFixtures.SCOPE);
    assertThat(TraceQlSubset.compile("{name=\"say \\\"hi\\\"\"}").test(quoted)).isTrue();
  }

  @ParameterizedTest
  @CsvSource(delimiterString = " ==> ", quoteCharacter = '#', value = {
      "{ span.a = \"x\" || span.b = \"y\" } ==> '||' at column 16",
      "{ duration > 100ms } ==> 'duration' at column 3",
      "{ span.http.response.status_code >= 500 } ==> '>=' at column 34",
      "{ resource.service.name = \"checkout\" } | select(span.payment.provider) ==> '| select(span.payment.provider)' at column 40",
      "{ span.a = \"x\" } && { span.b = \"y\" } ==> '&& { span.b = \"y\" }' at column 18",
      "{ event.name = \"x\" } ==> 'event' at column 3",
      "{ status = \"error\" } ==> expected ok, error or unset",
      "{ status =~ \"err.*\" } ==> '=~ on status or kind' at column 10",
      "{ name = 5 } ==> expected a \"string\" to compare the span name with",
      "span.a = \"x\" ==> expected { to open a span set",
      "{ span.a = \"x\" ==> found the end of the query at column 15 where it expected && or }",
      "{ span.a = x } ==> 'x' at column 12",
      "{ span.a =~ \"(\" } ==> regular expression \"(\"",
      })
  void outsideTheSubsetIsRejectedNamingSubsetAndPart(String traceql, String part) {
    assertThatThrownBy(() -> TraceQlSubset.compile(traceql))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("TraceQL query outside the subset the embedded backend supports")
        .hasMessageContaining(part)
        .hasMessageContaining("Supported: { cond && cond ... }")
        .hasMessageContaining("container or external backend");
  }
}
