package io.github.lgtmbootstrap.core.http.internal;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.instrumentation.api.instrumenter.Instrumenter;
import java.io.IOException;

/**
 * The JDK HTTP server filter behind {@code LgtmHttpServer}: starts a server span (parented on an incoming
 * {@code traceparent}), keeps it current while the rest of the chain and the handler run, and ends it with the
 * response status or the exception the handler threw, which it rethrows unchanged.
 */
public final class TracingFilter extends Filter {

  private static final WarnOnce WARN = new WarnOnce(TracingFilter.class);

  private final LazyInstrumenter<HttpExchange, HttpExchange> instrumenter;

  /**
   * Creates the filter.
   *
   * @param instrumenter supplies the server instrumenter
   */
  public TracingFilter(LazyInstrumenter<HttpExchange, HttpExchange> instrumenter) {
    this.instrumenter = instrumenter;
  }

  @Override
  public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
    Context parent = Context.current();
    Instrumenter<HttpExchange, HttpExchange> server = null;
    Context context = null;
    try {
      server = instrumenter.get();
      if (server.shouldStart(parent, exchange)) {
        context = server.start(parent, exchange);
      }
    } catch (RuntimeException e) {
      WARN.warn("Could not start the server span for " + exchange.getRequestMethod(), e);
      context = null;
    }
    if (context == null) {
      chain.doFilter(exchange);
      return;
    }
    Throwable error = null;
    try (Scope ignored = context.makeCurrent()) {
      chain.doFilter(exchange);
    } catch (Throwable t) {
      error = t;
      throw t;
    } finally {
      try {
        server.end(context, exchange, exchange, error);
      } catch (RuntimeException e) {
        WARN.warn("Could not end the server span", e);
      }
    }
  }

  @Override
  public String description() {
    return "lgtm-bootstrap OpenTelemetry tracing (server spans, http.server.request.duration)";
  }
}
