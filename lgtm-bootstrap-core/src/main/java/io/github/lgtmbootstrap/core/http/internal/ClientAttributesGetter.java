package io.github.lgtmbootstrap.core.http.internal;

import io.opentelemetry.instrumentation.api.semconv.http.HttpClientAttributesGetter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.List;

/**
 * Reads what OpenTelemetry's HTTP client extractors need from a {@code java.net.http} request and response;
 * the extractors decide the attribute names (and redact credentials in {@code url.full}).
 */
enum ClientAttributesGetter implements HttpClientAttributesGetter<ClientRequest, HttpResponse<?>> {
  INSTANCE;

  @Override
  public String getHttpRequestMethod(ClientRequest request) {
    return request.original().method();
  }

  @Override
  public List<String> getHttpRequestHeader(ClientRequest request, String name) {
    return request.original().headers().allValues(name);
  }

  @Override
  public Integer getHttpResponseStatusCode(
      ClientRequest request, HttpResponse<?> response, Throwable error) {
    return response == null ? null : response.statusCode();
  }

  @Override
  public List<String> getHttpResponseHeader(
      ClientRequest request, HttpResponse<?> response, String name) {
    return response == null ? List.of() : response.headers().allValues(name);
  }

  @Override
  public String getUrlFull(ClientRequest request) {
    return request.original().uri().toString();
  }

  @Override
  public String getServerAddress(ClientRequest request) {
    return request.original().uri().getHost();
  }

  @Override
  public Integer getServerPort(ClientRequest request) {
    URI uri = request.original().uri();
    if (uri.getPort() > 0) {
      return uri.getPort();
    }
    return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
  }

  @Override
  public String getNetworkProtocolName(ClientRequest request, HttpResponse<?> response) {
    return "http";
  }

  @Override
  public String getNetworkProtocolVersion(ClientRequest request, HttpResponse<?> response) {
    if (response == null) {
      return null;
    }
    return response.version() == HttpClient.Version.HTTP_2 ? "2" : "1.1";
  }
}
