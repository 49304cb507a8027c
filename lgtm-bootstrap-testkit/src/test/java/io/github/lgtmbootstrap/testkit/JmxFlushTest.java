package io.github.lgtmbootstrap.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lgtmbootstrap.testkit.TestSdk.Encoding;
import io.github.lgtmbootstrap.testkit.internal.TelemetryFlushMBean;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.StandardMBean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The extension flushes, with no opt-in, an SDK it was never handed: one reachable only through a flush MBean
 * of the agreed contract on the platform MBeanServer (as every {@code Lgtm.init()} handle registers). The SDK
 * batches for a minute and the assertions wait at most 30 s (generous for a loaded machine), so only that flush
 * can make them pass.
 */
class JmxFlushTest {

  @RegisterExtension
  static final LgtmExtension LGTM = LgtmExtension.builder().setTimeout(Duration.ofSeconds(30)).build();

  private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
  private final List<ObjectName> registered = new ArrayList<>();
  private OpenTelemetrySdk sdk;

  @AfterEach
  void unregisterAndClose() throws Exception {
    for (ObjectName name : registered) {
      server.unregisterMBean(name);
    }
    if (sdk != null) {
      sdk.close();
    }
  }

  @Test
  void flushesTheSdkBehindARegisteredMBeanBeforePolling(LgtmBackend lgtm) throws Exception {
    sdk = TestSdk.create(lgtm.otlpEndpoint(), Encoding.PROTOBUF, "checkout");
    AtomicInteger flushes = new AtomicInteger();
    register(timeoutMillis -> {
      flushes.incrementAndGet();
      return CompletableResultCode.ofAll(List.of(sdk.getSdkTracerProvider().forceFlush(),
              sdk.getSdkMeterProvider().forceFlush(), sdk.getSdkLoggerProvider().forceFlush()))
          .join(timeoutMillis, TimeUnit.MILLISECONDS).isSuccess();
    });
    ExportEndToEndTest.placeOrder(sdk);
    assertThat(lgtm.source().spans(lgtm.query()).items()).as("nothing exported before the flush").isEmpty();

    lgtm.assertTraces().hasSpan("placeOrder").withChild("chargeCard");
    lgtm.assertLogs().hasRecord("order placed").inTraceOf("placeOrder");
    lgtm.assertMetrics().hasCounter("orders.placed").withValue(1);

    assertThat(flushes).hasPositiveValue();
  }

  @Test
  void aThrowingMBeanDoesNotBreakAssertionsOrOtherFlushes(LgtmBackend lgtm) throws Exception {
    sdk = TestSdk.create(lgtm.otlpEndpoint(), Encoding.PROTOBUF, "checkout");
    AtomicInteger brokenCalls = new AtomicInteger();
    register(timeoutMillis -> {
      brokenCalls.incrementAndGet();
      throw new IllegalStateException("exporter already shut down");
    });
    register(timeoutMillis -> sdk.getSdkTracerProvider().forceFlush().join(timeoutMillis, TimeUnit.MILLISECONDS)
        .isSuccess());
    ExportEndToEndTest.placeOrder(sdk);

    lgtm.assertTraces().hasSpan("placeOrder");
    lgtm.assertTraces().hasSpan("chargeCard");
    lgtm.flush();

    assertThat(brokenCalls).as("skipped after its first failure").hasValue(1);
  }

  private void register(TelemetryFlushMBean flush) throws Exception {
    ObjectName name = new ObjectName("io.github.lgtmbootstrap:type=TelemetryFlush,id=jmx-flush-test-"
        + UUID.randomUUID());
    server.registerMBean(new StandardMBean(flush, TelemetryFlushMBean.class), name);
    registered.add(name);
  }
}
