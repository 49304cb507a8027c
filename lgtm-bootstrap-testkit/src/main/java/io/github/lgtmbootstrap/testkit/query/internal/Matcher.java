package io.github.lgtmbootstrap.testkit.query.internal;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A label or attribute matcher shared by the subsets: {@code =}, {@code !=}, {@code =~} and {@code !~} against a
 * string, regular expressions fully anchored as in Prometheus, Loki stream selectors and TraceQL.
 */
record Matcher(String name, String operator, String value, Pattern pattern) {

  /**
   * Reads the operator and quoted value that follow a label name, as Prometheus selectors and Loki stream
   * selectors and label filters write them.
   *
   * @param doubleEquals whether {@code ==} is accepted as {@code =} (LogQL label filters)
   * @param stringHint what the error says is expected when no quoted string follows
   */
  static Matcher parse(QueryScanner scanner, String label, boolean doubleEquals, String stringHint) {
    String operator;
    if (scanner.accept("=~")) {
      operator = "=~";
    } else if (scanner.accept("!~")) {
      operator = "!~";
    } else if (scanner.accept("!=")) {
      operator = "!=";
    } else if (doubleEquals && scanner.accept("==")) {
      operator = "=";
    } else if (scanner.accept("=")) {
      operator = "=";
    } else {
      throw scanner.unsupported("=, !=, =~ or !~ after " + label);
    }
    if (!scanner.atStringStart()) {
      throw scanner.unsupported(stringHint);
    }
    return of(label, operator, scanner.string(), scanner);
  }

  static Matcher of(String name, String operator, String value, QueryScanner scanner) {
    Pattern pattern = null;
    if (operator.endsWith("~")) {
      try {
        pattern = Pattern.compile(value);
      } catch (PatternSyntaxException e) {
        throw scanner.unsupportedPart("regular expression \"" + value + "\" (" + e.getDescription() + ")",
            scanner.position());
      }
    }
    return new Matcher(name, operator, value, pattern);
  }

  /**
   * Tests a value; a missing value (null) reads as the empty string, as Prometheus and Loki do for labels.
   */
  boolean test(String actual) {
    String text = actual == null ? "" : actual;
    switch (operator) {
      case "=":
        return text.equals(value);
      case "!=":
        return !text.equals(value);
      case "=~":
        return pattern.matcher(text).matches();
      default:
        return !pattern.matcher(text).matches();
    }
  }

  @Override
  public String toString() {
    return name + operator + '"' + value + '"';
  }
}
