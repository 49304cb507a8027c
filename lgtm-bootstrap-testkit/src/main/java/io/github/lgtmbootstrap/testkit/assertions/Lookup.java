package io.github.lgtmbootstrap.testkit.assertions;

import io.github.lgtmbootstrap.testkit.model.Span;
import io.github.lgtmbootstrap.testkit.query.TelemetryQuery;
import io.github.lgtmbootstrap.testkit.query.TelemetrySource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The side queries criteria need during one poll (the spans of a trace, the spans with a name), each asked at
 * most once per poll. Not thread-safe: one poll, one thread.
 */
final class Lookup {

  private final TelemetrySource source;
  private final TelemetryQuery scope;
  private final Map<String, List<Span>> byTrace = new HashMap<>();
  private final Map<String, List<Span>> byName = new HashMap<>();

  Lookup(TelemetrySource source, TelemetryQuery scope) {
    this.source = source;
    this.scope = scope;
  }

  List<Span> spansInTrace(String traceId) {
    return byTrace.computeIfAbsent(traceId, id -> source.spans(scope.withTraceId(id)).items().stream()
        .filter(span -> span.traceId().equalsIgnoreCase(id))
        .toList());
  }

  List<Span> spansNamed(String name) {
    return byName.computeIfAbsent(name, n -> source.spans(scope.withName(n)).items().stream()
        .filter(span -> span.name().equals(n))
        .toList());
  }
}
