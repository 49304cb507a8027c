package io.github.lgtmbootstrap.logback.internal;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggerContextListener;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.spi.AppenderAttachable;
import ch.qos.logback.core.spi.ConfigurationEvent;
import ch.qos.logback.core.spi.ConfigurationEventListener;
import ch.qos.logback.core.status.Status;
import ch.qos.logback.core.status.StatusListener;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.instrumentation.logback.appender.v1_0.OpenTelemetryAppender;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * lgtm's state inside one logback {@link LoggerContext}: the root appender, the trace-id turbo filter, console
 * capture and JUL routing. It lives in the context's listener list (reset resistant), not in a static field, so
 * there is exactly one per context, {@code install} is idempotent, and a {@code reset()} re-attaches what the
 * reset removed.
 */
public final class Wiring implements LoggerContextListener, ConfigurationEventListener, StatusListener {

  private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(Wiring.class.getName());
  private static final String CONSOLE_FQCN = ConsoleCapture.class.getName();

  private final LoggerContext context;
  private volatile LogbackOptions options;
  private final LgtmRootAppender rootAppender;
  private final TraceIdMdcFilter traceIdFilter = new TraceIdMdcFilter();
  private ConsoleCapture console;
  private JulRouting jul;
  private volatile boolean removed;
  /** False when the user's configuration has its own OpenTelemetryAppender: then ours is never on the root. */
  private volatile boolean ownAppender = true;

  private Wiring(LoggerContext context, LogbackOptions options) {
    this.context = context;
    this.options = options;
    this.rootAppender = new LgtmRootAppender(context, LgtmRootAppender.Pipeline.create(context, options));
    traceIdFilter.setContext(context);
  }

  /**
   * Returns the wiring of {@code context}, if lgtm attached one. Looks in the status listeners too: they survive
   * {@code LoggerContext.stop()}, which drops the context listeners, so a wiring is never orphaned and duplicated.
   */
  public static Optional<Wiring> find(LoggerContext context) {
    for (LoggerContextListener listener : context.getCopyOfListenerList()) {
      if (listener instanceof Wiring) {
        return Optional.of((Wiring) listener);
      }
    }
    for (StatusListener listener : context.getStatusManager().getCopyOfStatusListenerList()) {
      if (listener instanceof Wiring && !((Wiring) listener).removed) {
        Wiring wiring = (Wiring) listener;
        wiring.reRegister();
        return Optional.of(wiring);
      }
    }
    return Optional.empty();
  }

  /**
   * Attaches the root appender in buffering mode, before any SDK exists (called by the logback Configurator
   * while logback starts up, before the user's configuration is read).
   */
  public static synchronized Wiring attachEarly(LoggerContext context, LogbackOptions options) {
    Optional<Wiring> existing = find(context);
    if (existing.isPresent()) {
      return existing.get();
    }
    Wiring wiring = new Wiring(context, options);
    wiring.register();
    return wiring;
  }

  /**
   * Connects logback in {@code context} to {@code openTelemetry}; idempotent. A second call connects the same
   * appender to the new instance; it never adds a second appender.
   */
  public static synchronized Wiring install(
      LoggerContext context, LogbackOptions options, OpenTelemetry openTelemetry) {
    Objects.requireNonNull(openTelemetry, "openTelemetry");
    Wiring wiring = find(context).orElse(null);
    List<OpenTelemetryAppender> declared = declaredAppenders(context);
    if (!declared.isEmpty()) {
      // The user's logback.xml already has the OpenTelemetry appender (perhaps behind an AsyncAppender): connect
      // it and keep ours off the root logger, so no line is exported twice.
      OpenTelemetryAppender.install(openTelemetry);
      LOG.info(() -> "lgtm: logback already has " + declared.size() + " OpenTelemetryAppender(s) in its "
          + "configuration; connected them instead of adding lgtm's own appender");
    }
    if (wiring == null) {
      wiring = new Wiring(context, options);
      wiring.ownAppender = declared.isEmpty();
      wiring.register();
      wiring.rootAppender.connect(openTelemetry);
    } else if (wiring.rootAppender.pipeline().forwarder.options().sameAppenderSettings(options)) {
      wiring.rootAppender.connect(openTelemetry);
    } else {
      wiring.rootAppender.replace(LgtmRootAppender.Pipeline.create(context, options), openTelemetry);
    }
    wiring.options = options;
    if (!declared.isEmpty() && wiring.ownAppender) {
      wiring.ownAppender = false;
      wiring.detachRootAppender();
    }
    long dropped = wiring.rootAppender.preinitDropped();
    if (dropped > 0) {
      LOG.warning("lgtm: " + dropped + " log lines logged before Lgtm.init() did not fit into the pre-init "
          + "buffer and were not exported; raise lgtm.logback.preinit.buffer (now "
          + wiring.rootAppender.pipeline().forwarder.options().preinitBuffer() + ") to keep them");
    }
    wiring.applyTraceIdFilter();
    wiring.applyConsoleAndJul();
    return wiring;
  }

