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
   * What the testkit asked a store, for messages.
   *
   * @param what the request in a user's words, as it follows "Tempo ... when asked", such as
   *     {@code "to search for traces matching this TraceQL between 10:00:00Z and 10:01:00Z"}
   * @param query the query as a person would type it, such as the TraceQL
   */
  record Asked(String what, String query) {
    Asked {
      Objects.requireNonNull(what, "what");
      Objects.requireNonNull(query, "query");
    }
  }

  /**
   * GETs a URL and returns a 2xx answer, or a 404 when {@code notFoundIsAnswer}; fails with the store's own error
   * text otherwise.
   *
   * @param url the URL from {@link #url(String, Map)}
   * @param asked what the request is for, for messages
   * @param requestHeaders headers of this request (such as {@code Accept}), on top of the configured ones
   * @param notFoundIsAnswer whether a 404 is a valid answer (trace by id)
   */
  Answer get(URI url, Asked asked, Map<String, String> requestHeaders, boolean notFoundIsAnswer) {
    Answer answer = exchange(url, asked, requestHeaders);
    if (answer.status() / 100 == 2 || (answer.status() == 404 && notFoundIsAnswer)) {
      return answer;
    }
    throw refused(url, asked, answer);
  }

  /**
   * GETs a URL and returns whatever status the store answered; fails only when there is no answer (unreachable,
   * timed out, interrupted).
   */
  Answer exchange(URI url, Asked asked, Map<String, String> requestHeaders) {
    HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(timeout).GET();
    Map<String, String> all = new LinkedHashMap<>(headers);
    all.putAll(requestHeaders);
    all.forEach(request::header);
    HttpResponse<String> response;
    String query = asked.query();
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
    return new Answer(response.statusCode(), response.body());
  }

  /**
   * The failure for an answer that is not one: a 4xx says what the testkit asked, why the store refused in a
   * user's terms, and the store's own text, and is final unless the status may pass by itself; other statuses
   * (5xx, redirects) may recover.
   */
  BackendQueryException refused(URI url, Asked asked, Answer answer) {
    int status = answer.status();
    String text = errorText(answer.body());
    if (status / 100 == 4) {
      return new BackendQueryException(
          store + " rejected the query with HTTP " + status + " when asked " + asked.what() + ": "
              + Refusals.reason(store, status, text)
              + "\n  " + store + " said: " + text + context(url, asked.query()),
          null, transientClientError(status));
    }
    return new BackendQueryException(
        store + " failed with HTTP " + status + ": " + text + context(url, asked.query()));
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
    return probe(path).isPresent();
  }

  /**
   * GETs a status path (such as Tempo's {@code /api/status/buildinfo}) and returns its body when it answered 2xx;
   * empty otherwise. Never throws.
   */
  java.util.Optional<String> probe(String path) {
    try {
      HttpRequest.Builder request = HttpRequest.newBuilder(url(path, Map.of())).timeout(timeout).GET();
      headers.forEach(request::header);
      HttpResponse<String> response =
          client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return response.statusCode() / 100 == 2 ? java.util.Optional.of(response.body()) : java.util.Optional.empty();
    } catch (IOException | RuntimeException e) {
      return java.util.Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return java.util.Optional.empty();
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
