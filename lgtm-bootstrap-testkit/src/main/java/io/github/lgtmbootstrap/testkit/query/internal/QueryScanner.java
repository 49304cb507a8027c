package io.github.lgtmbootstrap.testkit.query.internal;

import java.util.Objects;

/**
 * A cursor over a query text with the few token readers the subsets need, and one way to reject what a subset
 * does not support: an {@link IllegalArgumentException} naming the subset, the offending part and its column.
 */
final class QueryScanner {

  private final String subset;
  private final String supported;
  private final String text;
  private int position;

  /**
   * Creates a scanner.
   *
   * @param subset such as {@code TraceQL}, for messages
   * @param supported one sentence listing what the subset supports, for messages
   * @param text the query
   */
  QueryScanner(String subset, String supported, String text) {
    this.subset = subset;
    this.supported = supported;
    this.text = Objects.requireNonNull(text, subset + " query");
  }

  /** The position of the next token (after spaces). */
  int position() {
    skipSpaces();
    return position;
  }

  boolean atEnd() {
    skipSpaces();
    return position >= text.length();
  }

  void skipSpaces() {
    while (position < text.length() && Character.isWhitespace(text.charAt(position))) {
      position++;
    }
  }

  /** Consumes {@code token} if the text continues with it (after spaces). */
  boolean accept(String token) {
    skipSpaces();
    if (text.startsWith(token, position)) {
      position += token.length();
      return true;
    }
    return false;
  }

  boolean peek(String token) {
    skipSpaces();
    return text.startsWith(token, position);
  }

  void expect(String token, String what) {
    if (!accept(token)) {
      throw unsupported(what);
    }
  }

  /** Reads a run of characters that are letters, digits or one of {@code extra}; empty when none. */
  String word(String extra) {
    skipSpaces();
    int start = position;
    while (position < text.length()) {
      char c = text.charAt(position);
      if (Character.isLetterOrDigit(c) || extra.indexOf(c) >= 0) {
        position++;
      } else {
        break;
      }
    }
    return text.substring(start, position);
  }

  boolean atStringStart() {
    skipSpaces();
    return position < text.length() && (text.charAt(position) == '"' || text.charAt(position) == '`');
  }

  /** Reads a double-quoted string with backslash escapes, or a raw backtick string. */
  String string() {
    skipSpaces();
    if (position >= text.length()) {
      throw unsupported("a quoted string");
    }
    char quote = text.charAt(position);
    if (quote == '`') {
      int end = text.indexOf('`', position + 1);
      if (end < 0) {
        throw unsupported("a closing `");
      }
      String value = text.substring(position + 1, end);
      position = end + 1;
      return value;
    }
    if (quote != '"') {
      throw unsupported("a quoted string");
    }
    StringBuilder value = new StringBuilder();
    int i = position + 1;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '\\' && i + 1 < text.length()) {
        char next = text.charAt(i + 1);
        value.append(next == 'n' ? '\n' : next == 't' ? '\t' : next);
        i += 2;
      } else if (c == '"') {
        position = i + 1;
        return value.toString();
      } else {
        value.append(c);
        i++;
      }
    }
    throw unsupported("a closing \"");
  }

  /** The rest of the text from the current position, abbreviated, for messages. */
  String rest() {
    skipSpaces();
    String rest = text.substring(Math.min(position, text.length()));
    return rest.length() > 40 ? rest.substring(0, 40) + "..." : rest;
  }

  /**
   * An error for what stands at the current position.
   *
   * @param expected what the subset would have accepted here
   */
  IllegalArgumentException unsupported(String expected) {
    skipSpaces();
    String found = position >= text.length() ? "the end of the query" : "'" + rest() + "'";
    return new IllegalArgumentException(subset + " query outside the subset the embedded backend supports: found "
        + found + " at column " + (position + 1) + " where it expected " + expected + ", in: " + text
        + "\n  Supported: " + supported
        + "\n  Use the container or external backend (lgtm.testkit.backend) for full " + subset + ".");
  }

  /** An error for a whole part that the subset does not support (such as a function or an operator). */
  IllegalArgumentException unsupportedPart(String part, int column) {
    return new IllegalArgumentException(subset + " query outside the subset the embedded backend supports: '"
        + part + "' at column " + (column + 1) + " is not supported, in: " + text
        + "\n  Supported: " + supported
        + "\n  Use the container or external backend (lgtm.testkit.backend) for full " + subset + ".");
  }
}
