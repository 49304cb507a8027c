package io.github.lgtmbootstrap.testkit.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lgtmbootstrap.testkit.assertions.EmptySource;
import io.github.lgtmbootstrap.testkit.model.Exemplar;
import io.github.lgtmbootstrap.testkit.model.Metric;
import io.github.lgtmbootstrap.testkit.query.BackendQueryException;
import io.github.lgtmbootstrap.testkit.query.QueryResult;
import io.github.lgtmbootstrap.testkit.query.Signal;
import io.github.lgtmbootstrap.testkit.query.TelemetryQuery;
import io.github.lgtmbootstrap.testkit.query.TelemetrySource;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The container backend's source is the stores' source with the container log added to failures: what the
 * stores' source says about itself (Prometheus keeps attributes as text, asks for metrics at an instant and for
 * exemplars itself) must reach the assertions, not {@link TelemetrySource}'s defaults for the embedded store.
 */
class LogAttachingSourceTest {

  private static final TelemetryQuery QUERY = TelemetryQuery.since(Instant.EPOCH);

  /** Keeps types for traces only, answers metricsAt and exemplars itself, and fails metricsAt on demand. */
  private static final class Stores extends EmptySource {
    boolean fail;

    @Override
    public QueryResult<Metric> metricsAt(TelemetryQuery query, Instant at) {
      if (fail) {
        throw new BackendQueryException("Prometheus rejected the query with HTTP 503");
      }
      return QueryResult.of(List.of(), "checkout_orders_total @ " + at.getEpochSecond());
    }

    @Override
    public QueryResult<Exemplar> exemplars(Metric metric, TelemetryQuery scope) {
      return QueryResult.of(List.of(), "query_exemplars(checkout_latency_seconds_bucket)");
    }

    @Override
    public boolean keepsAttributeTypes(Signal signal) {
      return signal == Signal.TRACES;
    }
  }

  @Test
  void whatTheStoresSayAboutThemselvesReachesTheAssertions() {
    Stores stores = new Stores();
    TelemetrySource source = new ContainerBackend.LogAttachingSource(stores, () -> "\ncontainer log");

    assertThat(source.keepsAttributeTypes(Signal.TRACES)).isTrue();
    assertThat(source.keepsAttributeTypes(Signal.METRICS)).isFalse();
    assertThat(source.keepsAttributeTypes(Signal.LOGS)).isFalse();
    assertThat(source.metricsAt(QUERY, Instant.ofEpochSecond(42)).query()).isEqualTo("checkout_orders_total @ 42");
    assertThat(source.exemplars(null, QUERY).query()).isEqualTo("query_exemplars(checkout_latency_seconds_bucket)");

    stores.fail = true;
    assertThatThrownBy(() -> source.metricsAt(QUERY, Instant.ofEpochSecond(42)))
        .isInstanceOf(BackendQueryException.class)
        .hasMessageContaining("HTTP 503")
        .hasMessageContaining("container log");
  }
}
