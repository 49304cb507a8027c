package io.github.lgtmbootstrap.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SdkFlusherTest {

  @Test
  void flushesEveryTimeWhileTheSdkAnswers() {
    CountingProcessor processor = new CountingProcessor(true);
    OpenTelemetrySdk sdk = sdk(processor);
    Runnable flusher = new SdkFlusher(() -> sdk, 1000);

    flusher.run();
    flusher.run();

    assertThat(processor.flushes).hasValue(2);
  }

  @Test
  void stopsFlushingAnSdkThatNeverFinishesAFlush() {
    CountingProcessor processor = new CountingProcessor(false);
    OpenTelemetrySdk sdk = sdk(processor);
    Runnable flusher = new SdkFlusher(() -> sdk, 50);

    flusher.run();
    flusher.run();
    flusher.run();

    assertThat(processor.flushes).hasValue(1);
  }

  @Test
  void skipsAMissingSdk() {
    assertThatCode(() -> new SdkFlusher(() -> null, 50).run()).doesNotThrowAnyException();
  }

  private static OpenTelemetrySdk sdk(SpanProcessor processor) {
    return OpenTelemetrySdk.builder()
        .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(processor).build())
        .build();
  }

  /** Answers flushes at once, or never (like the batch processor of a closed SDK). */
  private static final class CountingProcessor implements SpanProcessor {
    final AtomicInteger flushes = new AtomicInteger();
    private final boolean answers;

    CountingProcessor(boolean answers) {
      this.answers = answers;
    }

    @Override
    public CompletableResultCode forceFlush() {
      flushes.incrementAndGet();
      return answers ? CompletableResultCode.ofSuccess() : new CompletableResultCode();
    }

    @Override
    public void onStart(Context parentContext, ReadWriteSpan span) {}

    @Override
    public boolean isStartRequired() {
      return false;
    }

    @Override
    public void onEnd(ReadableSpan span) {}

    @Override
    public boolean isEndRequired() {
      return false;
    }
  }
}
