package io.github.lgtmbootstrap.testkit.internal;

import java.lang.management.ManagementFactory;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.management.InstanceNotFoundException;
import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;

/**
 * Flushes every telemetry pipeline that registered a flush MBean on the platform MBeanServer (each running
 * {@code Lgtm.init()} handle does; any app or SDK owner may): the testkit's way to reach the SDK behind
 * {@code GlobalOpenTelemetry} without reflection and without depending on core. Not API; the contract is
 * documented on {@code LgtmExtension}.
 *
 * <p>Contract: ObjectName {@value #PATTERN} (domain {@code io.github.lgtmbootstrap}, key properties
 * {@code type=TelemetryFlush,id=<unique id>}), operation {@code boolean forceFlush(long timeoutMillis)}.
 *
 * <p>Never throws and never blocks much past its bound: each call runs on its own daemon thread, gets the bound as
 * its {@code timeoutMillis} and is waited for at most the bound plus a short grace. An MBean whose call throws or
 * outlives the bound is skipped from then on (a test pays for it once), logged once at INFO; one that answers
 * {@code false} (its export did not complete) is logged once at FINE and still flushed next time, since an export
 * can fail for a moment.
 */
public final class JmxFlusher implements Runnable {

  /** The query that finds flush MBeans. */
  public static final String PATTERN = "io.github.lgtmbootstrap:type=TelemetryFlush,*";

  /** The operation every flush MBean exposes. */
  static final String OPERATION = "forceFlush";

  private static final Logger LOGGER = Logger.getLogger(JmxFlusher.class.getName());
  private static final long GRACE_MILLIS = 500;
  private static final long DEFAULT_BOUND_MILLIS = TimeUnit.SECONDS.toMillis(SdkFlusher.FLUSH_TIMEOUT_SECONDS);

  private final MBeanServer server;
  private final ObjectName pattern;
  private final long boundMillis;
  private final Set<ObjectName> skipped = ConcurrentHashMap.newKeySet();
  private final Set<ObjectName> reportedIncomplete = ConcurrentHashMap.newKeySet();

  JmxFlusher(MBeanServer server, long boundMillis) {
    this.server = Objects.requireNonNull(server, "server");
    this.boundMillis = boundMillis;
    try {
      this.pattern = new ObjectName(PATTERN);
    } catch (MalformedObjectNameException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * A flusher of the platform MBeanServer's flush MBeans, each bounded like {@link SdkFlusher}.
   *
   * @return the flush action
   */
  public static JmxFlusher platform() {
    return new JmxFlusher(ManagementFactory.getPlatformMBeanServer(), DEFAULT_BOUND_MILLIS);
  }

  @Override
  public void run() {
    Set<ObjectName> names;
    try {
      names = server.queryNames(pattern, null);
    } catch (RuntimeException e) {
      LOGGER.log(Level.FINE, "Could not list flush MBeans " + PATTERN, e);
      return;
    }
    for (ObjectName name : names) {
      if (!skipped.contains(name)) {
        flush(name);
      }
    }
  }

  private void flush(ObjectName name) {
    CompletableFuture<Object> call = new CompletableFuture<>();
    Thread thread = new Thread(() -> {
      try {
        call.complete(server.invoke(name, OPERATION, new Object[] {boundMillis}, new String[] {"long"}));
      } catch (Exception | LinkageError e) {
        call.completeExceptionally(e);
      }
    }, "lgtm-testkit-jmx-flush");
    thread.setDaemon(true);
    thread.start();
    try {
      // the MBean bounds its own flush to boundMillis; the grace keeps one that just makes it from being skipped
      Object answer = call.get(boundMillis + GRACE_MILLIS, TimeUnit.MILLISECONDS);
      if (Boolean.FALSE.equals(answer) && reportedIncomplete.add(name)) {
        LOGGER.log(Level.FINE, "Flush MBean {0} reported an incomplete flush; assertions poll anyway", name);
      }
    } catch (TimeoutException e) {
      skip(name, "did not return within " + (boundMillis + GRACE_MILLIS) + " ms", null);
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof InstanceNotFoundException)) { // unregistered meanwhile: shut down, not broken
        skip(name, "failed", e.getCause());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void skip(ObjectName name, String what, Throwable cause) {
    if (skipped.add(name)) {
      LOGGER.log(Level.INFO, "Flush MBean " + name + " " + what + "; assertions no longer flush it and rely on "
          + "its export intervals", cause);
    }
  }
}
