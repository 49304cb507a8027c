package io.github.lgtmbootstrap.logback.internal;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.logs.Logger;
import io.opentelemetry.api.logs.LoggerBuilder;
import io.opentelemetry.api.logs.LoggerProvider;
import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.api.trace.TracerProvider;
import io.opentelemetry.context.propagation.ContextPropagators;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The OpenTelemetry lgtm's appender is connected to: the app's own, except that its logs bridge keeps the logger of
 * each logger name instead of asking the SDK for it again on every line.
 *
 * <p>The OpenTelemetry appender calls {@code getLogsBridge().loggerBuilder(name).build()} for every event. The SDK
 * answers from its registry, but only after creating a builder and a lookup lambda and doing two map lookups per
 * call; a hit here is one map lookup on a name logback itself keeps. The SDK returns the same logger for a name
 * every time (configuration changes are applied to that instance), so the records are the same. One entry per
 * logger name that logged, the set logback already holds; a builder that sets a version or schema URL goes to the
 * SDK as before.
 */
final class CachedLoggers implements OpenTelemetry {

  private final OpenTelemetry delegate;
  private final LoggerProvider logs;

  CachedLoggers(OpenTelemetry delegate) {
    this.delegate = delegate;
    this.logs = new Provider(delegate.getLogsBridge());
  }

  @Override
  public TracerProvider getTracerProvider() {
    return delegate.getTracerProvider();
  }

  @Override
  public MeterProvider getMeterProvider() {
    return delegate.getMeterProvider();
  }

  @Override
  public LoggerProvider getLogsBridge() {
    return logs;
  }

  @Override
  public ContextPropagators getPropagators() {
    return delegate.getPropagators();
  }

  @Override
  public String toString() {
    return "CachedLoggers{" + delegate + "}";
  }

  private static final class Provider implements LoggerProvider {
    private final LoggerProvider sdk;
    private final ConcurrentMap<String, Named> byName = new ConcurrentHashMap<>();

    Provider(LoggerProvider sdk) {
      this.sdk = sdk;
    }

    @Override
    public LoggerBuilder loggerBuilder(String name) {
      Named named = byName.get(name);
      if (named == null) {
        Named created = new Named(sdk, name);
        named = byName.putIfAbsent(name, created);
        if (named == null) {
          named = created;
        }
      }
      return named;
    }
  }

  /** A builder for one name with nothing else set: {@code build()} returns the logger the SDK gave once. */
  private static final class Named implements LoggerBuilder {
    private final LoggerProvider sdk;
    private final String name;
    private final Logger logger;

    Named(LoggerProvider sdk, String name) {
      this.sdk = sdk;
      this.name = name;
      this.logger = sdk.loggerBuilder(name).build();
    }

    @Override
    public LoggerBuilder setSchemaUrl(String schemaUrl) {
      return sdk.loggerBuilder(name).setSchemaUrl(schemaUrl);
    }

    @Override
    public LoggerBuilder setInstrumentationVersion(String instrumentationVersion) {
      return sdk.loggerBuilder(name).setInstrumentationVersion(instrumentationVersion);
    }

    @Override
    public Logger build() {
      return logger;
    }
  }
}
