package io.github.lgtmbootstrap.testkit.remote;

import io.github.lgtmbootstrap.testkit.fixtures.DerivedAnswers;
import java.util.Map;

/**
 * Registers on fixture stubs the answers to requests that were not recorded; each is derived from a recording or
 * from the store's documentation, as {@link DerivedAnswers} (shared with the container stand-in) says.
 */
final class UnrecordedAnswers {

  /** What the testkit asks Prometheus for the checkout resource's {@code target_info} (by job, never service_name). */
  static final String TARGET_INFO_OF_CHECKOUT = DerivedAnswers.TARGET_INFO_OF_CHECKOUT;

  private UnrecordedAnswers() {}

  /** Registers every derived answer the checkout contract needs on the stubs of one fixture set. */
  static void register(FixtureStub tempo, FixtureStub prometheus) {
    targetInfoOfCheckout(prometheus, false);
    if (tempo.set() == FixtureStub.FixtureSet.OTEL_LGTM_0_31_0) {
      // the recording of this set ran Tempo with query_end_cutoff: 0s (its README)
      tempoConfiguration(tempo, "0s");
    }
  }

  /** {@link DerivedAnswers#targetInfoOfCheckout} of the stub's set. */
  static void targetInfoOfCheckout(FixtureStub prometheus, boolean keepIdentifying) {
    String body = DerivedAnswers.targetInfoOfCheckout(prometheus.set()::text,
        prometheus.set() == FixtureStub.FixtureSet.LEGACY, keepIdentifying);
    prometheus.answerUnrecorded("/api/v1/query", Map.of("query", TARGET_INFO_OF_CHECKOUT), 200,
        "application/json", body);
  }

  /** {@link DerivedAnswers#tempoConfiguration} with this cutoff. */
  static void tempoConfiguration(FixtureStub tempo, String queryEndCutoff) {
    tempo.answerUnrecorded("/status/config", Map.of(), 200, "text/plain; charset=utf-8",
        DerivedAnswers.tempoConfiguration(queryEndCutoff));
  }
}
