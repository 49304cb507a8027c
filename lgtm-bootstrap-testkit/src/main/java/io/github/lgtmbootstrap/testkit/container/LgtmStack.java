package io.github.lgtmbootstrap.testkit.container;

import java.net.URI;

/**
 * A started grafana/otel-lgtm container, seen without Testcontainers types so that the rest of the testkit loads
 * without the optional dependency.
 */
interface LgtmStack extends AutoCloseable {

  /** The URL of a container port as mapped on the host, such as {@code http://localhost:32768}. */
  URI url(int containerPort);

  /** The last lines the container printed (its components' logs), for failure messages. */
  String logTail(int lines);

  /** Whether the container is kept for the next run. */
  boolean reused();

  /** Stops the container unless it is reused; never throws. */
  @Override
  void close();
}
