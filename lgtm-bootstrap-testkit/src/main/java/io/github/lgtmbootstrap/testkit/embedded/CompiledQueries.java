package io.github.lgtmbootstrap.testkit.embedded;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Raw queries compiled once per text: an assertion polls the same TraceQL, LogQL or PromQL every few
 * milliseconds, and the compiled form is immutable. Keeps the most recently used few; thread-safe. A query that
 * does not compile is not kept (its assertion stops at once anyway).
 *
 * @param <V> the compiled form
 */
final class CompiledQueries<V> {

  private static final int MAX_KEPT = 64;

  private final Function<String, V> compiler;
  private final Map<String, V> byText = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
      return size() > MAX_KEPT;
    }
  };

  CompiledQueries(Function<String, V> compiler) {
    this.compiler = compiler;
  }

  /** Returns the compiled query; a null text reaches the compiler, which rejects it. */
  V get(String text) {
    synchronized (byText) {
      V compiled = byText.get(text);
      if (compiled != null) {
        return compiled;
      }
    }
    V compiled = compiler.apply(text);
    synchronized (byText) {
      byText.put(text, compiled);
    }
    return compiled;
  }
}