  private void register() {
    context.addListener(this);
    context.addConfigurationEventListener(this);
    context.getStatusManager().add(this);
    attachRootAppender();
    applyTraceIdFilter();
  }

  /** Undoes everything: appender, filter, console capture, JUL routing, listeners. */
  public void uninstall() {
    // Same lock order as install (class, then instance), so a concurrent install cannot deadlock with us.
    synchronized (Wiring.class) {
      synchronized (this) {
        uninstallLocked();
      }
    }
  }

  private void uninstallLocked() {
    removed = true;
    context.removeListener(this);
    context.removeConfigurationEventListener(this);
    context.getStatusManager().remove(this);
    detachRootAppender();
    context.getTurboFilterList().remove(traceIdFilter);
    if (console != null) {
      console.uninstall();
      console = null;
    }
    if (jul != null) {
      jul.uninstall();
      jul = null;
    }
    rootAppender.stopPipeline();
    // This thread's MDC may still hold ids written by the filter; other threads' copies are refreshed by nobody
    // now, so patterns on those threads may show the last ids until their MDC is cleared (documented).
    if (context.getMDCAdapter() != null) {
      for (String key : LogbackOptions.TRACE_MDC_KEYS) {
        context.getMDCAdapter().remove(key);
      }
    }
  }


  /** True when lgtm's appender is on the root logger (false when the user's configuration has its own). */
  public boolean ownsAppender() {
    return ownAppender;
  }

  public LogbackOptions options() {
    return options;
  }

  /** True while console capture is active. */
  public synchronized boolean consoleCaptureActive() {
    return console != null;
  }

  /** True while this wiring routes java.util.logging. */
  public synchronized boolean julRoutingActive() {
    return jul != null;
  }

  private void attachRootAppender() {
    if (!ownAppender) {
      // Still used directly for console lines, so keep it started, just not on the root logger.
      if (!rootAppender.isStarted()) {
        rootAppender.start();
      }
      return;
    }
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    if (root.getAppender(LgtmRootAppender.NAME) == null) {
      rootAppender.start();
      root.addAppender(rootAppender);
    } else if (!rootAppender.isStarted()) {
      rootAppender.start();
    }
  }

  private void detachRootAppender() {
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.detachAppender(rootAppender);
  }

  private void applyTraceIdFilter() {
    boolean present = context.getTurboFilterList().contains(traceIdFilter);
    if (options.traceIdsInMdc() && !present) {
      traceIdFilter.start();
      context.getTurboFilterList().addIfAbsent(traceIdFilter);
    } else if (!options.traceIdsInMdc() && present) {
      context.getTurboFilterList().remove(traceIdFilter);
    }
  }

  private synchronized void applyConsoleAndJul() {
    if (options.console() && console == null) {
      // Looked up once per install, not per printed line; logger instances outlive LoggerContext.reset().
      Logger stdout = context.getLogger("System.out");
      Logger stderr = context.getLogger("System.err");
      console =
          ConsoleCapture.install(
              (isStderr, text) -> emitConsoleLine(isStderr ? stderr : stdout, isStderr, text),
              options.consoleMaxLine());
    } else if (!options.console() && console != null) {
      console.uninstall();
      console = null;
    }
    if (options.jul() && jul == null) {
      jul = JulRouting.install();
      if (jul == null) {
        LOG.fine("lgtm: an SLF4J bridge is already installed on java.util.logging; left as is");
      }
    } else if (!options.jul() && jul != null) {
      jul.uninstall();
      jul = null;
    }
  }

