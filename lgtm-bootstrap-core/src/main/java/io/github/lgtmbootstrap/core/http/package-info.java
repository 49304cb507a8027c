/**
 * HTTP tracing for the JDK's own HTTP stack in one line each, built on OpenTelemetry's
 * {@code opentelemetry-instrumentation-api} and its HTTP semantic-convention extractors.
 *
 * <ul>
 *   <li>{@link io.github.lgtmbootstrap.core.http.LgtmHttpServer} traces the contexts of a
 *       {@code com.sun.net.httpserver.HttpServer}: one {@code SERVER} span per request named
 *       {@code METHOD /route}, W3C {@code traceparent} extracted, {@code http.server.request.duration} recorded.
 *   <li>{@link io.github.lgtmbootstrap.core.http.LgtmHttpClient} wraps a {@code java.net.http.HttpClient}: one
 *       {@code CLIENT} span per request, {@code traceparent} injected, {@code http.client.request.duration}
 *       recorded.
 * </ul>
 *
 * <pre>{@code
 * Lgtm.init();
 * HttpServer server = HttpServer.create(new InetSocketAddress(8080), 0);
 * LgtmHttpServer.trace(server.createContext("/orders", ordersHandler));
 * HttpClient client = LgtmHttpClient.wrap(HttpClient.newHttpClient());
 * }</pre>
 *
 * <p>All types, arguments and return values in this package are non-null unless documented otherwise.
 */
package io.github.lgtmbootstrap.core.http;
