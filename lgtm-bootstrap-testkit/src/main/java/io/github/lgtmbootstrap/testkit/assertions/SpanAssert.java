package io.github.lgtmbootstrap.testkit.assertions;

import io.github.lgtmbootstrap.testkit.model.AttributeValues;
import io.github.lgtmbootstrap.testkit.model.Span;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import java.util.Objects;
import java.util.function.BiPredicate;
import org.assertj.core.api.AbstractAssert;
import org.assertj.core.api.WritableAssertionInfo;

/**
 * Assertions on one span that arrived. Every {@code withX} method adds a requirement and waits until some span
 * passes all requirements so far (the span it returns may differ from this one), so chains are eventually
 * consistent too:
 *
 * <pre>{@code
 * lgtm.assertTraces().hasSpan("placeOrder")
 *     .withKind(SpanKind.SERVER)
 *     .withAttribute("order.items", 3)
 *     .withChild("chargeCard");
 * }</pre>
 *
 * <p>Attribute values compare strictly ({@link AttributeValues#matchesStrictly(Object, Object)}): {@code 3} matches
 * an integer attribute 3 under exactly that key, not {@code 3.0} nor {@code "3"}; {@link #withAttributeLoosely}
 * is the opt-in for the old, loose comparison.
 */
public class SpanAssert extends AbstractAssert<SpanAssert, Span> {

  private final Search<Span> search;

  private SpanAssert(Span actual, Search<Span> search) {
    super(actual, SpanAssert.class);
    this.search = search;
  }

  static SpanAssert of(Span actual, Search<Span> search, WritableAssertionInfo info) {
    SpanAssert assertion = new SpanAssert(actual, search);
    if (info.hasDescription()) {
      assertion.as(info.description());
    }
    return assertion;
  }

  /**
   * Requires an attribute with this value, strictly: the exact key, and the value's type as well as its value
   * ({@code 200} matches an integer attribute 200, not the string {@code "200"} nor the double {@code 200.0}).
   * On a backend that keeps attributes as text (Loki, Prometheus) the comparison is by text, and a failure says so.
   *
   * @param key attribute key
   * @param value expected value: {@code String}, {@code Boolean}, {@code Long}/{@code Integer}, {@code Double} or
   *     a {@code List} of these
   * @return an assertion on a span that has it
   */
  public SpanAssert withAttribute(String key, Object value) {
    return require(Criterion.attribute("with attribute ", Span::attributes, key, value, search.attributeMatch()));
  }

  /**
   * Requires an attribute with this value, typed by an OpenTelemetry {@link AttributeKey} (as
   * {@code AttributeKey.longKey("http.response.status_code")}); compared as {@link #withAttribute(String, Object)}
   * does.
   *
   * @param key the typed key
   * @param value expected value
   * @param <V> the key's value type
   * @return an assertion on a span that has it
   */
  public <V> SpanAssert withAttribute(AttributeKey<V> key, V value) {
    Objects.requireNonNull(key, "key");
    return withAttribute(key.getKey(), value);
  }

  /**
   * Requires an attribute with this value, loosely: the opt-in for code that records one attribute with varying
   * types. {@code 3} then matches {@code 3L}, {@code 3.0} and {@code "3"}, {@code true} matches
   * {@code "true"}, and {@code order.id} also finds {@code order_id}.
   *
   * @param key attribute key
   * @param value expected value
   * @return an assertion on a span that has it
   */
  public SpanAssert withAttributeLoosely(String key, Object value) {
    return require(Criterion.attribute("with attribute ", Span::attributes, key, value, Criterion.Match.LOOSE));
  }

  /**
   * Requires an attribute with any value.
   *
   * @param key attribute key
   * @return an assertion on a span that has it
   */
  public SpanAssert withAttribute(String key) {
    return require(Criterion.attributePresent(Span::attributes, key, search.attributeMatch()));
  }

