package io.github.lgtmbootstrap.core.http;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpContext;
import io.github.lgtmbootstrap.core.http.internal.HttpInstrumenters;
import io.github.lgtmbootstrap.core.http.internal.LazyInstrumenter;
import io.github.lgtmbootstrap.core.http.internal.TracingFilter;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.context.Context;
import io.opentelemetry.instrumentation.api.semconv.http.HttpServerRoute;
import io.opentelemetry.instrumentation.api.semconv.http.HttpServerRouteSource;
import java.util.Objects;

/**
 * Traces the JDK's built-in HTTP server ({@code com.sun.net.httpserver}) in one line per context.
 *
 * <pre>{@code
 * Lgtm.init();
 * HttpServer server = HttpServer.create(new InetSocketAddress(8080), 0);
 * LgtmHttpServer.trace(server.createContext("/orders", exchange -> { ... }));
 * server.start();
 * }</pre>
 *
 * <p>Every request to a traced context becomes one {@code SERVER} span, built by OpenTelemetry's
 * {@code opentelemetry-instrumentation-api} HTTP extractors, so names and attributes follow the stable HTTP
 * semantic conventions:
 *
 * <ul>
 *   <li>name {@code METHOD route}, such as {@code GET /orders}; the route ({@code http.route}) is the context's
 *       path, since a JDK context matches every path below it (a handler that knows the template refines it
 *       with {@link #updateRoute(String)}); the full path is in {@code url.path};
 *   <li>{@code http.request.method}, {@code http.response.status_code}, {@code url.scheme}, {@code url.path},
 *       {@code url.query}, {@code server.address}, {@code client.address}, {@code network.*};
 *   <li>status {@code ERROR} for 5xx responses and when the handler throws; the exception is recorded on the span
 *       and rethrown unchanged, so the server behaves exactly as without tracing;
 *   <li>the parent is taken from the incoming W3C {@code traceparent} (through the instance's propagators), so a
 *       call from a traced client continues the caller's trace;
 *   <li>the span is current while the handler runs, so log lines written by the handler carry its trace and span
 *       ids, and spans the handler starts are its children;
 *   <li>the {@code http.server.request.duration} histogram (seconds) with {@code http.request.method},
 *       {@code http.route}, {@code http.response.status_code}, {@code url.scheme},
 *       {@code network.protocol.version} and, on failure, {@code error.type}.
 * </ul>
 *
 * <p>The span covers the filter chain and the handler on the server's thread: a handler that hands the exchange
 * to another thread and answers later ends its span early (and without a status code). Tracing failures never
 * reach the request: the handler runs untraced and one warning is logged on {@code java.util.logging}.
 */
public final class LgtmHttpServer {

  private LgtmHttpServer() {}

  /**
   * Adds tracing to a context, recording through {@link GlobalOpenTelemetry} (what {@code Lgtm.init()}
   * registers). The global is looked up per request, so a context created before {@code Lgtm.init()} is traced
   * from the first request after it; before init the filter costs next to nothing and records nothing. Calling
   * this twice on one context adds the filter once.
   *
   * <pre>{@code
   * LgtmHttpServer.trace(server.createContext("/orders", ordersHandler));
   * }</pre>
   *
   * @param context a context of a JDK {@code HttpServer} or {@code HttpsServer}
   * @return the same context, for chaining
   */
  public static HttpContext trace(HttpContext context) {
    Objects.requireNonNull(context, "context");
    return addOnce(context, filter());
  }

  /**
   * Adds tracing to a context, recording through the given instance instead of the global one. Calling this
   * twice on one context adds the filter once (the first instance wins).
   *
   * <pre>{@code
   * LgtmHttpServer.trace(server.createContext("/orders", ordersHandler), lgtm.openTelemetry());
   * }</pre>
   *
   * @param context a context of a JDK {@code HttpServer} or {@code HttpsServer}
   * @param openTelemetry where spans and metrics go
   * @return the same context, for chaining
   */
  public static HttpContext trace(HttpContext context, OpenTelemetry openTelemetry) {
    Objects.requireNonNull(context, "context");
    return addOnce(context, filter(openTelemetry));
  }

  /**
   * Returns a tracing filter that records through {@link GlobalOpenTelemetry}, looked up per request, for code
   * that manages a context's filter list itself. Put it first in the list so the span covers the other filters.
   *
   * <pre>{@code
   * context.getFilters().add(0, LgtmHttpServer.filter());
   * }</pre>
   *
   * @return a new filter
   */
  public static Filter filter() {
    return new TracingFilter(LazyInstrumenter.global(HttpInstrumenters::server));
  }

  /**
   * Returns a tracing filter that records through the given instance.
   *
   * <pre>{@code
   * context.getFilters().add(0, LgtmHttpServer.filter(openTelemetry));
   * }</pre>
   *
   * @param openTelemetry where spans and metrics go
   * @return a new filter
   */
  public static Filter filter(OpenTelemetry openTelemetry) {
    Objects.requireNonNull(openTelemetry, "openTelemetry");
    return new TracingFilter(LazyInstrumenter.of(openTelemetry, HttpInstrumenters::server));
  }

  /**
   * Refines the route of the request being handled on this thread, from inside a traced handler: the JDK only
   * knows the context path ({@code /orders}), the handler may know the template ({@code /orders/{id}}). The span
   * name, its {@code http.route} and the {@code http.server.request.duration} attributes all follow. Outside a
   * traced request this does nothing. Keep routes low-cardinality: a template, never the raw path.
   *
   * <pre>{@code
   * LgtmHttpServer.trace(server.createContext("/orders", exchange -> {
   *   String id = exchange.getRequestURI().getPath().substring("/orders/".length());
   *   LgtmHttpServer.updateRoute("/orders/{id}");
   *   ...
   * }));
   * }</pre>
   *
   * @param route the route template
   */
  public static void updateRoute(String route) {
    Objects.requireNonNull(route, "route");
    HttpServerRoute.update(Context.current(), HttpServerRouteSource.CONTROLLER, route);
  }

  private static HttpContext addOnce(HttpContext context, Filter filter) {
    boolean traced = context.getFilters().stream().anyMatch(f -> f instanceof TracingFilter);
    if (!traced) {
      // First, so the span also covers the user's own filters (authentication, logging).
      context.getFilters().add(0, filter);
    }
    return context;
  }
}
