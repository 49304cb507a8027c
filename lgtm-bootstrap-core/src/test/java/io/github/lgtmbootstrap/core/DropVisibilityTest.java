package io.github.lgtmbootstrap.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lgtmbootstrap.core.support.CaptureServer;
import io.github.lgtmbootstrap.core.support.LgtmTestSupport;
import io.github.lgtmbootstrap.core.support.LgtmTestSupport.JulCapture;
import io.opentelemetry.api.logs.Logger;
import io.opentelemetry.api.trace.Tracer;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.logging.LogRecord;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Telemetry the SDK drops (queue full) or fails to export is counted per signal on the handle and the flush
 * MBean, and warned about with the count, the signal and the key to raise. The backend blocks until the test
 * releases it, so the queue overflows for sure and no timing decides the outcome: only the sum
 * exported + dropped is known in advance, and it is asserted exactly.
 */
@ExtendWith(LgtmTestSupport.class)
class DropVisibilityTest {

  private static final Duration FLUSH = Duration.ofSeconds(20); // generous: a loaded machine; a pass is quick
  private static final int RECORDS = 300;
  private static final Pattern DROPPED = Pattern.compile("the SDK dropped ([\\d,]+) (spans|log records) because "
      + "its queue \\((otel\\.b[a-z]+\\.max\\.queue\\.size)=16\\) was full");

  @Test
  void overflowingQueuesAreCountedAndWarnedWithTheKeyToRaise() throws Exception {
    MBeanServer jmx = ManagementFactory.getPlatformMBeanServer(); // so the MBean registers before init returns
    CountDownLatch release = new CountDownLatch(1);
    try (CaptureServer backend = new CaptureServer().holdUntil(release);
        JulCapture jul = new JulCapture("io.github.lgtmbootstrap")) {
      ExportCounts counts;
      Set<ObjectName> mine;
      try (LgtmHandle lgtm = Lgtm.builder().setEndpoint(backend.endpoint()).setRuntimeMetrics(false)
          .setServiceName("drops")
          .setProperty("otel.blrp.max.queue.size", "16").setProperty("otel.blrp.max.export.batch.size", "8")
          .setProperty("otel.bsp.max.queue.size", "16").setProperty("otel.bsp.max.export.batch.size", "8")
          .init()) {
        Logger logger = lgtm.openTelemetry().getLogsBridge().get("drops");
        Tracer tracer = lgtm.openTelemetry().getTracer("drops");
        for (int i = 0; i < RECORDS; i++) {
          logger.logRecordBuilder().setBody("line " + i).emit();
          tracer.spanBuilder("span " + i).startSpan().end();
        }
        release.countDown();
        assertThat(lgtm.forceFlush(FLUSH)).as("flush after the backend was released").isTrue();
        counts = lgtm.exportCounts();
        mine = jmx.queryNames(new ObjectName("io.github.lgtmbootstrap:type=TelemetryFlush,id=*-drops"), null);
        assertThat(mine).hasSize(1);
        ObjectName bean = mine.iterator().next();
        assertThat(jmx.getAttribute(bean, "DroppedLogRecords")).isEqualTo(counts.logRecords().dropped());
        assertThat(jmx.getAttribute(bean, "DroppedSpans")).isEqualTo(counts.spans().dropped());
        assertThat(jmx.getAttribute(bean, "ExportedLogRecords")).isEqualTo(counts.logRecords().exported());
        assertThat(jmx.getAttribute(bean, "FailedLogRecords")).isEqualTo(0L);
      }
      for (ExportCounts.Signal s : new ExportCounts.Signal[] {counts.logRecords(), counts.spans()}) {
        assertThat(s.dropped()).as("a queue of 16 with a blocked exporter overflows: %s", s).isPositive();
        assertThat(s.exported() + s.dropped()).as("every item exported or counted as dropped: %s", s)
            .isEqualTo(RECORDS);
        assertThat(s.failed()).isZero();
      }
      // Rate-limited: one warning while it happens, the rest at shutdown; together they say every drop.
      long warnedLogs = 0;
      long warnedSpans = 0;
      for (LogRecord r : jul.records()) {
        Matcher m = DROPPED.matcher(r.getMessage());
        while (m.find()) {
          long n = Long.parseLong(m.group(1).replace(",", ""));
          assertThat(m.group(3)).isEqualTo(m.group(2).equals("spans") ? "otel.bsp.max.queue.size"
              : "otel.blrp.max.queue.size");
          if (m.group(2).equals("spans")) {
            warnedSpans += n;
          } else {
            warnedLogs += n;
          }
        }
      }
      assertThat(warnedLogs).as("log records warned about in:\n%s", jul.allText())
          .isEqualTo(counts.logRecords().dropped());
      assertThat(warnedSpans).as("spans warned about in:\n%s", jul.allText()).isEqualTo(counts.spans().dropped());
      assertThat(jul.records().stream().filter(r -> r.getMessage().contains("telemetry lost")).count())
          .as("rate-limited: at most one while running plus one at shutdown").isBetween(1L, 2L);
    }
  }

  @Test
  void rejectedExportsAreCountedAsFailedAndWarned() throws Exception {
    try (CaptureServer backend = new CaptureServer().respondWith(400);
        JulCapture jul = new JulCapture("io.github.lgtmbootstrap")) {
      ExportCounts counts;
      try (LgtmHandle lgtm = Lgtm.builder().setEndpoint(backend.endpoint()).setRuntimeMetrics(false).init()) {
        Logger logger = lgtm.openTelemetry().getLogsBridge().get("fails");
        for (int i = 0; i < 10; i++) {
          logger.logRecordBuilder().setBody("line " + i).emit();
        }
        assertThat(lgtm.forceFlush(FLUSH)).as("a rejected export is not a successful flush").isFalse();
        counts = lgtm.exportCounts();
      }
      assertThat(counts.logRecords()).isEqualTo(new ExportCounts.Signal(0, 0, 10));
      assertThat(jul.allText()).contains("10 log records were in exports to " + backend.endpoint() + " that failed");
    }
  }

  @Test
  void aDisabledHandleCountsNothing() {
    try (LgtmHandle lgtm = Lgtm.builder().setEnabled(false).init()) {
      assertThat(lgtm.exportCounts()).isEqualTo(ExportCounts.NONE);
    }
  }
}
