package io.github.lgtmbootstrap.core.http.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsExchange;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.instrumentation.api.semconv.http.HttpServerAttributesGetter;
import java.net.InetSocketAddress;
import java.util.Collections;
import java.util.List;

/**
 * Reads what OpenTelemetry's HTTP server extractors need from a JDK {@link HttpExchange}; the extractors decide
 * the attribute names. The exchange serves as both request and response, since the JDK keeps both in it.
 */
enum ExchangeAttributesGetter
    implements HttpServerAttributesGetter<HttpExchange, HttpExchange>, TextMapGetter<HttpExchange> {
  INSTANCE;

  @Override
  public String getHttpRequestMethod(HttpExchange exchange) {
    return exchange.getRequestMethod();
  }

  @Override
  public List<String> getHttpRequestHeader(HttpExchange exchange, String name) {
    List<String> values = exchange.getRequestHeaders().get(name);
    return values == null ? Collections.emptyList() : values;
  }

  @Override
  public Integer getHttpResponseStatusCode(
      HttpExchange exchange, HttpExchange response, Throwable error) {
    // -1 until the handler called sendResponseHeaders, e.g. when it threw first: then there is no status.
    int code = exchange.getResponseCode();
    return code > 0 ? code : null;
  }

  @Override
  public List<String> getHttpResponseHeader(
      HttpExchange exchange, HttpExchange response, String name) {
    List<String> values = exchange.getResponseHeaders().get(name);
    return values == null ? Collections.emptyList() : values;
  }

  @Override
  public String getUrlScheme(HttpExchange exchange) {
    return exchange instanceof HttpsExchange ? "https" : "http";
  }

  @Override
  public String getUrlPath(HttpExchange exchange) {
    return exchange.getRequestURI().getRawPath();
  }

  @Override
  public String getUrlQuery(HttpExchange exchange) {
    return exchange.getRequestURI().getRawQuery();
  }

  /** The context path is the only route the JDK server knows: a context matches every path below it. */
  @Override
  public String getHttpRoute(HttpExchange exchange) {
    return exchange.getHttpContext().getPath();
  }

  @Override
  public String getNetworkProtocolName(HttpExchange exchange, HttpExchange response) {
    String protocol = exchange.getProtocol();
    int slash = protocol == null ? -1 : protocol.indexOf('/');
    return slash > 0 ? protocol.substring(0, slash).toLowerCase(java.util.Locale.ROOT) : null;
  }

  @Override
  public String getNetworkProtocolVersion(HttpExchange exchange, HttpExchange response) {
    String protocol = exchange.getProtocol();
    int slash = protocol == null ? -1 : protocol.indexOf('/');
    return slash > 0 ? protocol.substring(slash + 1) : null;
  }

  @Override
  public InetSocketAddress getNetworkPeerInetSocketAddress(
      HttpExchange exchange, HttpExchange response) {
    return exchange.getRemoteAddress();
  }

  @Override
  public InetSocketAddress getNetworkLocalInetSocketAddress(
      HttpExchange exchange, HttpExchange response) {
    return exchange.getLocalAddress();
  }

  // TextMapGetter: where the propagators read traceparent/tracestate/baggage from.

  @Override
  public Iterable<String> keys(HttpExchange exchange) {
    return exchange.getRequestHeaders().keySet();
  }

  @Override
  public String get(HttpExchange exchange, String key) {
    return exchange == null ? null : exchange.getRequestHeaders().getFirst(key);
  }
}
