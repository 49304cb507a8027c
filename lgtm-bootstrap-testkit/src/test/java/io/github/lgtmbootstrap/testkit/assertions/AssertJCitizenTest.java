package io.github.lgtmbootstrap.testkit.assertions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lgtmbootstrap.testkit.model.InstrumentationScope;
import io.github.lgtmbootstrap.testkit.model.Span;
import io.github.lgtmbootstrap.testkit.query.QueryResult;
import io.github.lgtmbootstrap.testkit.query.TelemetryQuery;
import io.github.lgtmbootstrap.testkit.query.TelemetrySource;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/** The assertions behave as AssertJ assertions: descriptions, expected/actual, soft assertions. */
class AssertJCitizenTest {

  private static final TelemetryView VIEW = new TelemetryView(new TwoCheckouts(), TelemetryQuery.since(Instant.EPOCH),
      Polling.of(Duration.ofMillis(150), Duration.ofMillis(30), () -> {}));

  @Test
  void descriptionsLeadTheMessage() {
    assertThatThrownBy(() -> new TracesAssert(VIEW).as("refunds stay off").hasNoSpan("checkout"))
        .hasMessageStartingWith("[refunds stay off] Expected no span named [checkout] but found 2:");
    assertThatThrownBy(() -> new TracesAssert(VIEW).as("one checkout").hasSpanCount("checkout", 1))
        .hasMessageStartingWith("[one checkout] Expected exactly 1 spans named [checkout]");
    assertThatThrownBy(() -> new TracesAssert(VIEW).as("the payment").hasSpan("pay"))
        .hasMessageStartingWith("[the payment] Expected a span named [pay]");
  }

  @Test
  void countsAndAbsenceCarryExpectedAndActual() {
    assertThatThrownBy(() -> new TracesAssert(VIEW).hasSpanCount("checkout", 3))
        .isInstanceOfSatisfying(AssertionFailedError.class, failure -> {
          assertThat(failure.getExpected().getValue()).isEqualTo(3);
          assertThat(failure.getActual().getValue()).isEqualTo(2);
        });
    assertThatThrownBy(() -> new TracesAssert(VIEW).hasNoSpan("checkout"))
        .isInstanceOfSatisfying(AssertionFailedError.class, failure -> {
          assertThat(failure.getExpected().getValue()).isEqualTo(List.of());
          assertThat((List<?>) failure.getActual().getValue()).hasSize(2);
        });
  }

  @Test
  void softAssertionsCollectEveryFailure() {
    SoftAssertions softly = new SoftAssertions();
    softly.proxy(TracesAssert.class, TelemetrySource.class, VIEW).hasNoSpan("checkout");
    softly.proxy(TracesAssert.class, TelemetrySource.class, VIEW).hasSpanCount("checkout", 1);
    softly.proxy(TracesAssert.class, TelemetrySource.class, VIEW)
        .hasSpanSatisfying("checkout", span -> span.withKind(SpanKind.CLIENT));
    softly.proxy(TracesAssert.class, TelemetrySource.class, VIEW).hasSpanCount("checkout", 2);

    assertThat(softly.errorsCollected()).hasSize(3);
    assertThat(softly.errorsCollected().get(2)).hasMessageContaining("of kind CLIENT");
  }

  private static final class TwoCheckouts extends EmptySource {
    @Override
    public QueryResult<Span> spans(TelemetryQuery query) {
      Span span = new Span("0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331", "", "checkout", SpanKind.SERVER,
          StatusCode.UNSET, "", 1, 2, Map.of(), List.of(), Map.of(), InstrumentationScope.UNKNOWN);
      Span other = new Span("0af7651916cd43dd8448eb211c80319d", "b7ad6b7169203332", "", "checkout", SpanKind.SERVER,
          StatusCode.UNSET, "", 1, 2, Map.of(), List.of(), Map.of(), InstrumentationScope.UNKNOWN);
      return QueryResult.of(List.of(span, other), "spans");
    }
  }
}
