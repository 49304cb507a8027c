package io.github.lgtmbootstrap.testkit.query.internal;

import io.github.lgtmbootstrap.testkit.model.LogEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The LogQL subset the embedded backend evaluates: a stream selector, then line filters and label filters.
 *
 * <pre>
 * {service_name="checkout", deployment_environment=~"test|ci"} |= "order" != "debug" |~ "ord-[0-9]+"
 *     | trace_id="5b8efff798038103d269b633813fc60c" | severity_text="ERROR"
 * </pre>
 *
 * <ul>
 *   <li>stream selector: at least one matcher {@code label op "value"} with {@code =}, {@code !=}, {@code =~},
 *       {@code !~} (regular expressions fully anchored) on resource attributes under Loki's label names
 *       ({@code service.name} is {@code service_name}: every character outside {@code [a-zA-Z0-9_]} becomes
 *       {@code _});
 *   <li>line filters {@code |=} (contains), {@code !=} (does not contain), {@code |~} (regular expression found),
 *       {@code !~} (not found) on the body, with {@code "..."} or {@code `...`} strings;
 *   <li>label filters {@code | label op "value"} on what Loki keeps as labels or structured metadata: resource
 *       and record attributes under their label names, {@code trace_id}, {@code span_id},
 *       {@code severity_text}, {@code severity_number}, {@code scope_name}, {@code scope_version}.
 * </ul>
 *
 * <p>The embedded store selects streams on every resource attribute; a real Loki indexes only some
 * ({@code service_name}, {@code service_namespace}, {@code service_instance_id}, {@code deployment_environment},
 * ...) and needs a label filter for the others. Parsers ({@code | json}), formatting, metric queries and
 * numeric comparisons are rejected with an {@link IllegalArgumentException} naming the subset and the part.
 */
public final class LogQlSubset {

  static final String SUPPORTED = "{label=\"value\", ...} with =, !=, =~, !~ on resource attributes "
      + "(service_name, ...), then line filters |= \"text\", != \"text\", |~ \"regex\", !~ \"regex\" and label "
      + "filters | label=\"value\" (also !=, =~, !~) on attributes, trace_id, span_id, severity_text, ...";

  private LogQlSubset() {}

  /**
   * Compiles a query.
   *
   * @param logql the query, such as <code>{service_name="checkout"} |= "placed"</code>
   * @return a predicate matching the records the query selects
   * @throws IllegalArgumentException when the query is outside the subset, naming the subset and the part
   */
  public static Predicate<LogEntry> compile(String logql) {
    QueryScanner scanner = new QueryScanner("LogQL", SUPPORTED, logql);
    if (!scanner.peek("{")) {
      String word = scanner.word("_");
      if (!word.isEmpty()) {
        throw scanner.unsupportedPart(word + "(...) (metric queries)", 0);
      }
    }
    scanner.expect("{", "{ to open the stream selector");
    List<Predicate<LogEntry>> conditions = new ArrayList<>();
    if (scanner.peek("}")) {
      throw scanner.unsupported("at least one label matcher (Loki rejects an empty selector)");
    }
    do {
      Matcher matcher = matcher(scanner);
      conditions.add(entry -> matcher.test(resourceLabel(entry, matcher.name())));
    } while (scanner.accept(","));
    scanner.expect("}", ", or }");
    while (!scanner.atEnd()) {
      int at = scanner.position();
      if (scanner.accept("|=")) {
        String text = scanner.string();
        conditions.add(entry -> entry.body().contains(text));
      } else if (scanner.accept("!=")) {
        String text = scanner.string();
        conditions.add(entry -> !entry.body().contains(text));
      } else if (scanner.accept("|~")) {
        Pattern pattern = regex(scanner, scanner.string(), at);
        conditions.add(entry -> pattern.matcher(entry.body()).find());
      } else if (scanner.accept("!~")) {
        Pattern pattern = regex(scanner, scanner.string(), at);
        conditions.add(entry -> !pattern.matcher(entry.body()).find());
      } else if (scanner.accept("|")) {
        String label = scanner.word("_");
        if (label.isEmpty()) {
          throw scanner.unsupported("a label filter such as | trace_id=\"...\"");
        }
        if (List.of("json", "logfmt", "regexp", "pattern", "unpack", "line_format", "label_format", "drop",
            "keep", "decolorize", "unwrap").contains(label) || !startsMatcher(scanner)) {
          throw scanner.unsupportedPart("| " + label, at);
        }
        Matcher matcher = matcherAfterName(scanner, label);
        conditions.add(entry -> matcher.test(anyLabel(entry, matcher.name())));
      } else {
        throw scanner.unsupported("a line filter (|=, !=, |~, !~) or a label filter (| label=\"value\")");
      }
    }
    List<Predicate<LogEntry>> all = List.copyOf(conditions);
    return entry -> all.stream().allMatch(condition -> condition.test(entry));
  }

  private static boolean startsMatcher(QueryScanner scanner) {
    return scanner.peek("=") || scanner.peek("!=") || scanner.peek("=~") || scanner.peek("!~");
  }

  private static Matcher matcher(QueryScanner scanner) {
    String label = scanner.word("_");
    if (label.isEmpty()) {
      throw scanner.unsupported("a label name");
    }
    return matcherAfterName(scanner, label);
  }

  private static Matcher matcherAfterName(QueryScanner scanner, String label) {
    return Matcher.parse(scanner, label, true, "a \"string\" (numeric label filters are not supported)");
  }

  private static Pattern regex(QueryScanner scanner, String regex, int at) {
    try {
      return Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      throw scanner.unsupportedPart("regular expression \"" + regex + "\" (" + e.getDescription() + ")", at);
    }
  }

  private static String resourceLabel(LogEntry entry, String label) {
    return find(entry.resource(), label);
  }

  private static String anyLabel(LogEntry entry, String label) {
    switch (label) {
      case "trace_id":
        return entry.traceId();
      case "span_id":
        return entry.spanId();
      case "severity_text":
        return entry.severityText();
      case "severity_number":
        return String.valueOf(entry.severity().getSeverityNumber());
      case "scope_name":
        return entry.scope().name();
      case "scope_version":
        return entry.scope().version();
      default:
        String value = find(entry.attributes(), label);
        return value != null ? value : find(entry.resource(), label);
    }
  }

  /** The value of the attribute whose Loki label name is {@code label}, as a string; null when none. */
  static String find(Map<String, Object> attributes, String label) {
    Object exact = attributes.get(label);
    if (exact != null) {
      return LabelValues.text(exact);
    }
    for (Map.Entry<String, Object> attribute : attributes.entrySet()) {
      if (LabelValues.labelName(attribute.getKey()).equals(label)) {
        return LabelValues.text(attribute.getValue());
      }
    }
    return null;
  }
}
