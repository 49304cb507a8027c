package io.github.lgtmbootstrap.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lgtmbootstrap.testkit.LgtmBackend;
import io.github.lgtmbootstrap.testkit.LgtmTest;
import io.opentelemetry.api.GlobalOpenTelemetry;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Set;
import javax.management.MBeanOperationInfo;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The flush MBean the testkit uses to flush the SDK behind GlobalOpenTelemetry. */
@LgtmTest
class JmxFlushTest {

  private static final MBeanServer SERVER = ManagementFactory.getPlatformMBeanServer();

  @BeforeEach
  @AfterEach
  void reset() {
    GlobalOpenTelemetry.resetForTest();
    System.clearProperty("lgtm.jmx.enabled");
  }

  private static Set<ObjectName> flushBeans() throws Exception {
    return SERVER.queryNames(new ObjectName("io.github.lgtmbootstrap:type=TelemetryFlush,*"), null);
  }

  /** Long intervals: only a flush delivers anything while the handle runs. */
  private static LgtmBuilder slow(LgtmBackend lgtm) {
    return Lgtm.builder()
        .setEndpoint(lgtm.otlpEndpoint())
        .setServiceName("jmx flush, \"quoted\"")
        .setRuntimeMetrics(false)
        .setMetricExportInterval(Duration.ofSeconds(60))
        .setProperty("otel.bsp.schedule.delay", "60s")
        .setProperty("otel.blrp.schedule.delay", "60s")
        .setProperty("lgtm.addons.disabled", "failing,recording");
  }

  @Test
  void aRunningHandleRegistersAFlushOperationThatDeliversAndIsUnregisteredOnClose(LgtmBackend lgtm)
      throws Exception {
    Set<ObjectName> before = flushBeans();
    ObjectName name;
    try (LgtmHandle h = slow(lgtm).init()) {
      Set<ObjectName> running = flushBeans();
      running.removeAll(before);
      assertThat(running).as("one MBean for this handle").hasSize(1);
      name = running.iterator().next();
      assertThat(name.getKeyPropertyList()).containsOnlyKeys("type", "id");
      assertThat(name.getDomain()).isEqualTo("io.github.lgtmbootstrap");
      assertThat(SERVER.getMBeanInfo(name).getOperations())
          .extracting(MBeanOperationInfo::getName, MBeanOperationInfo::getReturnType)
          .containsExactly(org.assertj.core.groups.Tuple.tuple("forceFlush", "boolean"));
      assertThat(SERVER.getMBeanInfo(name).getAttributes())
          .allMatch(a -> a.isReadable() && !a.isWritable() && a.getType().equals("long"))
          .extracting(javax.management.MBeanAttributeInfo::getName)
          .containsExactlyInAnyOrder("ExportedSpans", "DroppedSpans", "FailedSpans", "ExportedLogRecords",
              "DroppedLogRecords", "FailedLogRecords", "ExportedMetrics", "FailedMetrics");

      h.openTelemetry().getTracer("jmx").spanBuilder("flushed-by-jmx").startSpan().end();
      h.openTelemetry().getMeter("jmx").counterBuilder("jmx.flushes").build().add(3);
      // source() reads the store without flushing (spans() would run the testkit's own flush).
      assertThat(lgtm.source().spans(lgtm.query()).items()).noneMatch(s -> s.name().equals("flushed-by-jmx"));

      Object flushed =
          SERVER.invoke(name, "forceFlush", new Object[] {10_000L}, new String[] {long.class.getName()});

      assertThat(flushed).isEqualTo(Boolean.TRUE);
      assertThat(SERVER.getAttribute(name, "ExportedSpans")).as("counted once confirmed").isEqualTo(1L);
      assertThat(SERVER.getAttribute(name, "DroppedSpans")).isEqualTo(0L);
      // No polling: a confirmed flush means the backend already has the data.
      assertThat(lgtm.source().spans(lgtm.query()).items()).anyMatch(s -> s.name().equals("flushed-by-jmx"));
      assertThat(lgtm.source().metrics(lgtm.query()).items()).anyMatch(m -> m.name().equals("jmx.flushes"));
    }
    assertThat(SERVER.isRegistered(name)).as("unregistered after close").isFalse();
    assertThat(flushBeans()).isEqualTo(before);
  }

  @Test
  void disabledHandlesAndTheSwitchRegisterNothing(LgtmBackend lgtm) throws Exception {
    Set<ObjectName> before = flushBeans();
    try (LgtmHandle off = Lgtm.builder().setProperty("lgtm.enabled", "false").init()) {
      assertThat(off.isEnabled()).isFalse();
      assertThat(flushBeans()).isEqualTo(before);
    }
    System.setProperty("lgtm.jmx.enabled", "false");
    try (LgtmHandle noJmx = slow(lgtm).init()) {
      assertThat(noJmx.isEnabled()).isTrue();
      assertThat(flushBeans()).isEqualTo(before);
    }
  }
}
