package io.github.lgtmbootstrap.core.internal;

import io.github.lgtmbootstrap.core.AddonContext;
import io.github.lgtmbootstrap.core.ExportCounts;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.instrumentation.runtimetelemetry.RuntimeTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.resources.Resource;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A running SDK with everything {@code Lgtm.init()} attached to it (runtime metrics, add-ons, shutdown hook),
 * and the bounded flush and shutdown.
 *
 * <p>Why bounded by hand: the SDK's own shutdown can block the calling thread for many seconds when the endpoint
 * is black-holed (the metric reader exports and retries during shutdown, and {@code join(timeout)} does not
 * bound that). So every provider is shut down on its own daemon thread and we stop waiting at the bound; the
 * daemon threads never keep the JVM alive. The threads the SDK itself starts (exporter HTTP clients, batch
 * workers, the metric reader) are ended after shutdown through {@link SdkThreads}, so that none of them keeps the
 * JVM's exit waiting.
 */
public final class LgtmRuntime {

  private static final Logger LOG = Logger.getLogger("io.github.lgtmbootstrap.core");

  private final Settings settings;
  private final OpenTelemetrySdk sdk;
  private final Resource resource;
  private final ExportTally tally;
  private final DeferredStart runtimeMetrics; // also creates the OTLP exporters (LazyOtlp)
  private final boolean deferredWork;
  private final SdkThreads threads;
  private final Map<String, String> effectiveConfig;
  private Addons addons = Addons.none();
  private JmxFlush jmx;
  private Thread hook;
  private Boolean shutdownResult;
  private final Set<Set<String>> reinitWarnings = new HashSet<>();

  private LgtmRuntime(
      Settings settings,
      OpenTelemetrySdk sdk,
      Resource resource,
      ExportTally tally,
      DeferredStart runtimeMetrics,
      boolean deferredWork,
      SdkThreads threads) {
    this.settings = settings;
    this.sdk = sdk;
    this.resource = resource;
    this.tally = tally;
    this.runtimeMetrics = runtimeMetrics;
    this.deferredWork = deferredWork;
    this.threads = threads;
    this.effectiveConfig = settings.config().effectiveRelevant();
  }

  /**
   * Builds the SDK; does not register anything global. JVM runtime metrics are registered later, off the
   * caller's thread, by {@link #startDeferred()}.
   *
   * @param settings validated settings
   * @param consoleOut where console mode prints
   */
  public static LgtmRuntime start(Settings settings, PrintStream consoleOut) {
    return start(settings, consoleOut, RuntimeTelemetry::create);
  }

  /** {@link #start(Settings, PrintStream)} with the runtime metric registration replaceable for tests. */
  static LgtmRuntime start(
      Settings settings, PrintStream consoleOut, Function<OpenTelemetry, AutoCloseable> runtimeMetrics) {
    ExportTally tally = new ExportTally(settings);
    SdkThreads threads = new SdkThreads();
    SdkAssembly.Built built = threads.build(() -> SdkAssembly.build(settings, consoleOut, tally));
    OpenTelemetrySdk sdk = built.sdk().getOpenTelemetrySdk();
    // After init() returns, on a thread of the SDK's group: first the OTLP exporters (LazyOtlp: the HTTP client
    // and TLS context, ~0.2 s), then JVM runtime metrics (asynchronous instruments, read at collection: ~250
    // classes). Nothing is lost by doing either later: exports, flushes and shutdown wait for them.
    List<Runnable> exporters = built.exporterCreation();
    boolean metrics = settings.runtimeMetrics();
    DeferredStart deferred =
        new DeferredStart(
            metrics ? "JVM runtime metrics" : "OTLP exporters",
            () -> {
              exporters.forEach(Runnable::run);
              return metrics ? runtimeMetrics.apply(sdk) : () -> {};
            },
            threads::newThread);
    return new LgtmRuntime(
        settings, sdk, built.resource(), tally, deferred, metrics || !exporters.isEmpty(), threads);
  }

  /**
   * Starts what {@code init()} does not wait for (creating the OTLP exporters, JVM runtime metric registration)
   * on a daemon thread; called last in {@code init()}. Flush and shutdown wait for it, bounded by their own
   * timeout.
   */
  public void startDeferred() {
    if (deferredWork) {
      runtimeMetrics.start();
    }
  }

  /** Installs the add-ons discovered (and validated) with the settings. */
  public void installAddons(Addons discovered) {
    AddonContext ctx = Addons.context(sdk, settings.config());
    addons = discovered.install(ctx);
  }

  /** Registers the flush MBean for the testkit if {@code lgtm.jmx.enabled}; never fails. */
  public synchronized void registerJmx() {
    if (settings.jmxEnabled() && jmx == null && shutdownResult == null) {
      String service = String.valueOf(resource.getAttribute(ResourceTweaks.SERVICE_NAME));
      jmx = JmxFlush.register(service, this::forceFlush, tally::counts);
    }
  }

