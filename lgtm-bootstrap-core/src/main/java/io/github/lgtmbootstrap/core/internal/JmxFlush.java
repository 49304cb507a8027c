package io.github.lgtmbootstrap.core.internal;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.StandardMBean;

/**
 * Registers a running handle's bounded flush as a platform MBean
 * ({@code io.github.lgtmbootstrap:type=TelemetryFlush,id=<n>-<service.name>}) and unregisters it on shutdown.
 * JMX trouble never fails {@code init()}: it is logged at FINE and the handle runs without the MBean.
 */
public final class JmxFlush implements TelemetryFlushMBean {

  /** The ObjectName domain agreed with the testkit. */
  public static final String DOMAIN = "io.github.lgtmbootstrap";
  /** The {@code type} key property agreed with the testkit. */
  public static final String TYPE = "TelemetryFlush";

  private static final Logger LOG = Logger.getLogger("io.github.lgtmbootstrap.core");
  private static final AtomicLong COUNTER = new AtomicLong();

  private final Predicate<Duration> flush;
  private volatile ObjectName name;

  private JmxFlush(Predicate<Duration> flush) {
    this.flush = flush;
  }

  /**
   * Registers the MBean.
   *
   * @param serviceName part of the id, to tell handles apart in a JMX console
   * @param flush the handle's bounded flush
   * @return the registration, to {@link #unregister()} on shutdown; unregistered if registration failed
   */
  static JmxFlush register(String serviceName, Predicate<Duration> flush) {
    JmxFlush bean = new JmxFlush(flush);
    try {
      ObjectName on = objectName(COUNTER.incrementAndGet() + "-" + serviceName);
      ManagementFactory.getPlatformMBeanServer()
          .registerMBean(new StandardMBean(bean, TelemetryFlushMBean.class), on);
      bean.name = on;
    } catch (JMException | RuntimeException | LinkageError e) {
      LOG.log(Level.FINE, "lgtm-bootstrap: flush MBean not registered; the testkit cannot flush this SDK", e);
    }
    return bean;
  }

  static ObjectName objectName(String id) throws JMException {
    boolean plain = id.chars().noneMatch(c -> ",=:\"*?\\\n ".indexOf(c) >= 0);
    return new ObjectName(DOMAIN + ":type=" + TYPE + ",id=" + (plain ? id : ObjectName.quote(id)));
  }

  /** The registered name, or null if not registered. */
  ObjectName name() {
    return name;
  }

  @Override
  public boolean forceFlush(long timeoutMillis) {
    return flush.test(Duration.ofMillis(Math.max(0, timeoutMillis)));
  }

  /** Unregisters; idempotent, never throws. */
  void unregister() {
    ObjectName on = name;
    name = null;
    if (on == null) {
      return;
    }
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
