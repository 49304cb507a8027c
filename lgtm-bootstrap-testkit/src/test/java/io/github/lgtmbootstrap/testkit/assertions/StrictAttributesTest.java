package io.github.lgtmbootstrap.testkit.assertions;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lgtmbootstrap.testkit.model.InstrumentationScope;
import io.github.lgtmbootstrap.testkit.model.LogEntry;
import io.github.lgtmbootstrap.testkit.model.Span;
import io.github.lgtmbootstrap.testkit.query.QueryResult;
import io.github.lgtmbootstrap.testkit.query.Signal;
import io.github.lgtmbootstrap.testkit.query.TelemetryQuery;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Attribute expectations are typed and keys exact where the store keeps them; by text, saying so, where it does
 * not; loose only on request.
 */
class StrictAttributesTest {

  private static final Polling SHORT = Polling.of(Duration.ofMillis(150), Duration.ofMillis(30), () -> {});
  private static final TelemetryQuery ALL = TelemetryQuery.since(Instant.EPOCH);

  /** A span as an app with a semantic-convention bug sends it: the status code as a string, a flattened key. */
  private static final Span BUGGY = new Span("0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331", "",
      "GET /orders", SpanKind.SERVER, StatusCode.UNSET, "", 1, 2,
      Map.of("http.response.status_code", "200", "order_id", 42L, "ratio", 3.0, "retry", 1L), List.of(),
      Map.of("service.name", "shop"), InstrumentationScope.UNKNOWN);

  @Test
  void integerExpectationDoesNotMatchAStringAttribute() {
    assertThatThrownBy(() -> traces(true).hasSpan("GET /orders").withAttribute("http.response.status_code", 200))
        .hasMessageContaining("with attribute http.response.status_code=200 (integer)")
        .hasMessageContaining("http.response.status_code=\"200\"");
  }

  @Test
  void keysMatchExactly() {
    assertThatThrownBy(() -> traces(true).hasSpan("GET /orders").withAttribute("order.id", 42))
        .hasMessageContaining("with attribute order.id=42 (integer)");
    assertThatThrownBy(() -> traces(true).hasSpan("GET /orders").withAttribute("order.id"))
        .hasMessageContaining("with attribute order.id");
  }

  @Test
  void doubleAndIntegerAreDifferentTypes() {
    assertThatThrownBy(() -> traces(true).hasSpan("GET /orders").withAttribute("ratio", 3))
        .hasMessageContaining("ratio=3 (integer)");
    assertThatThrownBy(() -> traces(true).hasSpan("GET /orders").withAttribute("retry", 1.0))
        .hasMessageContaining("retry=1.0 (double)");
    assertThatCode(() -> traces(true).hasSpan("GET /orders").withAttribute("ratio", 3.0).withAttribute("retry", 1))
        .doesNotThrowAnyException();
  }

  @Test
  void typedKeysOfOpenTelemetry() {
    assertThatCode(() -> traces(true).hasSpan("GET /orders")
        .withAttribute(AttributeKey.stringKey("http.response.status_code"), "200")
        .withAttribute(AttributeKey.longKey("order_id"), 42L))
        .doesNotThrowAnyException();
    assertThatThrownBy(() -> traces(true).hasSpan("GET /orders")
        .withAttribute(AttributeKey.longKey("http.response.status_code"), 200L))
        .hasMessageContaining("http.response.status_code=200 (integer)");
  }

  @Test
  void looseMatchingIsAnOptIn() {
    assertThatCode(() -> traces(true).hasSpan("GET /orders")
        .withAttributeLoosely("http.response.status_code", 200)
        .withAttributeLoosely("order.id", "42"))
        .doesNotThrowAnyException();
  }

  @Test
  void storeThatKeepsTextComparesByTextAndSaysSo() {
    LogEntry log = new LogEntry(1, Severity.INFO, "INFO", "order placed", Map.of("order_id", "42"), "", "",
        Map.of("service.name", "shop"), InstrumentationScope.UNKNOWN);
    EmptySource loki = new EmptySource() {
      @Override
      public QueryResult<LogEntry> logs(TelemetryQuery query) {
        return QueryResult.of(List.of(log), "{service_name=\"shop\"}");
      }

      @Override
      public boolean keepsAttributeTypes(Signal signal) {
        return false;
      }
    };
    LogsAssert logs = new LogsAssert(loki, ALL, SHORT);

    assertThatCode(() -> logs.hasRecord("order placed").withAttribute("order.id", 42)).doesNotThrowAnyException();
    assertThatThrownBy(() -> logs.hasRecord("order placed").withAttribute("order.id", 43))
        .hasMessageContaining("order.id=43 (compared as text: this backend keeps these attributes as strings "
            + "under keys with _ for ., so it cannot check the type)");
  }

  private static TracesAssert traces(boolean typed) {
    EmptySource tempo = new EmptySource() {
      @Override
      public QueryResult<Span> spans(TelemetryQuery query) {
        return QueryResult.of(List.of(BUGGY), "{}");
      }

      @Override
      public boolean keepsAttributeTypes(Signal signal) {
        return typed;
      }
    };
    return new TracesAssert(tempo, ALL, SHORT);
  }
}
