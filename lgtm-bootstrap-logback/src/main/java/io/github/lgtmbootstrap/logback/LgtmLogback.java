package io.github.lgtmbootstrap.logback;

import ch.qos.logback.classic.LoggerContext;
import io.github.lgtmbootstrap.logback.internal.LogbackOptions;
import io.github.lgtmbootstrap.logback.internal.Wiring;
import io.opentelemetry.api.OpenTelemetry;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * Wires logback to OpenTelemetry with no XML: every log line becomes an OpenTelemetry log record tied to the
 * active span, and the user's own appenders and {@code logback.xml} keep working untouched.
 *
 * <p>With {@code Lgtm.init()} nothing needs to be called: this module's add-on does it. Apps that build their own
 * SDK call {@link #install(OpenTelemetry)}:
 *
 * <pre>{@code
 * OpenTelemetrySdk sdk = ...;                       // your own SDK, with a log record processor
 * try (LgtmLogback logback = LgtmLogback.install(sdk)) {
 *   LoggerFactory.getLogger("orders").info("placed order {}", id);   // exported, with trace_id/span_id
 * }
 *
 * LgtmLogback.builder().setConsoleCapture(true).install(sdk);   // System.out/err lines become records too
 * }</pre>
 *
 * <p>What it does: attaches the published {@code OpenTelemetryAppender} (created, configured and started here)
 * to the root logger once; puts {@code trace_id}, {@code span_id}, {@code trace_flags} into the MDC for console
 * patterns; replays lines logged before installation (bounded, see {@code lgtm.logback.preinit.buffer}); keeps
 * the wiring across {@code LoggerContext.reset()}; routes java.util.logging into logback; optionally captures
 * {@code System.out}/{@code System.err}. Calling install again connects the same appender to the new
 * {@code OpenTelemetry} and never adds a second one. Every setting has an {@code lgtm.logback.*} key (system
 * property or environment variable, such as {@code LGTM_LOGBACK_CONSOLE=true}); builder settings win over both.
 *
 * <p>Instances are thread-safe. {@link #close()} undoes the wiring (appender, MDC filter, console capture, JUL
 * routing); whichever handle is closed first undoes it for all.
 */
public final class LgtmLogback implements AutoCloseable {

  private final Wiring wiring;
  private final AtomicBoolean closed = new AtomicBoolean();

  private LgtmLogback(Wiring wiring) {
    this.wiring = wiring;
  }

  /**
   * Connects logback to {@code openTelemetry} with the settings from {@code lgtm.logback.*} system properties and
   * environment variables (defaults otherwise).
   *
   * <pre>{@code
   * LgtmLogback logback = LgtmLogback.install(openTelemetrySdk);
   * }</pre>
   *
   * @param openTelemetry the instance whose logs bridge receives the records
   * @return a handle whose {@link #close()} undoes the wiring
   * @throws IllegalArgumentException listing every invalid {@code lgtm.logback.*} value
   * @throws IllegalStateException if SLF4J is not bound to logback
   */
  public static LgtmLogback install(OpenTelemetry openTelemetry) {
    return builder().install(openTelemetry);
  }

  /**
   * Starts a builder whose settings win over system properties and environment variables.
   *
   * <pre>{@code
   * LgtmLogback.builder().setConsoleCapture(true).setCodeAttributes(true).install(openTelemetrySdk);
   * }</pre>
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  static LgtmLogback install(OpenTelemetry openTelemetry, Function<String, Optional<String>> lookup) {
    Objects.requireNonNull(openTelemetry, "openTelemetry");
    LogbackOptions options = LogbackOptions.resolve(lookup);
    return new LgtmLogback(Wiring.install(loggerContext(), options, openTelemetry));
  }

  static Optional<LoggerContext> boundLoggerContext() {
    ILoggerFactory factory = LoggerFactory.getILoggerFactory();
    return factory instanceof LoggerContext ? Optional.of((LoggerContext) factory) : Optional.empty();
  }

  private static LoggerContext loggerContext() {
    return boundLoggerContext().orElseThrow(() -> new IllegalStateException(
        "SLF4J is bound to " + LoggerFactory.getILoggerFactory().getClass().getName()
            + ", not to logback; put logback-classic on the classpath and remove the other SLF4J provider"));
  }

  /**
   * Tells whether {@code System.out}/{@code System.err} capture is active.
   *
   * @return true while console lines are turned into log records
   */
  public boolean isConsoleCaptureActive() {
    return !closed.get() && wiring.consoleCaptureActive();
  }

  /**
   * Tells whether java.util.logging is routed into logback by this wiring (false when disabled, or when another
   * bridge, such as Spring Boot's, was already installed).
   *
   * @return true while this wiring routes java.util.logging
   */
  public boolean isJulRoutingActive() {
    return !closed.get() && wiring.julRoutingActive();
  }

  /**
   * Undoes the wiring: detaches lgtm's appender (after flushing its async queue, if any), removes the MDC filter,
   * restores {@code System.out}/{@code System.err} and java.util.logging. Idempotent; never throws.
   */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      wiring.uninstall();
    }
  }

  @Override
  public String toString() {
    return "LgtmLogback{" + (closed.get() ? "closed" : wiring.options()) + "}";
  }

  /**
   * Settings for {@link LgtmLogback#install(OpenTelemetry)}; each wins over the {@code lgtm.logback.*} system
   * property and environment variable of the same name. Not thread-safe; build on one thread.
   */
  public static final class Builder {
    private final Map<String, String> settings = new LinkedHashMap<>();

    private Builder() {}

    /**
     * Copies MDC entries into attributes ({@code lgtm.logback.mdc}, default true).
     *
     * @param capture whether to copy the MDC
     * @return this builder
     */
    public Builder setMdc(boolean capture) {
      return set(LogbackOptions.Key.MDC, capture);
    }

    /**
     * Copies SLF4J 2 key-value pairs into attributes ({@code lgtm.logback.keyvalues}, default true).
     *
     * @param capture whether to copy key-value pairs
     * @return this builder
     */
    public Builder setKeyValuePairs(boolean capture) {
      return set(LogbackOptions.Key.KEY_VALUE_PAIRS, capture);
    }

    /**
     * Records SLF4J markers ({@code lgtm.logback.markers}, default true).
     *
     * @param capture whether to record markers
     * @return this builder
     */
    public Builder setMarkers(boolean capture) {
      return set(LogbackOptions.Key.MARKERS, capture);
    }

    /**
     * Records the thread name ({@code lgtm.logback.thread}, default false: like OpenTelemetry's own appender, which
     * counts it among its experimental attributes; on a plain line it is the only attribute and costs ~620 B).
     *
     * @param capture whether to record the thread name
     * @return this builder
     */
    public Builder setThreadName(boolean capture) {
      return set(LogbackOptions.Key.THREAD, capture);
    }

    /**
     * Records class, method, file and line ({@code lgtm.logback.code}, default false: it walks the stack for
     * every line and costs several times the rest of the appender).
     *
     * @param capture whether to record code attributes
     * @return this builder
     */
    public Builder setCodeAttributes(boolean capture) {
      return set(LogbackOptions.Key.CODE, capture);
    }

    /**
     * Puts the active span's ids into the MDC ({@code lgtm.logback.mdc.trace.ids}, default true).
     *
     * @param enabled whether to maintain {@code trace_id}, {@code span_id}, {@code trace_flags} in the MDC
     * @return this builder
     */
    public Builder setTraceIdsInMdc(boolean enabled) {
      return set(LogbackOptions.Key.TRACE_IDS_IN_MDC, enabled);
    }

    /**
     * Hands records to the OpenTelemetry appender on a background thread ({@code lgtm.logback.async}, default
     * false); trace ids travel with the line through the MDC.
     *
     * @param async whether to put an AsyncAppender in front of the OpenTelemetry appender
     * @return this builder
     */
    public Builder setAsync(boolean async) {
      return set(LogbackOptions.Key.ASYNC, async);
    }

    /**
     * Captures {@code System.out}/{@code System.err} lines as INFO/ERROR records ({@code lgtm.logback.console},
     * default false). The terminal output is unchanged.
     *
     * @param capture whether to capture the console
     * @return this builder
     */
    public Builder setConsoleCapture(boolean capture) {
      return set(LogbackOptions.Key.CONSOLE, capture);
    }

    /**
     * Routes java.util.logging into logback ({@code lgtm.logback.jul}, default true).
     *
     * @param route whether to install the JUL bridge
     * @return this builder
     */
    public Builder setJulRouting(boolean route) {
      return set(LogbackOptions.Key.JUL, route);
    }

    /**
     * Sets any {@code lgtm.logback.*} key by name, for the ones without a dedicated setter (such as
     * {@code lgtm.logback.mdc.excluded}).
     *
     * @param key a key from the README table
     * @param value its value
     * @return this builder
     * @throws IllegalArgumentException if the key is unknown
     */
    public Builder setProperty(String key, String value) {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(value, "value");
      boolean known = Arrays.stream(LogbackOptions.Key.values()).anyMatch(k -> k.property().equals(key));
      if (!known) {
        throw new IllegalArgumentException("Unknown lgtm-bootstrap logback key '" + key + "'; known keys: "
            + Arrays.stream(LogbackOptions.Key.values()).map(LogbackOptions.Key::property)
                .collect(Collectors.joining(", ")));
      }
      settings.put(key, value);
      return this;
    }

    /**
     * Validates every setting (failing with one message listing each problem) and installs.
     *
     * @param openTelemetry the instance whose logs bridge receives the records
     * @return a handle whose {@link LgtmLogback#close()} undoes the wiring
     * @throws IllegalArgumentException listing every invalid value
     * @throws IllegalStateException if SLF4J is not bound to logback
     */
    public LgtmLogback install(OpenTelemetry openTelemetry) {
      Objects.requireNonNull(openTelemetry, "openTelemetry");
      Map<String, String> snapshot = new LinkedHashMap<>(settings);
      return LgtmLogback.install(openTelemetry, key -> {
        String value = snapshot.get(key);
        return value != null ? Optional.of(value) : LogbackOptions.fromSystem(key);
      });
    }

    private Builder set(LogbackOptions.Key key, boolean value) {
      settings.put(key.property(), Boolean.toString(value));
      return this;
    }
  }
}
