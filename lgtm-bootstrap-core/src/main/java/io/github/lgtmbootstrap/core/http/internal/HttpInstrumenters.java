package io.github.lgtmbootstrap.core.http.internal;

import com.sun.net.httpserver.HttpExchange;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.instrumentation.api.instrumenter.Instrumenter;
import io.opentelemetry.instrumentation.api.semconv.http.HttpClientAttributesExtractor;
import io.opentelemetry.instrumentation.api.semconv.http.HttpClientMetrics;
import io.opentelemetry.instrumentation.api.semconv.http.HttpServerAttributesExtractor;
import io.opentelemetry.instrumentation.api.semconv.http.HttpServerMetrics;
import io.opentelemetry.instrumentation.api.semconv.http.HttpServerRoute;
import io.opentelemetry.instrumentation.api.semconv.http.HttpSpanNameExtractor;
import io.opentelemetry.instrumentation.api.semconv.http.HttpSpanStatusExtractor;
import java.net.http.HttpResponse;

/**
 * Builds the two {@link Instrumenter}s from OpenTelemetry's HTTP semantic-convention pieces: span name
 * ({@code METHOD route}), status (error on 5xx for servers, 4xx and 5xx for clients, and on exceptions),
 * attributes, the duration histograms and W3C context propagation through the instance's propagators.
 */
public final class HttpInstrumenters {

  /** Instrumentation scope name of every span and metric this package records. */
  public static final String INSTRUMENTATION_NAME = "io.github.lgtmbootstrap.http";

  private HttpInstrumenters() {}

  /**
   * The server-side instrumenter for the JDK HTTP server.
   *
   * @param openTelemetry where spans and metrics go
   * @return the instrumenter
   */
  public static Instrumenter<HttpExchange, HttpExchange> server(OpenTelemetry openTelemetry) {
    ExchangeAttributesGetter getter = ExchangeAttributesGetter.INSTANCE;
    return Instrumenter.<HttpExchange, HttpExchange>builder(
            openTelemetry, INSTRUMENTATION_NAME, HttpSpanNameExtractor.create(getter))
        .setSpanStatusExtractor(HttpSpanStatusExtractor.create(getter))
        .addAttributesExtractor(HttpServerAttributesExtractor.create(getter))
        .addContextCustomizer(HttpServerRoute.create(getter))
        .addOperationMetrics(HttpServerMetrics.get())
        .buildServerInstrumenter(getter);
  }

  /**
   * The client-side instrumenter for {@code java.net.http.HttpClient}.
   *
   * @param openTelemetry where spans and metrics go
   * @return the instrumenter
   */
  public static Instrumenter<ClientRequest, HttpResponse<?>> client(OpenTelemetry openTelemetry) {
    ClientAttributesGetter getter = ClientAttributesGetter.INSTANCE;
    return Instrumenter.<ClientRequest, HttpResponse<?>>builder(
            openTelemetry, INSTRUMENTATION_NAME, HttpSpanNameExtractor.create(getter))
        .setSpanStatusExtractor(HttpSpanStatusExtractor.create(getter))
        .addAttributesExtractor(HttpClientAttributesExtractor.create(getter))
        .addOperationMetrics(HttpClientMetrics.get())
        .buildClientInstrumenter(ClientRequest.SETTER);
  }
}
