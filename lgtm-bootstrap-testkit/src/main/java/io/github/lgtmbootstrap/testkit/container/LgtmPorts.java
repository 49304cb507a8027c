package io.github.lgtmbootstrap.testkit.container;

import java.util.List;

/**
 * The ports grafana/otel-lgtm listens on inside the container. One list, derived from these constants, is exposed;
 * beware port lists copied from elsewhere (the Testcontainers LGTM javadoc swaps 4317 and 4318).
 */
final class LgtmPorts {

  /** OTLP over gRPC (the collector). */
  static final int OTLP_GRPC = 4317;
  /** OTLP over HTTP (the collector); the testkit's apps export here. */
  static final int OTLP_HTTP = 4318;
  /** Grafana's UI and Explore. */
  static final int GRAFANA = 3000;
  /** Loki's HTTP API. */
  static final int LOKI = 3100;
  /** Tempo's HTTP API. */
  static final int TEMPO = 3200;
  /** Prometheus' HTTP API. */
  static final int PROMETHEUS = 9090;

  /** Every port above, each once. */
  static final List<Integer> ALL = List.of(OTLP_GRPC, OTLP_HTTP, GRAFANA, LOKI, TEMPO, PROMETHEUS);

  private LgtmPorts() {}
}
