package io.github.lgtmbootstrap.testkit.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.time.Clock;
import org.junit.jupiter.api.Test;

/**
 * The item limit holds for the densest bodies: bodies small enough to skip the counting pass cannot hold more
 * items than the limit, and the first ones that can are counted.
 */
class OtlpIngestLimitTest {

  private static final int LIMIT = 1000;

  private final TelemetryStore store = new TelemetryStore(10 * LIMIT, 64L << 20, Clock.systemUTC(),
      TelemetryListener.NONE);
  private final OtlpIngest ingest = new OtlpIngest(store, LIMIT);

  @Test
  void emptySpansJustOverTheLimitAreRefusedAndNothingIsStored() {
    // Two bytes per empty span: the densest a request gets.
    byte[] body = emptySpans(LIMIT + 1);

    assertThatThrownBy(() -> ingest.export(OtlpSignal.TRACES, body, false))
        .isInstanceOfSatisfying(OtlpRejection.class, rejection -> assertThat(rejection.httpStatus()).isEqualTo(413));
    assertThat(store.spanBuffer().size()).isZero();
  }

  @Test
  void theLargestBodyThatSkipsTheCountIsWithinTheLimit() throws Exception {
    byte[] body = emptySpans(LIMIT - 3);
    assertThat(body.length).isEqualTo(2 * LIMIT);

    // With their scope and resource messages, 997 spans make 999 items.
    assertThat(ingest.export(OtlpSignal.TRACES, body, false)).isEqualTo(LIMIT - 3);
  }

  private static byte[] emptySpans(int count) {
    ByteArrayOutputStream scopeSpans = new ByteArrayOutputStream();
    for (int i = 0; i < count; i++) {
      scopeSpans.write(0x12);
      scopeSpans.write(0);
    }
    return wrap(wrap(scopeSpans.toByteArray(), 0x12), 0x0a);
  }

  private static byte[] wrap(byte[] content, int tag) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(tag);
    int length = content.length;
    while ((length & ~0x7f) != 0) {
      out.write((length & 0x7f) | 0x80);
      length >>>= 7;
    }
    out.write(length);
    out.writeBytes(content);
    return out.toByteArray();
  }
}
