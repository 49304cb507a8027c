package io.github.lgtmbootstrap.testkit.query.internal;

import io.github.lgtmbootstrap.testkit.model.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The TraceQL subset the embedded backend evaluates: one span set filter of conditions joined by {@code &&}.
 *
 * <pre>
 * { span.order.id = "42" &amp;&amp; resource.service.name =~ "check.*" &amp;&amp; .retry != true
 *   &amp;&amp; name = "charge-card"
 *   &amp;&amp; status = error &amp;&amp; kind = client &amp;&amp; span.http.response.status_code = 200 }
 * </pre>
 *
 * <ul>
 *   <li>fields: {@code span.<attr>}, {@code resource.<attr>}, unscoped {@code .<attr>} (span or resource), the
 *       intrinsics {@code name}, {@code status}, {@code kind} (also as {@code span:name}, ...);
 *   <li>operators {@code =}, {@code !=}, {@code =~}, {@code !~} (regular expressions fully anchored);
 *   <li>literals: {@code "strings"}, numbers, {@code true}/{@code false}; for status {@code ok|error|unset}, for
 *       kind {@code server|client|producer|consumer|internal|unspecified}.
 * </ul>
 *
 * <p>As in Tempo, types must agree ({@code span.code = "200"} does not match the integer 200) and a missing
 * attribute matches no condition, not even {@code !=}. Everything else ({@code ||}, comparisons, pipelines,
 * structural operators, {@code duration}, events) is rejected with an {@link IllegalArgumentException} naming the
 * subset and the offending part.
 */
public final class TraceQlSubset {

  static final String SUPPORTED = "{ cond && cond ... } where cond is span.<attr>, resource.<attr>, .<attr>, "
      + "name, status or kind, compared with =, !=, =~ or !~ to a \"string\", a number, true/false, "
      + "ok|error|unset (status) or server|client|producer|consumer|internal|unspecified (kind)";

  private enum Scope { SPAN, RESOURCE, ANY }

  private TraceQlSubset() {}

  /**
   * Compiles a query.
   *
   * @param traceql the query, such as <code>{ span.order.id = "42" }</code>
   * @return a predicate matching the spans the query selects
   * @throws IllegalArgumentException when the query is outside the subset, naming the subset and the part
   */
  public static Predicate<Span> compile(String traceql) {
    QueryScanner scanner = new QueryScanner("TraceQL", SUPPORTED, traceql);
    scanner.expect("{", "{ to open a span set");
    List<Predicate<Span>> conditions = new ArrayList<>();
    if (!scanner.accept("}")) {
      while (true) {
        conditions.add(condition(scanner));
        if (scanner.accept("&&")) {
          continue;
        }
        if (scanner.peek("||")) {
          throw scanner.unsupportedPart("||", scanner.position());
        }
        scanner.expect("}", "&& or }");
        break;
      }
    }
    if (!scanner.atEnd()) {
      throw scanner.unsupportedPart(scanner.rest(), scanner.position());
    }
    List<Predicate<Span>> all = List.copyOf(conditions);
    return span -> all.stream().allMatch(condition -> condition.test(span));
  }

  private static Predicate<Span> condition(QueryScanner scanner) {
    int start = scanner.position();
    if (scanner.accept("span.")) {
      return attribute(scanner, Scope.SPAN, attributeName(scanner));
    }
    if (scanner.accept("resource.")) {
      return attribute(scanner, Scope.RESOURCE, attributeName(scanner));
    }
    if (scanner.accept(".")) {
      return attribute(scanner, Scope.ANY, attributeName(scanner));
    }
    scanner.accept("span:");
    String intrinsic = scanner.word("_");
    switch (intrinsic) {
      case "name":
        return name(scanner);
      case "status":
        return status(scanner);
      case "kind":
        return kind(scanner);
      case "":
        throw scanner.unsupported("span.<attr>, resource.<attr>, .<attr>, name, status or kind");
      default:
        throw scanner.unsupportedPart(intrinsic, start);
    }
  }

  private static String attributeName(QueryScanner scanner) {
    String name = scanner.word("._-/");
    if (name.isEmpty()) {
      throw scanner.unsupported("an attribute name");
    }
    return name;
  }

