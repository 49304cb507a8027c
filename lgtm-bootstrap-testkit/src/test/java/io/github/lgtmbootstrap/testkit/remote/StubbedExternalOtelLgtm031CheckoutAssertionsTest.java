package io.github.lgtmbootstrap.testkit.remote;

/**
 * The stubbed external checkout assertions on the answers of Tempo 3.0.3, Loki 3.7.6 and Prometheus 3.14.0, the
 * versions grafana/otel-lgtm 0.31.0 ships (Tempo recorded with {@code query_end_cutoff: 0s}, Prometheus without
 * {@code keep_identifying_resource_attributes}).
 */
class StubbedExternalOtelLgtm031CheckoutAssertionsTest extends StubbedExternalCheckoutAssertionsTest {

  @Override
  FixtureStub.FixtureSet fixtureSet() {
    return FixtureStub.FixtureSet.OTEL_LGTM_0_31_0;
  }
}