  /**
   * Requires a resource attribute with this value, such as {@code service.name}.
   *
   * @param key resource attribute key
   * @param value expected value
   * @return an assertion on a span that has it
   */
  public SpanAssert withResourceAttribute(String key, Object value) {
    return require(Criterion.attribute("with resource attribute ", Span::resource, key, value, search.attributeMatch()));
  }

  /**
   * Requires a span kind.
   *
   * @param kind expected kind
   * @return an assertion on a span of that kind
   */
  public SpanAssert withKind(SpanKind kind) {
    Objects.requireNonNull(kind, "kind");
    return require("of kind " + kind, (span, lookup) -> span.kind() == kind);
  }

  /**
   * Requires a status code.
   *
   * @param status expected status code
   * @return an assertion on a span with that status
   */
  public SpanAssert withStatus(StatusCode status) {
    Objects.requireNonNull(status, "status");
    return require("with status " + status, (span, lookup) -> span.statusCode() == status);
  }

  /**
   * Requires an event with this name.
   *
   * @param name event name
   * @return an assertion on a span that has it
   */
  public SpanAssert withEvent(String name) {
    Objects.requireNonNull(name, "name");
    return require("with event [" + name + "]",
        (span, lookup) -> span.events().stream().anyMatch(event -> event.name().equals(name)));
  }

  /**
   * Requires a recorded exception ({@code exception} event) of this type or a subtype's name ending with it.
   *
   * @param type the exception class
   * @return an assertion on a span that recorded it
   */
  public SpanAssert withException(Class<? extends Throwable> type) {
    Objects.requireNonNull(type, "type");
    return require("with exception " + type.getName(),
        (span, lookup) -> span.events().stream()
            .anyMatch(event -> event.name().equals("exception") && Criterion.recordsException(event.attributes(), type)));
  }

  /**
   * Requires a child span with this name (same trace, parent is this span).
   *
   * @param name the child's name
   * @return an assertion on a span that has it
   */
  public SpanAssert withChild(String name) {
    Objects.requireNonNull(name, "name");
    return require("with child [" + name + "]", (span, lookup) -> lookup.spansInTrace(span.traceId()).stream()
        .anyMatch(other -> other.name().equals(name) && other.parentSpanId().equalsIgnoreCase(span.spanId())));
  }

  /**
   * Requires a parent span with this name.
   *
   * @param name the parent's name
   * @return an assertion on a span that has it
   */
  public SpanAssert withParent(String name) {
    Objects.requireNonNull(name, "name");
    return require("with parent [" + name + "]", (span, lookup) -> !span.isRoot()
        && lookup.spansInTrace(span.traceId()).stream()
            .anyMatch(other -> other.name().equals(name) && other.spanId().equalsIgnoreCase(span.parentSpanId())));
  }

  /**
   * Requires the span to have no parent.
   *
   * @return an assertion on a root span
   */
  public SpanAssert isRoot() {
    return require("that is a root span", (span, lookup) -> span.isRoot());
  }

  /**
   * Requires another span with this name in the same trace.
   *
   * @param name the other span's name
   * @return an assertion on a span that shares a trace with it
   */
  public SpanAssert inSameTraceAs(String name) {
    Objects.requireNonNull(name, "name");
    return require("in the same trace as [" + name + "]", (span, lookup) -> lookup.spansInTrace(span.traceId())
        .stream().anyMatch(other -> other.name().equals(name) && !other.spanId().equals(span.spanId())));
  }

  /**
   * Returns the span this assertion is about.
   *
   * @return the span
   */
  public Span span() {
    return actual;
  }

  private SpanAssert require(String requirement, BiPredicate<Span, Lookup> test) {
    return require(new Criterion<>(requirement, test));
  }

  private SpanAssert require(Criterion<Span> criterion) {
    isNotNull();
    Search<Span> narrowed = search.with(criterion);
    return of(narrowed.awaitMatch(descriptionText()), narrowed, info);
  }
}
