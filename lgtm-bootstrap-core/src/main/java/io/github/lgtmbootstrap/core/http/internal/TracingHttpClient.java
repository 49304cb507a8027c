package io.github.lgtmbootstrap.core.http.internal;

import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.instrumentation.api.instrumenter.Instrumenter;
import java.io.IOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * The {@link HttpClient} behind {@code LgtmHttpClient.wrap}: every {@code send}/{@code sendAsync} gets a client
 * span, and the request actually sent is a copy carrying the propagation headers. Everything else is delegated.
 */
public final class TracingHttpClient extends HttpClient {

  private static final WarnOnce WARN = new WarnOnce(TracingHttpClient.class);

  private final HttpClient delegate;
  private final LazyInstrumenter<ClientRequest, HttpResponse<?>> instrumenter;

  /**
   * Wraps a client.
   *
   * @param delegate the client that does the work
   * @param instrumenter supplies the client instrumenter
   */
  public TracingHttpClient(
      HttpClient delegate, LazyInstrumenter<ClientRequest, HttpResponse<?>> instrumenter) {
    this.delegate = delegate;
    this.instrumenter = instrumenter;
  }

  /**
   * Returns the wrapped client.
   *
   * @return the client given to the constructor
   */
  public HttpClient delegate() {
    return delegate;
  }

  @Override
  public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
      throws IOException, InterruptedException {
    Objects.requireNonNull(request, "request");
    Started started = start(request);
    if (started == null) {
      return delegate.send(request, handler);
    }
    HttpResponse<T> response = null;
    Throwable error = null;
    try (Scope ignored = started.context.makeCurrent()) {
      response = delegate.send(started.toSend, handler);
      return response;
    } catch (Throwable t) {
      error = t;
      throw t;
    } finally {
      started.end(response, error);
    }
  }

  @Override
  public <T> CompletableFuture<HttpResponse<T>> sendAsync(
      HttpRequest request, HttpResponse.BodyHandler<T> handler) {
    return sendAsync(request, handler, null);
  }

  @Override
  public <T> CompletableFuture<HttpResponse<T>> sendAsync(
      HttpRequest request,
      HttpResponse.BodyHandler<T> handler,
      HttpResponse.PushPromiseHandler<T> pushPromiseHandler) {
    Objects.requireNonNull(request, "request");
    Started started = start(request);
    if (started == null) {
      return delegate.sendAsync(request, handler, pushPromiseHandler);
    }
    CompletableFuture<HttpResponse<T>> future;
    try (Scope ignored = started.context.makeCurrent()) {
      future = delegate.sendAsync(started.toSend, handler, pushPromiseHandler);
    } catch (RuntimeException | Error e) {
      started.end(null, e);
      throw e;
    }
    // The caller gets its own future, completed after the span has ended, so its callbacks see an ended span.
    // The span is ended by a stage the caller cannot reach: had the caller's future been that stage, cancelling
    // it would skip the action and leave the span open.
    CompletableFuture<HttpResponse<T>> traced = new CompletableFuture<>();
    future.whenComplete(
        (response, error) -> {
          started.end(response, unwrap(error));
          if (error != null) {
            traced.completeExceptionally(error);
          } else {
            traced.complete(response);
          }
        });
    // Cancelling what the caller holds still reaches the JDK's future.
    traced.whenComplete(
        (response, error) -> {
          if (traced.isCancelled()) {
            future.cancel(true);
          }
        });
    return traced;
  }

  private Started start(HttpRequest request) {
    Context parent = Context.current();
    try {
      Instrumenter<ClientRequest, HttpResponse<?>> client = instrumenter.get();
      ClientRequest clientRequest = new ClientRequest(request);
      if (!client.shouldStart(parent, clientRequest)) {
        return null;
      }
      Context context = client.start(parent, clientRequest);
      HttpRequest toSend;
      try {
        toSend = clientRequest.tracedRequest();
      } catch (RuntimeException e) {
        // The copy failed (an exotic request): send the original, the span is still recorded.
        WARN.warn("Could not add the propagation headers to a " + request.method() + " request", e);
        toSend = request;
      }
      return new Started(client, context, clientRequest, toSend);
    } catch (RuntimeException e) {
      WARN.warn("Could not start the client span for " + request.method(), e);
      return null;
    }
  }

  private static Throwable unwrap(Throwable error) {
    if (error instanceof CompletionException && error.getCause() != null) {
      return error.getCause();
    }
    return error;
  }

  private static final class Started {
    final Instrumenter<ClientRequest, HttpResponse<?>> instrumenter;
    final Context context;
    final ClientRequest request;
    final HttpRequest toSend;

    Started(
        Instrumenter<ClientRequest, HttpResponse<?>> instrumenter,
        Context context,
        ClientRequest request,
        HttpRequest toSend) {
      this.instrumenter = instrumenter;
      this.context = context;
      this.request = request;
      this.toSend = toSend;
    }

    /** Response and error are each null when absent. */
    void end(HttpResponse<?> response, Throwable error) {
      try {
        instrumenter.end(context, request, response, error);
      } catch (RuntimeException e) {
        WARN.warn("Could not end the client span", e);
      }
    }
  }

  // Plain delegation below: configuration is the wrapped client's.

  @Override
  public Optional<CookieHandler> cookieHandler() {
    return delegate.cookieHandler();
  }

  @Override
  public Optional<Duration> connectTimeout() {
    return delegate.connectTimeout();
  }

  @Override
  public Redirect followRedirects() {
    return delegate.followRedirects();
  }

  @Override
  public Optional<ProxySelector> proxy() {
    return delegate.proxy();
  }

  @Override
  public SSLContext sslContext() {
    return delegate.sslContext();
  }

  @Override
  public SSLParameters sslParameters() {
    return delegate.sslParameters();
  }

  @Override
  public Optional<Authenticator> authenticator() {
    return delegate.authenticator();
  }

  @Override
  public Version version() {
    return delegate.version();
  }

  @Override
  public Optional<Executor> executor() {
    return delegate.executor();
  }

  @Override
  public WebSocket.Builder newWebSocketBuilder() {
    return delegate.newWebSocketBuilder();
  }

  @Override
  public String toString() {
    return "TracingHttpClient[" + delegate + "]";
  }
}
