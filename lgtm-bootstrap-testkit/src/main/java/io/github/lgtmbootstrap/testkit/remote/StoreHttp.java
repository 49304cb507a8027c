package io.github.lgtmbootstrap.testkit.remote;

import io.github.lgtmbootstrap.testkit.query.BackendQueryException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * GETs from one store (Tempo, Loki or Prometheus) with a per-request timeout, turning every failure into a
 * {@link BackendQueryException} that names the store, the URL and the query. Extra headers (authentication) are
 * sent but never appear in messages.
 */
final class StoreHttp {

  /** What a store answered with a 2xx status. */
  record Answer(int status, String body) {}

  private final String store;
  private final URI baseUrl;
  private final HttpClient client;
  private final Map<String, String> headers;
  private final Duration timeout;

  StoreHttp(String store, URI baseUrl, HttpClient client, Map<String, String> headers, Duration timeout) {
    this.store = Objects.requireNonNull(store, "store");
    this.baseUrl = withoutTrailingSlash(Objects.requireNonNull(baseUrl, "baseUrl"));
    this.client = Objects.requireNonNull(client, "client");
    this.headers = Map.copyOf(headers);
    this.timeout = Objects.requireNonNull(timeout, "timeout");
  }

  String store() {
    return store;
  }

  URI baseUrl() {
    return baseUrl;
  }

  /**
   * Builds the URL of {@code path} with the query parameters in order.
   *
   * @param path absolute path such as {@code /api/search}
   * @param params parameter names and values, unencoded
   */
  URI url(String path, Map<String, String> params) {
    StringBuilder url = new StringBuilder(baseUrl.toString()).append(path);
    if (!params.isEmpty()) {
      StringJoiner query = new StringJoiner("&", "?", "");
      params.forEach((name, value) -> query.add(encode(name) + "=" + encode(value)));
      url.append(query);
    }
    return URI.create(url.toString());
  }

  /**
   * GETs a URL and returns a 2xx answer, or a 404 when {@code notFoundIsAnswer}; fails with the store's own error
   * text otherwise.
   *
   * @param url the URL from {@link #url(String, Map)}
   * @param query the query as a person would type it, for messages
   * @param requestHeaders headers of this request (such as {@code Accept}), on top of the configured ones
   * @param notFoundIsAnswer whether a 404 is a valid answer (trace by id)
   */
  Answer get(URI url, String query, Map<String, String> requestHeaders, boolean notFoundIsAnswer) {
    HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(timeout).GET();
    Map<String, String> all = new LinkedHashMap<>(headers);
    all.putAll(requestHeaders);
    all.forEach(request::header);
    HttpResponse<String> response;
    try {
      response = client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (HttpTimeoutException e) {
      throw new BackendQueryException(
          store + " did not answer within " + timeout.toMillis() + " ms" + context(url, query), e);
    } catch (ConnectException e) {
      throw new BackendQueryException(
          store + " is unreachable (" + describe(e) + ")" + context(url, query)
              + "\n  Is the stack running and is the URL right?",
          e);
    } catch (IOException e) {
      throw new BackendQueryException(
          store + " request failed (" + describe(e) + ")" + context(url, query), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BackendQueryException(store + " request was interrupted" + context(url, query), e);
    }
    int status = response.statusCode();
    if (status / 100 == 2 || (status == 404 && notFoundIsAnswer)) {
      return new Answer(status, response.body());
    }
    String text = errorText(response.body());
    if (status / 100 == 4) {
      throw new BackendQueryException(
          store + " rejected the query with HTTP " + status + ": " + text + context(url, query), null,
          transientClientError(status));
    }
    throw new BackendQueryException(store + " failed with HTTP " + status + ": " + text + context(url, query));
  }

  /**
   * Whether a 4xx status may go away by itself: request timeout (408), too early (425), too many requests (429).
   * Every other 4xx rejects the query itself (bad TraceQL/LogQL/PromQL, wrong path, missing credentials).
   */
  static boolean transientClientError(int status) {
    return status == 408 || status == 425 || status == 429;
  }

  /** GETs a readiness path, returning whether it answered 2xx. Never throws. */
  boolean isReady(String path) {
    try {
      HttpRequest.Builder request = HttpRequest.newBuilder(url(path, Map.of())).timeout(timeout).GET();
      headers.forEach(request::header);
      return client.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode() / 100 == 2;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private String context(URI url, String query) {
    return "\n  URL:   " + redact(url) + "\n  query: " + query;
  }

  /** The store's own error text: Prometheus answers JSON, Loki and Tempo plain text, Tempo's 404 nothing. */
  static String errorText(String body) {
    String trimmed = body == null ? "" : body.strip();
    if (trimmed.isEmpty()) {
      return "(empty body)";
    }
    if (trimmed.startsWith("{")) {
      try {
        com.google.gson.JsonObject json = com.google.gson.JsonParser.parseString(trimmed).getAsJsonObject();
        if (json.has("error")) {
          String type = json.has("errorType") ? json.get("errorType").getAsString() + ": " : "";
          return type + json.get("error").getAsString();
        }
        if (json.has("message")) {
          return json.get("message").getAsString();
        }
      } catch (RuntimeException notJson) {
        // fall through: show the body as it came
      }
    }
    return trimmed.length() > 2000 ? trimmed.substring(0, 2000) + "..." : trimmed;
  }

  /** Removes user:password from a URL so it never reaches a message. */
  static String redact(URI url) {
    if (url.getRawUserInfo() == null) {
      return url.toString();
    }
    return url.toString().replace(url.getRawUserInfo() + "@", "***@");
  }

  private static String describe(Exception e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
  }

  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static URI withoutTrailingSlash(URI uri) {
    String text = uri.toString();
    return text.endsWith("/") ? URI.create(text.substring(0, text.length() - 1)) : uri;
  }
}
