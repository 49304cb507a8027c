package io.github.lgtmbootstrap.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongPredicate;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.ObjectName;
import javax.management.StandardMBean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The JMX flush against a private MBeanServer holding test MBeans of the agreed contract. */
class JmxFlusherTest {

  // Generous: a healthy MBean must answer within bound + grace even on a loaded machine, where starting the call's
  // thread alone can take hundreds of milliseconds; only the slow-MBean test waits it out.
  private static final long BOUND_MILLIS = 2_000;

  /** A private server (not registered with the factory): no other test sees these MBeans. */
  private final MBeanServer server = MBeanServerFactory.newMBeanServer();
  private final CountDownLatch release = new CountDownLatch(1);
  private final List<LogRecord> logged = new CopyOnWriteArrayList<>();
  private final Logger logger = Logger.getLogger(JmxFlusher.class.getName());
  private final Handler capture = new Handler() {
    @Override
    public void publish(LogRecord record) {
      logged.add(record);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  };
  private Level levelBefore;

  @BeforeEach
  void captureLogs() {
    levelBefore = logger.getLevel();
    logger.setLevel(Level.ALL);
    logger.addHandler(capture);
  }

  @AfterEach
  void releaseAndRestore() {
    release.countDown();
    logger.removeHandler(capture);
    logger.setLevel(levelBefore);
  }

  @Test
  void flushesEveryMBeanOfTheContractPassingTheBound() throws Exception {
    Counting first = register("io.github.lgtmbootstrap:type=TelemetryFlush,id=first", timeout -> true);
    Counting second = register("io.github.lgtmbootstrap:type=TelemetryFlush,id=second", timeout -> true);
    Counting otherType = register("io.github.lgtmbootstrap:type=Other,id=x", timeout -> true);
    Counting otherDomain = register("com.example:type=TelemetryFlush,id=x", timeout -> true);
    JmxFlusher flusher = new JmxFlusher(server, BOUND_MILLIS);

    flusher.run();
    flusher.run();

    assertThat(first.calls).hasValue(2);
    assertThat(second.calls).hasValue(2);
    assertThat(first.timeouts).containsOnly(BOUND_MILLIS);
    assertThat(otherType.calls).hasValue(0);
    assertThat(otherDomain.calls).hasValue(0);
  }

  @Test
  void throwingMBeanIsSkippedAfterItsFirstFailureLoggedOnceAndOthersStillFlush() throws Exception {
    Counting broken = register("io.github.lgtmbootstrap:type=TelemetryFlush,id=broken", timeout -> {
      throw new IllegalStateException("exporter closed");
    });
    Counting healthy = register("io.github.lgtmbootstrap:type=TelemetryFlush,id=healthy", timeout -> true);
    JmxFlusher flusher = new JmxFlusher(server, BOUND_MILLIS);

    assertThatCode(() -> {
      flusher.run();
      flusher.run();
      flusher.run();
    }).doesNotThrowAnyException();

    assertThat(broken.calls).hasValue(1);
    assertThat(healthy.calls).hasValue(3);
    assertThat(logged).singleElement().satisfies(record -> {
      assertThat(record.getLevel()).isEqualTo(Level.INFO);
      assertThat(record.getMessage()).contains("id=broken").contains("failed").contains("no longer flush it");
    });
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS) // a flusher that waited for the slow MBean would hang here
  void slowMBeanIsWaitedForOnlyUpToTheBoundThenSkipped() throws Exception {
    Counting slow = register("io.github.lgtmbootstrap:type=TelemetryFlush,id=slow", timeout -> {
      awaitRelease();
      return true;
    });
    Counting healthy = register("io.github.lgtmbootstrap:type=TelemetryFlush,id=healthy", timeout -> true);
    JmxFlusher flusher = new JmxFlusher(server, BOUND_MILLIS);

    flusher.run();
    flusher.run();

    assertThat(slow.calls).hasValue(1);
    assertThat(healthy.calls).hasValue(2);
    assertThat(logged).singleElement().satisfies(record ->
        assertThat(record.getMessage()).contains("id=slow").contains("did not return within 2500 ms"));
  }

  @Test
  void incompleteFlushIsLoggedOnceAtFineAndFlushedAgain() throws Exception {
    Counting incomplete = register("io.github.lgtmbootstrap:type=TelemetryFlush,id=busy", timeout -> false);
    JmxFlusher flusher = new JmxFlusher(server, BOUND_MILLIS);

    flusher.run();
    flusher.run();

    assertThat(incomplete.calls).hasValue(2);
    assertThat(logged).singleElement().satisfies(record -> assertThat(record.getLevel()).isEqualTo(Level.FINE));
  }

  @Test
  void withoutMBeansThereIsNothingToDo() {
    assertThatCode(() -> new JmxFlusher(server, BOUND_MILLIS).run()).doesNotThrowAnyException();
    assertThat(logged).isEmpty();
  }

  @Test
  void readsTheLossCountsAfterFlushingForAFailingAssertionToQuote() throws Exception {
    server.registerMBean(new StandardMBean(new Lossy(1234, 3), LossyFlushMBean.class),
        new ObjectName("io.github.lgtmbootstrap:type=TelemetryFlush,id=lossy"));
    server.registerMBean(new StandardMBean(new Lossy(1, 0), LossyFlushMBean.class),
        new ObjectName("io.github.lgtmbootstrap:type=TelemetryFlush,id=lossy2"));
    register("io.github.lgtmbootstrap:type=TelemetryFlush,id=older", timeout -> true); // no count attributes
    JmxFlusher flusher = new JmxFlusher(server, BOUND_MILLIS);
    assertThat(flusher.lossReport("log record")).as("nothing known before a flush").isEmpty();

    flusher.run();

    assertThat(flusher.lossReport("log record")).isEqualTo("The app's SDK dropped 1,235 log records before export "
        + "(its queue was full; raise otel.blrp.max.queue.size): they never reached the backend.");
    assertThat(flusher.lossReport("span")).isEqualTo(
        "The app's SDK lost 3 spans in failed exports (see its warnings): they never reached the backend.");
    assertThat(flusher.lossReport("metric")).isEmpty();
  }

  /** A flush MBean of the current contract, with two of the count attributes. */
  public interface LossyFlushMBean {
    /** The flush. */
    boolean forceFlush(long timeoutMillis);

    /** Attribute DroppedLogRecords. */
    long getDroppedLogRecords();

    /** Attribute FailedSpans. */
    long getFailedSpans();
  }

  private record Lossy(long droppedLogRecords, long failedSpans) implements LossyFlushMBean {
    @Override
    public boolean forceFlush(long timeoutMillis) {
      return true;
    }

    @Override
    public long getDroppedLogRecords() {
      return droppedLogRecords;
    }

    @Override
    public long getFailedSpans() {
      return failedSpans;
    }
  }

  private Counting register(String name, LongPredicate behaviour) throws Exception {
    Counting bean = new Counting(behaviour);
    server.registerMBean(new StandardMBean(bean, TelemetryFlushMBean.class), new ObjectName(name));
    return bean;
  }

  private void awaitRelease() {
    try {
      release.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Counts its calls and answers as told. */
  private static final class Counting implements TelemetryFlushMBean {
    final AtomicInteger calls = new AtomicInteger();
    final List<Long> timeouts = new CopyOnWriteArrayList<>();
    private final LongPredicate behaviour;

    Counting(LongPredicate behaviour) {
      this.behaviour = behaviour;
    }

    @Override
    public boolean forceFlush(long timeoutMillis) {
      calls.incrementAndGet();
      timeouts.add(timeoutMillis);
      return behaviour.test(timeoutMillis);
    }
  }
}
