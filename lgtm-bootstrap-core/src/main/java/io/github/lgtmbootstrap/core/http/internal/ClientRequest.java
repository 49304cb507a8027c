package io.github.lgtmbootstrap.core.http.internal;

import io.opentelemetry.context.propagation.TextMapSetter;
import java.net.http.HttpRequest;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An outgoing request plus the headers the propagators want to add to it. {@link HttpRequest} is immutable, so
 * the propagators write into this holder and {@link #tracedRequest()} makes the copy that is actually sent.
 */
public final class ClientRequest {

  static final TextMapSetter<ClientRequest> SETTER =
      (carrier, key, value) -> {
        if (carrier != null) {
          carrier.injected.put(key, value);
        }
      };

  private final HttpRequest original;
  private final Map<String, String> injected = new LinkedHashMap<>();

  /**
   * Wraps a request before its span starts.
   *
   * @param original the caller's request
   */
  public ClientRequest(HttpRequest original) {
    this.original = original;
  }

  /**
   * Returns the caller's request, unchanged.
   *
   * @return the request as given
   */
  public HttpRequest original() {
    return original;
  }

  /**
   * Returns the request to send: a copy of the original with the propagation headers set (replacing any the
   * caller set under the same names), or the original when nothing was injected.
   *
   * @return the request to send
   */
  public HttpRequest tracedRequest() {
    if (injected.isEmpty()) {
      return original;
    }
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(original, (name, value) -> !isInjected(name));
    injected.forEach(builder::setHeader);
    return builder.build();
  }

  private boolean isInjected(String name) {
    for (String key : injected.keySet()) {
      if (key.equalsIgnoreCase(name)) {
        return true;
      }
    }
    return false;
  }
}
