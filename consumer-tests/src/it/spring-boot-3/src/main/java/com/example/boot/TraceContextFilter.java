package com.example.boot;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * lgtm-bootstrap does not instrument Spring MVC: this app continues the caller's trace (W3C traceparent) itself,
 * so its log lines carry the caller's trace context. (Micrometer Tracing or the java agent do this and more.)
 */
@Component
public class TraceContextFilter extends OncePerRequestFilter {

  private static final TextMapGetter<HttpServletRequest> HEADERS =
      new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(HttpServletRequest request) {
          return Collections.list(request.getHeaderNames());
        }

        @Override
        public String get(HttpServletRequest request, String key) {
          return request == null ? null : request.getHeader(key);
        }
      };

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Context caller =
        GlobalOpenTelemetry.getPropagators().getTextMapPropagator().extract(Context.current(), request, HEADERS);
    try (Scope ignored = caller.makeCurrent()) {
      chain.doFilter(request, response);
    }
  }
}
