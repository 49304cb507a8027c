package io.github.lgtmbootstrap.core.http;

import io.github.lgtmbootstrap.core.http.internal.HttpInstrumenters;
import io.github.lgtmbootstrap.core.http.internal.LazyInstrumenter;
import io.github.lgtmbootstrap.core.http.internal.TracingHttpClient;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import java.net.http.HttpClient;
import java.util.Objects;

/**
 * Traces the JDK's {@link HttpClient} in one line: wrap it once and use the wrapper everywhere.
 *
 * <pre>{@code
 * Lgtm.init();
 * HttpClient client = LgtmHttpClient.wrap(HttpClient.newHttpClient());
 * HttpResponse<String> response =
 *     client.send(HttpRequest.newBuilder(URI.create("http://localhost:8081/stock")).build(),
 *         HttpResponse.BodyHandlers.ofString());
 * }</pre>
 *
 * <p>Every {@code send} and {@code sendAsync} becomes one {@code CLIENT} span, a child of the span current at the
 * call, built by OpenTelemetry's {@code opentelemetry-instrumentation-api} HTTP extractors:
 *
 * <ul>
 *   <li>name {@code METHOD} (such as {@code GET}; client spans have no route), attributes
 *       {@code http.request.method}, {@code http.response.status_code}, {@code url.full} (credentials redacted),
 *       {@code server.address}, {@code server.port}, {@code network.protocol.version};
 *   <li>status {@code ERROR} for 4xx and 5xx responses and when sending fails (the exception is recorded and
 *       rethrown, or completes the future, unchanged);
 *   <li>the W3C {@code traceparent} (and whatever else the instance's propagators write) is set on a copy of the
 *       request, since {@code HttpRequest} is immutable; the caller's request object is never changed (the
 *       response's {@code request()} is that copy);
 *   <li>the {@code http.client.request.duration} histogram (seconds) with {@code http.request.method},
 *       {@code http.response.status_code}, {@code server.address}, {@code server.port},
 *       {@code network.protocol.version} and, on failure, {@code error.type}.
 * </ul>
 *
 * <p>For {@code sendAsync} the span ends when the response arrives, before the returned future's dependants run;
 * cancelling the returned future cancels the request and ends the span with the cancellation as its error.
 * WebSocket connections are not traced. Tracing failures never reach the caller: the request goes out untraced
 * and one warning is logged on {@code java.util.logging}.
 */
public final class LgtmHttpClient {

  private LgtmHttpClient() {}

  /**
   * Wraps a client so that its requests are traced through {@link GlobalOpenTelemetry} (what
   * {@code Lgtm.init()} registers), looked up per request, so a client wrapped before {@code Lgtm.init()} is
   * traced from the first request after it. Wrapping a wrapped client returns it unchanged.
   *
   * <pre>{@code
   * HttpClient client = LgtmHttpClient.wrap(HttpClient.newHttpClient());
   * }</pre>
   *
   * @param client the client that sends the requests; its configuration (timeouts, TLS, executor) is kept
   * @return a traced client delegating to {@code client}
   */
  public static HttpClient wrap(HttpClient client) {
    Objects.requireNonNull(client, "client");
    if (client instanceof TracingHttpClient) {
      return client;
    }
    return new TracingHttpClient(client, LazyInstrumenter.global(HttpInstrumenters::client));
  }

  /**
   * Wraps a client so that its requests are traced through the given instance. Wrapping a wrapped client returns
   * it unchanged.
   *
   * <pre>{@code
   * HttpClient client = LgtmHttpClient.wrap(HttpClient.newHttpClient(), lgtm.openTelemetry());
   * }</pre>
   *
   * @param client the client that sends the requests; its configuration (timeouts, TLS, executor) is kept
   * @param openTelemetry where spans and metrics go
   * @return a traced client delegating to {@code client}
   */
  public static HttpClient wrap(HttpClient client, OpenTelemetry openTelemetry) {
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(openTelemetry, "openTelemetry");
    if (client instanceof TracingHttpClient) {
      return client;
    }
    return new TracingHttpClient(client, LazyInstrumenter.of(openTelemetry, HttpInstrumenters::client));
  }
}
