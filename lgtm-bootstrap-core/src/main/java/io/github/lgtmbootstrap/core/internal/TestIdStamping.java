package io.github.lgtmbootstrap.core.internal;

import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.autoconfigure.spi.AutoConfigurationCustomizer;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.logs.LogRecordProcessor;
import io.opentelemetry.sdk.logs.ReadWriteLogRecord;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;

/**
 * Under the testkit, stamps the id of the test whose work made a span or log record on it: the {@code lgtm.test.id}
 * baggage entry of the context it starts in (the testkit's JUnit extension makes it current while a test runs, and
 * W3C {@code baggage}, one of autoconfigure's default propagators, carries it through {@code LgtmHttpClient} and
 * {@code LgtmHttpServer} to other processes), else the attribute of a local parent span. The testkit's assertions
 * then tell tests running in parallel apart.
 *
 * <p>{@code Lgtm.init()} installs it on the SDK it assembles, but only when {@code otel.resource.attributes} (system
 * property or environment, where the testkit's extension puts it, also for a child process) carries the testkit's
 * {@code lgtm.test.run.id}: production SDKs never stamp a value a caller could send, and get no extra customizer. The testkit keeps its
 * own copy of the rule for SDKs built by hand (core and the testkit do not depend on each other). Not API.
 */
public final class TestIdStamping {

  static final AttributeKey<String> KEY = AttributeKey.stringKey("lgtm.test.id");
  private static final String RUN_ID = "lgtm.test.run.id";
  private static final int MAX_LENGTH = 64;

  private TestIdStamping() {}

  /**
   * Adds the stamping processors to the SDK the builder will build, when it runs under the testkit.
   *
   * @param customizer the autoconfigure builder
   */
  static void install(AutoConfigurationCustomizer customizer) {
    if (!underTestkit()) {
      return;
    }
    customizer.addTracerProviderCustomizer((builder, config) -> builder.addSpanProcessor(new Stamper()));
    customizer.addLoggerProviderCustomizer((builder, config) -> builder.addLogRecordProcessor(new Stamper()));
  }

  /** The testkit's extension puts its run id into {@code otel.resource.attributes} (property or environment). */
  private static boolean underTestkit() {
    String attributes = System.getProperty("otel.resource.attributes");
    if (attributes == null) {
      attributes = System.getenv("OTEL_RESOURCE_ATTRIBUTES");
    }
    return attributes != null && attributes.contains(RUN_ID + "=");
  }

  /**
   * The test id a span or log record started in this context belongs to.
   *
   * @param context a span's parent context or a log record's context
   * @return the id, or null outside tests
   */
  static String testIdOf(Context context) {
    String fromBaggage = Baggage.fromContext(context).getEntryValue(KEY.getKey());
    if (fromBaggage != null && !fromBaggage.isEmpty() && fromBaggage.length() <= MAX_LENGTH) {
      return fromBaggage;
    }
    return Span.fromContext(context) instanceof ReadableSpan parent ? parent.getAttribute(KEY) : null;
  }

  /** The processor for spans and log records; stateless, never throws. */
  static final class Stamper implements SpanProcessor, LogRecordProcessor {

    @Override
    public void onStart(Context parentContext, ReadWriteSpan span) {
      String id = testIdOf(parentContext);
      if (id != null) {
        span.setAttribute(KEY, id);
      }
    }

    @Override
    public boolean isStartRequired() {
      return true;
    }

    @Override
    public void onEnd(ReadableSpan span) {}

    @Override
    public boolean isEndRequired() {
      return false;
    }

    @Override
    public void onEmit(Context context, ReadWriteLogRecord logRecord) {
      String id = testIdOf(context);
      if (id != null) {
        logRecord.setAttribute(KEY, id);
      }
    }

    @Override
    public CompletableResultCode shutdown() {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode forceFlush() {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public void close() {}
  }
}
