package io.github.lgtmbootstrap.testkit.internal;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.management.Attribute;
import javax.management.AttributeList;
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
 *
 * <p>After each flush it reads the MBean's {@code Dropped*}/{@code Failed*} count attributes (absent on MBeans of
 * older versions: then nothing is reported), so that a failing assertion can say that the app's SDK lost
 * telemetry ({@link #lossReport(String)}).
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
  private final Map<ObjectName, Map<String, Long>> losses = new ConcurrentHashMap<>();

  /** The count attributes read after each flush, and how a failure message names them. */
  private static final String[][] LOSS_ATTRIBUTES = {
    {"DroppedSpans", "span", "dropped %s spans before export (its queue was full; raise otel.bsp.max.queue.size)"},
    {"FailedSpans", "span", "lost %s spans in failed exports (see its warnings)"},
    {"DroppedLogRecords", "log record",
        "dropped %s log records before export (its queue was full; raise otel.blrp.max.queue.size)"},
    {"FailedLogRecords", "log record", "lost %s log records in failed exports (see its warnings)"},
    {"FailedMetrics", "metric", "lost %s metrics in failed exports (see its warnings)"},
  };

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
      readLosses(name);
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

  private void readLosses(ObjectName name) {
    String[] names = new String[LOSS_ATTRIBUTES.length];
    for (int i = 0; i < names.length; i++) {
      names[i] = LOSS_ATTRIBUTES[i][0];
    }
    try {
      AttributeList read = server.getAttributes(name, names);
      Map<String, Long> counts = new ConcurrentHashMap<>();
      for (Attribute a : read.asList()) {
        if (a.getValue() instanceof Long n) {
          counts.put(a.getName(), n);
        }
      }
      losses.put(name, counts);
    } catch (Exception | LinkageError e) {
      LOGGER.log(Level.FINE, "Could not read the loss counts of flush MBean " + name, e);
    }
  }

  /**
   * What the flushed SDKs lost of one kind of telemetry, as of the last flush, for a failing assertion.
   *
   * @param noun {@code span}, {@code log record} or {@code metric}
   * @return such as "The app's SDK dropped 77,837 log records before export (...)." or empty if nothing was lost
   */
  public String lossReport(String noun) {
    List<String> parts = new ArrayList<>();
    for (String[] attribute : LOSS_ATTRIBUTES) {
      if (!attribute[1].equals(noun)) {
        continue;
      }
      long total = 0;
      for (Map<String, Long> counts : losses.values()) {
        total += counts.getOrDefault(attribute[0], 0L);
      }
      if (total > 0) {
        parts.add(String.format(Locale.ROOT, attribute[2], String.format(Locale.ROOT, "%,d", total)));
      }
    }
    return parts.isEmpty() ? "" : "The app's SDK " + String.join(" and ", parts) + ": they never reached the backend.";
  }

  private void skip(ObjectName name, String what, Throwable cause) {
    if (skipped.add(name)) {
      LOGGER.log(Level.INFO, "Flush MBean " + name + " " + what + "; assertions no longer flush it and rely on "
          + "its export intervals", cause);
    }
  }
}