  private static String operator(QueryScanner scanner) {
    for (String operator : List.of("=~", "!~", "!=", "=")) {
      if (scanner.accept(operator)) {
        return operator;
      }
    }
    int at = scanner.position();
    for (String operator : List.of(">=", "<=", ">", "<")) {
      if (scanner.peek(operator)) {
        throw scanner.unsupportedPart(operator, at);
      }
    }
    throw scanner.unsupported("=, !=, =~ or !~");
  }

  private static Predicate<Span> name(QueryScanner scanner) {
    String operator = operator(scanner);
    if (!scanner.atStringStart()) {
      throw scanner.unsupported("a \"string\" to compare the span name with");
    }
    Matcher matcher = Matcher.of("name", operator, scanner.string(), scanner);
    return span -> matcher.test(span.name());
  }

  private static Predicate<Span> status(QueryScanner scanner) {
    String operator = enumOperator(scanner);
    String word = scanner.word("");
    StatusCode code;
    switch (word.toLowerCase(Locale.ROOT)) {
      case "ok":
        code = StatusCode.OK;
        break;
      case "error":
        code = StatusCode.ERROR;
        break;
      case "unset":
        code = StatusCode.UNSET;
        break;
      default:
        throw scanner.unsupported("ok, error or unset (unquoted) after status " + operator);
    }
    boolean equal = operator.equals("=");
    return span -> (span.statusCode() == code) == equal;
  }

  private static Predicate<Span> kind(QueryScanner scanner) {
    String operator = enumOperator(scanner);
    String word = scanner.word("").toLowerCase(Locale.ROOT);
    Map<String, SpanKind> kinds = Map.of("server", SpanKind.SERVER, "client", SpanKind.CLIENT,
        "producer", SpanKind.PRODUCER, "consumer", SpanKind.CONSUMER, "internal", SpanKind.INTERNAL);
    boolean equal = operator.equals("=");
    if (word.equals("unspecified")) {
      // OpenTelemetry Java has no unspecified kind: no span is one
      return span -> !equal;
    }
    SpanKind kind = kinds.get(word);
    if (kind == null) {
      throw scanner.unsupported("server, client, producer, consumer, internal or unspecified (unquoted) after kind "
          + operator);
    }
    return span -> (span.kind() == kind) == equal;
  }

  private static String enumOperator(QueryScanner scanner) {
    int at = scanner.position();
    String operator = operator(scanner);
    if (operator.endsWith("~")) {
      throw scanner.unsupportedPart(operator + " on status or kind", at);
    }
    return operator;
  }

  private static Predicate<Span> attribute(QueryScanner scanner, Scope scope, String key) {
    String operator = operator(scanner);
    Predicate<Object> valueTest = literalTest(scanner, operator);
    return span -> {
      switch (scope) {
        case SPAN:
          return test(span.attributes().get(key), valueTest);
        case RESOURCE:
          return test(span.resource().get(key), valueTest);
        default:
          return test(span.attributes().get(key), valueTest) || test(span.resource().get(key), valueTest);
      }
    };
  }

  private static boolean test(Object value, Predicate<Object> valueTest) {
    return value != null && valueTest.test(value);
  }

  /** A test of a present attribute value against the literal that follows; types must agree as in Tempo. */
  private static Predicate<Object> literalTest(QueryScanner scanner, String operator) {
    boolean negated = operator.startsWith("!");
    if (scanner.atStringStart()) {
      Matcher matcher = Matcher.of("", operator, scanner.string(), scanner);
      return value -> value instanceof String text && matcher.test(text);
    }
    int at = scanner.position();
    if (operator.endsWith("~")) {
      throw scanner.unsupported("a \"string\" (regular expression) after " + operator);
    }
    String word = scanner.word(".-+");
    if (word.equals("true") || word.equals("false")) {
      boolean expected = Boolean.parseBoolean(word);
      return value -> value instanceof Boolean actual && (actual == expected) != negated;
    }
    try {
      double expected = Double.parseDouble(word);
      return value -> value instanceof Number actual
          && (Double.compare(actual.doubleValue(), expected) == 0) != negated;
    } catch (NumberFormatException notANumber) {
      if (word.isEmpty()) {
        throw scanner.unsupported("a \"string\", a number or true/false");
      }
      throw scanner.unsupportedPart(word, at);
    }
  }
}