  /** Turns one captured console line into a logback event handed only to lgtm's appender (not the console). */
  private void emitConsoleLine(Logger logger, boolean stderr, String text) {
    if (options.traceIdsInMdc()) {
      TraceIdMdcFilter.refresh(context.getMDCAdapter());
    }
    LoggingEvent event = new LoggingEvent(CONSOLE_FQCN, logger, stderr ? Level.ERROR : Level.INFO, text, null, null);
    rootAppender.doAppend(event);
  }

  private static List<OpenTelemetryAppender> declaredAppenders(LoggerContext context) {
    List<OpenTelemetryAppender> found = new ArrayList<>();
    for (Logger logger : context.getLoggerList()) {
      collect(logger.iteratorForAppenders(), found);
    }
    return found;
  }

  @SuppressWarnings("unchecked")
  private static void collect(Iterator<? extends Appender<?>> appenders, List<OpenTelemetryAppender> found) {
    while (appenders.hasNext()) {
      Appender<?> appender = appenders.next();
      if (appender instanceof OpenTelemetryAppender) {
        found.add((OpenTelemetryAppender) appender);
      } else if (appender instanceof AppenderAttachable) {
        collect(((AppenderAttachable<Object>) appender).iteratorForAppenders(), found);
      }
    }
  }

  // LoggerContextListener: re-attach after reset, stay registered across resets.

  @Override
  public boolean isResetResistant() {
    return true;
  }

  @Override
  public void onStart(LoggerContext context) {}

  @Override
  public synchronized void onReset(LoggerContext context) {
    if (removed) {
      return;
    }
    // reset() detached and stopped every appender and cleared the turbo filters; ours come back at once, before
    // the new configuration (if any) is applied, so no line is missed in between.
    attachRootAppender();
    applyTraceIdFilter();
  }

  @Override
  public void onStop(LoggerContext context) {
    // stop() removes every context listener, reset resistant or not. Two hooks survive it and re-register this
    // wiring when the context is configured again (Spring Boot: stop, reset, configure, start): the
    // configuration-event listener (XML configuration) and the reset-resistant status listener (any
    // configuration, programmatic included, reports statuses while it starts appenders).
  }

  @Override
  public void onLevelChange(Logger logger, Level level) {}

  /**
   * Status listener: after a {@code stop()} removed this wiring from the context's listeners, the next status
   * logback reports (a reconfiguration starting appenders) re-registers it. Deliberately lock-free: logback calls
   * this while holding its status-listener lock, and every step here is idempotent.
   */
  @Override
  public void addStatusEvent(Status status) {
    reRegister();
  }

  private void reRegister() {
    if (removed || context.getCopyOfListenerList().contains(this)) {
      return;
    }
    // The appender and filter lists are copy-on-write: safe to change from anywhere.
    attachRootAppender();
    applyTraceIdFilter();
    // The context's listener list is a plain ArrayList that logback iterates while notifying listeners; a status
    // reported from inside that loop (Spring Boot's LevelChangePropagator, on every Logger.setLevel after a
    // stop) must not add to it. The next status or configuration event outside the loop adds us.
    if (!insideListenerNotification()) {
      context.addListener(this);
    }
  }

  /** True while this thread is inside one of LoggerContext's fireOn* loops over its listeners. */
  private static boolean insideListenerNotification() {
    return StackWalker.getInstance()
        .walk(
            frames ->
                frames
                    .limit(64)
                    .anyMatch(
                        f ->
                            f.getMethodName().startsWith("fireOn")
                                && f.getClassName().equals(LoggerContext.class.getName())));
  }

  @Override
  public synchronized void listen(ConfigurationEvent event) {
    if (removed || event.getEventType() != ConfigurationEvent.EventType.CONFIGURATION_ENDED_SUCCESSFULLY) {
      return;
    }
    if (!context.getCopyOfListenerList().contains(this) && !insideListenerNotification()) {
      context.addListener(this);
    }
    attachRootAppender();
    applyTraceIdFilter();
  }
}
