package io.github.lgtmbootstrap.core.internal;

import static io.github.lgtmbootstrap.core.internal.ConfigKeys.*;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Our defaults: the lowest configuration layer, handed to autoconfigure with {@code addPropertiesSupplier} so
 * that every system property and environment variable still wins. They fit {@code grafana/otel-lgtm}:
 * OTLP over HTTP/protobuf on port 4318 for all three signals (bare autoconfigure would use gRPC on 4317).
 */
public final class Defaults {

  /** The development profile, the default. */
  public static final String DEV = "dev";
  /** The production profile. */
  public static final String PRODUCTION = "production";

  /**
   * Dev span queue ({@code otel.bsp.max.queue.size}); measured ~0.8 KB of heap per waiting span (README).
   */
  public static final int DEV_BSP_QUEUE = 50_000;
  /**
   * Dev log record queue ({@code otel.blrp.max.queue.size}): holds a burst of 8 threads x 10,000 logback lines
   * while a local backend catches up (the SDK's 2048 lost 97% of it); measured ~0.6 KB per waiting record.
   */
  public static final int DEV_BLRP_QUEUE = 100_000;

  private Defaults() {}

  /** Defaults for a profile; an unknown profile gets the dev defaults (validation reports it). */
  public static Map<String, String> forProfile(String profile) {
    boolean prod = PRODUCTION.equals(profile);
    Map<String, String> d = new LinkedHashMap<>();
    d.put(OTLP_PROTOCOL, "http/protobuf");
    d.put(OTLP_ENDPOINT, "http://localhost:4318");
    d.put(TRACES_EXPORTER, "otlp");
    d.put(METRICS_EXPORTER, "otlp");
    d.put(LOGS_EXPORTER, "otlp");
    d.put(METRIC_INTERVAL, prod ? "60s" : "5s");
    d.put(BSP_DELAY, prod ? "5s" : "500ms");
    d.put(BLRP_DELAY, prod ? "1s" : "500ms");
    d.put(OTLP_TIMEOUT, prod ? "10s" : "5s");
    d.put(OTLP_COMPRESSION, prod ? "gzip" : "none");
    // A short-lived production app sends everything in the last batch (spans wait up to 5 s for a batch), to a
    // remote endpoint: a cold JVM's first export plus TLS and round trips to a far backend (or a proxy checking a
    // password hash) took 1.5-3 s in ExitBench; 1 s dropped it. 5 s stays inside `docker stop`'s 10 s grace.
    d.put(SHUTDOWN_TIMEOUT, prod ? "5s" : "1s");
    if (!prod) {
      d.put(BSP_QUEUE, Integer.toString(DEV_BSP_QUEUE));
      d.put(BLRP_QUEUE, Integer.toString(DEV_BLRP_QUEUE));
    }
    return Map.copyOf(d);
  }
}