  /** Registers the bounded shutdown hook if enabled. */
  public synchronized void registerShutdownHook() {
    if (!settings.shutdownHook()) {
      return;
    }
    Thread h = new Thread(this::shutdownFromHook, "lgtm-shutdown-hook");
    try {
      Runtime.getRuntime().addShutdownHook(h);
      hook = h;
    } catch (IllegalStateException e) {
      // init() during JVM shutdown: no hook possible; close() still works.
      LOG.fine("lgtm-bootstrap: JVM is shutting down; no shutdown hook registered");
    }
  }

  private void shutdownFromHook() {
    synchronized (this) {
      hook = null; // the JVM is already running it; removing it would throw
    }
    shutdown(true);
  }

  /** The resource every signal carries. */
  public Resource resource() {
    return resource;
  }

  /** The SDK. */
  public OpenTelemetry openTelemetry() {
    return sdk;
  }

  /** Effective {@code otel.*}/{@code lgtm.*} values at init, to compare a second init against. */
  public Map<String, String> effectiveConfig() {
    return effectiveConfig;
  }

  /**
   * Whether a second {@code init()} differing in {@code keys} is the first such call for this runtime (so that it
   * warns once, not on every call).
   */
  public synchronized boolean firstReinitWarning(Set<String> keys) {
    return reinitWarnings.add(Set.copyOf(keys));
  }

  /** Whether {@link #shutdown()} has run. */
  public synchronized boolean isShutdown() {
    return shutdownResult != null;
  }

  /**
   * Exports everything pending, waiting at most {@code timeout}.
   *
   * @return true if all three signals confirmed in time
   */
  public boolean forceFlush(Duration timeout) {
    if (isShutdown()) {
      return false;
    }
    long start = System.nanoTime();
    if (!runtimeMetrics.await(start + timeout.toNanos())) {
      LOG.fine("lgtm-bootstrap: exporters or JVM runtime metrics still starting; flushing without waiting more");
    }
    Duration spent = Duration.ofNanos(System.nanoTime() - start);
    Duration left = spent.compareTo(timeout) >= 0 ? Duration.ZERO : timeout.minus(spent);
    Map<String, Supplier<CompletableResultCode>> work = new LinkedHashMap<>();
    work.put("traces", () -> sdk.getSdkTracerProvider().forceFlush());
    work.put("metrics", () -> flushMetrics(left));
    work.put("logs", () -> sdk.getSdkLoggerProvider().forceFlush());
    boolean ok = runBounded("lgtm-flush", work, left).isEmpty();
    tally.checkLosses();
    return ok;
  }

  /** What OTLP export confirmed, dropped and failed so far. */
  public ExportCounts exportCounts() {
    return tally.counts();
  }

  /**
   * The periodic metric reader fails a flush outright when its scheduled export is running at that moment
   * ("exporter busy"); retrying until the deadline turns that race into a real answer. A fixed number of short
   * retries was not enough on a loaded machine, where the scheduled export can take longer than they did. A
   * failure during which an OTLP metric export failed is the backend's answer and is not retried. Runs on a
   * daemon flush thread.
   */
  private CompletableResultCode flushMetrics(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      long failuresBefore = tally.metricExportFailures();
      CompletableResultCode r = sdk.getSdkMeterProvider().forceFlush();
      r.join(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (r.isSuccess() || !r.isDone() || System.nanoTime() > deadline
          || tally.metricExportFailures() != failuresBefore) {
        return r;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return r;
      }
    }
  }

  /**
   * Uninstalls add-ons, stops runtime metrics and shuts the SDK down (flushing what is pending), returning within
   * {@code lgtm.shutdown.timeout} whatever the backend does. Idempotent.
   *
   * @return true if everything was exported and shut down in time
   */
  public boolean shutdown() {
    return shutdown(false);
  }

