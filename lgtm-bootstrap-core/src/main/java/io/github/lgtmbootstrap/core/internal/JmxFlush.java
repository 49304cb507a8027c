package io.github.lgtmbootstrap.core.internal;

import io.github.lgtmbootstrap.core.ExportCounts;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.ObjectName;
import javax.management.StandardMBean;

/**
 * Registers a running handle's bounded flush as a platform MBean
 * ({@code io.github.lgtmbootstrap:type=TelemetryFlush,id=<n>-<service.name>}) and unregisters it on shutdown.
 * JMX trouble never fails {@code init()}: it is logged at FINE and the handle runs without the MBean.
 *
 * <p>Creating the platform MBean server costs 130-200 ms on the team's 2-core machine (it registers every
 * platform MXBean), more than the rest of our own {@code init()} work. So when no MBean server exists yet (a plain
 * application: nobody uses JMX) the registration runs on a daemon thread and {@code init()} does not wait for it;
 * when one exists (the testkit, an IDE, a JMX agent, Spring) it is registered before {@code init()} returns.
 */
public final class JmxFlush implements TelemetryFlushMBean {

  /** The ObjectName domain agreed with the testkit. */
  public static final String DOMAIN = "io.github.lgtmbootstrap";
  /** The {@code type} key property agreed with the testkit. */
  public static final String TYPE = "TelemetryFlush";

  private static final Logger LOG = Logger.getLogger("io.github.lgtmbootstrap.core");
  private static final AtomicLong COUNTER = new AtomicLong();

  private final Predicate<Duration> flush;
  private final Supplier<ExportCounts> counts;
  private final String id;
  // Guarded by this.
  private ObjectName name;
  private boolean closed;

  private JmxFlush(Predicate<Duration> flush, Supplier<ExportCounts> counts, String id) {
    this.flush = flush;
    this.counts = counts;
    this.id = id;
  }

  /**
   * Registers the MBean: right away if an MBean server exists, else on a daemon thread.
   *
   * @param serviceName part of the id, to tell handles apart in a JMX console
   * @param flush the handle's bounded flush
   * @param counts the handle's export counts
   * @return the registration, to {@link #unregister()} on shutdown
   */
  static JmxFlush register(String serviceName, Predicate<Duration> flush, Supplier<ExportCounts> counts) {
    Executor executor =
        MBeanServerFactory.findMBeanServer(null).isEmpty()
            ? r -> {
              Thread t = new Thread(r, "lgtm-jmx-register");
              t.setDaemon(true);
              t.start();
            }
            : Runnable::run;
    return register(serviceName, flush, counts, executor);
  }

  /** Registers the MBean on {@code executor}. */
  static JmxFlush register(
      String serviceName, Predicate<Duration> flush, Supplier<ExportCounts> counts, Executor executor) {
    JmxFlush bean = new JmxFlush(flush, counts, COUNTER.incrementAndGet() + "-" + serviceName);
    try {
      executor.execute(bean::registerNow);
    } catch (RuntimeException e) {
      LOG.log(Level.FINE, "lgtm-bootstrap: flush MBean not registered", e);
    }
    return bean;
  }

  private void registerNow() {
    try {
      ObjectName on = objectName(id);
      MBeanServer server = ManagementFactory.getPlatformMBeanServer(); // the slow part, outside the lock
      synchronized (this) {
        if (closed) {
          return;
        }
      }
      server.registerMBean(new StandardMBean(this, TelemetryFlushMBean.class), on);
      boolean closedMeanwhile;
      synchronized (this) {
        closedMeanwhile = closed;
        if (!closedMeanwhile) {
          name = on;
        }
      }
      if (closedMeanwhile) {
        unregisterQuietly(on);
      }
    } catch (JMException | RuntimeException | LinkageError e) {
      LOG.log(Level.FINE, "lgtm-bootstrap: flush MBean not registered; the testkit cannot flush this SDK", e);
    }
  }

  static ObjectName objectName(String id) throws JMException {
    boolean plain = id.chars().noneMatch(c -> ",=:\"*?\\\n ".indexOf(c) >= 0);
    return new ObjectName(DOMAIN + ":type=" + TYPE + ",id=" + (plain ? id : ObjectName.quote(id)));
  }

  /** The registered name, or null if not (or not yet) registered. */
  synchronized ObjectName name() {
    return name;
  }

  @Override
  public boolean forceFlush(long timeoutMillis) {
    return flush.test(Duration.ofMillis(Math.max(0, timeoutMillis)));
  }

  @Override
  public long getExportedSpans() {
    return counts.get().spans().exported();
  }

  @Override
  public long getDroppedSpans() {
    return counts.get().spans().dropped();
  }

  @Override
  public long getFailedSpans() {
    return counts.get().spans().failed();
  }

  @Override
  public long getExportedLogRecords() {
    return counts.get().logRecords().exported();
  }

  @Override
  public long getDroppedLogRecords() {
    return counts.get().logRecords().dropped();
  }

  @Override
  public long getFailedLogRecords() {
    return counts.get().logRecords().failed();
  }

  @Override
  public long getExportedMetrics() {
    return counts.get().metrics().exported();
  }

  @Override
  public long getFailedMetrics() {
    return counts.get().metrics().failed();
  }

  /** Unregisters (also a registration still under way); idempotent, never throws, never waits for it. */
  void unregister() {
    ObjectName on;
    synchronized (this) {
      closed = true;
      on = name;
      name = null;
    }
    if (on != null) {
      unregisterQuietly(on);
    }
  }

  private static void unregisterQuietly(ObjectName on) {
    try {
      MBeanServer server = ManagementFactory.getPlatformMBeanServer();
      if (server.isRegistered(on)) {
        server.unregisterMBean(on);
      }
    } catch (JMException | RuntimeException | LinkageError e) {
      LOG.log(Level.FINE, "lgtm-bootstrap: flush MBean " + on + " not unregistered", e);
    }
  }
}