  private boolean shutdown(boolean fromHook) {
    Thread toRemove;
    synchronized (this) {
      if (shutdownResult != null) {
        return shutdownResult;
      }
      shutdownResult = Boolean.FALSE;
      toRemove = hook;
      hook = null;
    }
    JmxFlush registered;
    synchronized (this) {
      registered = jmx;
      jmx = null;
    }
    if (registered != null) {
      registered.unregister();
    }
    if (toRemove != null) {
      try {
        Runtime.getRuntime().removeShutdownHook(toRemove);
      } catch (IllegalStateException e) {
        // JVM already shutting down: the hook runs or ran; nothing to undo.
      }
    }
    Duration bound = settings.shutdownTimeout();
    long start = System.nanoTime();
    // Add-ons and runtime metrics first, on a daemon thread too: an add-on must not be able to block exit.
    Map<String, Supplier<CompletableResultCode>> prep = new LinkedHashMap<>();
    prep.put(
        "add-ons",
        () -> {
          addons.uninstallAll();
          // Waits for a registration still running, so its instruments are in the final collection.
          runtimeMetrics.close(start + bound.toNanos());
          return CompletableResultCode.ofSuccess();
        });
    List<String> late = new ArrayList<>(runBounded("lgtm-shutdown", prep, bound));
    Duration left = bound.minusNanos(System.nanoTime() - start);
    if (left.isNegative()) {
      left = Duration.ZERO;
    }
    Map<String, Supplier<CompletableResultCode>> work = new LinkedHashMap<>();
    work.put("traces", () -> sdk.getSdkTracerProvider().shutdown());
    work.put("metrics", () -> sdk.getSdkMeterProvider().shutdown());
    work.put("logs", () -> sdk.getSdkLoggerProvider().shutdown());
    late.addAll(runBounded("lgtm-shutdown", work, left));
    // Done or given up on: end what the SDK leaves running (idle HTTP clients, workers waiting on a dead export).
    threads.stop();
    tally.remainingLosses().ifPresent(m -> warn(m, fromHook)); // at exit JUL may have no handlers left
    boolean ok = late.isEmpty();
    if (!ok) {
      warn(droppedMessage(late, bound), fromHook);
    }
    synchronized (this) {
      shutdownResult = ok;
    }
    return ok;
  }

  /**
   * Logs on java.util.logging. At JVM exit, JUL's own shutdown hook may already have reset the handlers, which
   * would silently swallow the one warning that says telemetry was dropped; only then the same line goes to
   * standard error (never standard output).
   */
  private static void warn(String message, boolean fromHook) {
    LOG.warning(message);
    if (fromHook && Logger.getLogger("").getHandlers().length == 0) {
      System.err.println("WARNING: " + message);
    }
  }

  private String droppedMessage(List<String> failed, Duration bound) {
    List<String> parts = new ArrayList<>();
    if (failed.contains("traces") && settings.otlpEnabled()) {
      parts.add(tally.unconfirmedSpans() + " span(s)");
    }
    if (failed.contains("logs") && settings.otlpEnabled()) {
      parts.add(tally.unconfirmedLogs() + " log record(s)");
    }
    if (failed.contains("metrics")) {
      parts.add("the final metric collection");
    }
    if (failed.contains("add-ons")) {
      parts.add("(add-on uninstall or the deferred start of exporters and runtime metrics did not finish)");
    }
    return settings.redactor().redact("lgtm-bootstrap: shutdown did not complete within "
        + bound.toMillis()
        + " ms (lgtm.shutdown.timeout) or the backend rejected the data; not confirmed by "
        + settings.endpoint()
        + " and dropped: "
        + (parts.isEmpty() ? "nothing counted" : String.join(", ", parts))
        + ". Is the backend reachable? Raise lgtm.shutdown.timeout to wait longer.");
  }

  /**
   * Runs each task on its own daemon thread and waits until all completed or the timeout passed.
   *
   * @return names of the tasks that did not complete successfully in time
   */
  private static List<String> runBounded(
      String threadName, Map<String, Supplier<CompletableResultCode>> tasks, Duration timeout) {
    Map<String, CompletableFuture<Boolean>> results = new LinkedHashMap<>();
    tasks.forEach(
        (name, task) -> {
          CompletableFuture<Boolean> f = new CompletableFuture<>();
          results.put(name, f);
          Thread t =
              new Thread(
                  () -> {
                    try {
                      CompletableResultCode r = task.get();
                      r.whenComplete(() -> f.complete(r.isSuccess()));
                    } catch (Throwable e) {
                      LOG.log(Level.FINE, "lgtm-bootstrap: " + name + " failed", e);
                      f.complete(false);
                    }
                  },
                  threadName + "-" + name);
          t.setDaemon(true);
          t.start();
        });
    long deadline = System.nanoTime() + timeout.toNanos();
    List<String> failed = new ArrayList<>();
    for (Map.Entry<String, CompletableFuture<Boolean>> e : results.entrySet()) {
      long waitNanos = Math.max(0, deadline - System.nanoTime());
      try {
        if (!e.getValue().get(waitNanos, TimeUnit.NANOSECONDS)) {
          failed.add(e.getKey());
        }
      } catch (TimeoutException ex) {
        failed.add(e.getKey());
      } catch (InterruptedException ex) {
        Thread.currentThread().interrupt();
        failed.add(e.getKey());
      } catch (ExecutionException ex) {
        failed.add(e.getKey());
      }
    }
    return failed;
  }

  /** The threads the SDK started that are still alive (none some moments after shutdown). */
  public List<Thread> sdkThreads() {
    return threads.alive();
  }

  /** Secret-free description. */
  @Override
  public String toString() {
    String name = resource.getAttribute(ResourceTweaks.SERVICE_NAME);
    return "service.name="
        + name
        + ", "
        + settings
        + (addons.names().isEmpty() ? "" : ", addons=" + addons.names());
  }
}
