package io.github.lgtmbootstrap.logback.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The immutable settings of the logback wiring, resolved once from {@code lgtm.logback.*} keys.
 *
 * <p>Every key, its default and meaning is listed in {@link Key}; the README table is tested against it.
 */
public final class LogbackOptions {

  /** The MDC keys the trace-id filter writes; never copied into attributes (the record carries the ids). */
  public static final List<String> TRACE_MDC_KEYS = List.of("trace_id", "span_id", "trace_flags");

  /** Every configuration key of the module, with its default and meaning (the README table mirrors this). */
  public enum Key {
    ENABLED("lgtm.logback.enabled", "true",
        "Wire logback to OpenTelemetry when Lgtm.init() runs (the add-on); false leaves logback untouched."),
    MDC("lgtm.logback.mdc", "true", "Copy MDC entries into log record attributes."),
    MDC_EXCLUDED("lgtm.logback.mdc.excluded", "",
        "Comma-separated MDC keys (globs allowed) not copied; trace_id, span_id, trace_flags are always left out."),
    KEY_VALUE_PAIRS("lgtm.logback.keyvalues", "true",
        "Copy SLF4J 2 key-value pairs (addKeyValue) into attributes."),
    MARKERS("lgtm.logback.markers", "true", "Record SLF4J markers in the logback.marker attribute."),
    THREAD("lgtm.logback.thread", "false",
        "Record the thread name (thread.name), one of the OpenTelemetry appender's experimental attributes. Off by "
            + "default, as there: on a line with no other attribute it makes the SDK build an attribute map (~620 B)."),
    CODE("lgtm.logback.code", "false",
        "Record code.* attributes (class, method, file, line). Walks the stack per line: several times slower."),
    LOGGER_CONTEXT("lgtm.logback.context.properties", "false", "Copy logback LoggerContext properties into attributes."),
    TEMPLATE("lgtm.logback.template", "false", "Record the unformatted message template (log.body.template)."),
    ARGUMENTS("lgtm.logback.arguments", "false", "Record the message arguments (log.body.parameters)."),
    TRACE_IDS_IN_MDC("lgtm.logback.mdc.trace.ids", "true",
        "Put trace_id, span_id, trace_flags of the active span into the MDC so console patterns can show them "
            + "(%X{trace_id}); also carries the trace across AsyncAppender and the pre-init buffer."),
    PREINIT_BUFFER("lgtm.logback.preinit.buffer", "1000",
        "Lines logged before Lgtm.init() kept and replayed at init (0 = off). Read from system properties and "
            + "environment only, at logback start-up."),
    ASYNC("lgtm.logback.async", "false",
        "Hand records to the OpenTelemetry appender on a logback AsyncAppender thread instead of the caller's."),
    ASYNC_QUEUE_SIZE("lgtm.logback.async.queue.size", "8192",
        "Queue capacity of the async hand-off; when it is full new lines are dropped (the app never blocks)."),
    CONSOLE("lgtm.logback.console", "false",
        "Console capture: System.out / System.err lines still print and also become INFO / ERROR records."),
    CONSOLE_MAX_LINE("lgtm.logback.console.max.line", "8192",
        "Longest console line buffered per thread (bytes); longer lines are split into several records."),
    JUL("lgtm.logback.jul", "true",
        "Route java.util.logging into logback (jul-to-slf4j), except OpenTelemetry's and lgtm's own loggers.");

    private final String property;
    private final String defaultValue;
    private final String meaning;

    Key(String property, String defaultValue, String meaning) {
      this.property = property;
      this.defaultValue = defaultValue;
      this.meaning = meaning;
    }

    /** Returns the property name, such as {@code lgtm.logback.mdc}. */
    public String property() {
      return property;
    }

    /** Returns the default as text. */
    public String defaultValue() {
      return defaultValue;
    }

    /** Returns the one-line meaning used in the README table. */
    public String meaning() {
      return meaning;
    }
  }

  private final boolean enabled;
  private final boolean mdc;
  private final List<String> mdcExcluded;
  private final boolean keyValuePairs;
  private final boolean markers;
  private final boolean thread;
  private final boolean code;
  private final boolean loggerContext;
  private final boolean template;
  private final boolean arguments;
  private final boolean traceIdsInMdc;
  private final int preinitBuffer;
  private final boolean async;
  private final int asyncQueueSize;
  private final boolean console;
  private final int consoleMaxLine;
  private final boolean jul;

  private LogbackOptions(Map<Key, Object> values) {
    this.enabled = (Boolean) values.get(Key.ENABLED);
    this.mdc = (Boolean) values.get(Key.MDC);
    @SuppressWarnings("unchecked")
    List<String> excluded = (List<String>) values.get(Key.MDC_EXCLUDED);
    this.mdcExcluded = excluded;
    this.keyValuePairs = (Boolean) values.get(Key.KEY_VALUE_PAIRS);
    this.markers = (Boolean) values.get(Key.MARKERS);
    this.thread = (Boolean) values.get(Key.THREAD);
    this.code = (Boolean) values.get(Key.CODE);
    this.loggerContext = (Boolean) values.get(Key.LOGGER_CONTEXT);
    this.template = (Boolean) values.get(Key.TEMPLATE);
    this.arguments = (Boolean) values.get(Key.ARGUMENTS);
    this.traceIdsInMdc = (Boolean) values.get(Key.TRACE_IDS_IN_MDC);
    this.preinitBuffer = (Integer) values.get(Key.PREINIT_BUFFER);
    this.async = (Boolean) values.get(Key.ASYNC);
    this.asyncQueueSize = (Integer) values.get(Key.ASYNC_QUEUE_SIZE);
    this.console = (Boolean) values.get(Key.CONSOLE);
    this.consoleMaxLine = (Integer) values.get(Key.CONSOLE_MAX_LINE);
    this.jul = (Boolean) values.get(Key.JUL);
  }

  /**
   * The README's table of every key: key (and environment variable), default, meaning.
   *
   * @return a Markdown table ending with a newline
   */
  public static String markdownTable() {
    return "| key (env) | default | meaning |\n|---|---|---|\n" + Arrays.stream(Key.values())
        .map(k -> "| `" + k.property() + "` (`" + envName(k.property()) + "`) | "
            + (k.defaultValue().isEmpty() ? "(empty)" : "`" + k.defaultValue() + "`") + " | " + k.meaning() + " |\n")
        .collect(Collectors.joining());
  }

  /** Options with every key at its default. */
  public static LogbackOptions defaults() {
    return resolve(key -> Optional.empty());
  }

  /**
   * Resolves every key through {@code lookup} (which applies the caller's precedence) and validates all of them.
   *
   * @throws IllegalArgumentException listing every bad value, the value seen and what to use instead
   */
  public static LogbackOptions resolve(Function<String, Optional<String>> lookup) {
    Objects.requireNonNull(lookup, "lookup");
    List<String> problems = new ArrayList<>();
    Map<Key, Object> values = parse(lookup, problems);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(
          "Invalid lgtm-bootstrap logback configuration (" + problems.size() + " problem"
              + (problems.size() == 1 ? "" : "s") + "):\n  - " + String.join("\n  - ", problems));
    }
    return new LogbackOptions(values);
  }

  /**
   * Every problem {@link #resolve} would report, one line each, without throwing: what the add-on hands to
   * {@code Lgtm.init()}'s validation. Nothing but {@link Key#ENABLED} is checked when that is {@code false}.
   *
   * @param lookup the caller's key lookup
   * @return the problems, empty when the configuration is valid
   */
  public static List<String> problems(Function<String, Optional<String>> lookup) {
    Objects.requireNonNull(lookup, "lookup");
    List<String> problems = new ArrayList<>();
    Map<Key, Object> values = parse(lookup, problems);
    if (Boolean.FALSE.equals(values.get(Key.ENABLED))) {
      return List.of();
    }
    return List.copyOf(problems);
  }

  private static Map<Key, Object> parse(Function<String, Optional<String>> lookup, List<String> problems) {
    Map<Key, Object> values = new LinkedHashMap<>();
    for (Key key : Key.values()) {
      String raw = lookup.apply(key.property()).map(String::trim).orElse(key.defaultValue());
      switch (key) {
        case MDC_EXCLUDED:
          values.put(key, split(raw));
          break;
        case PREINIT_BUFFER:
          values.put(key, parseInt(key, raw, 0, 1_000_000, problems));
          break;
        case ASYNC_QUEUE_SIZE:
          values.put(key, parseInt(key, raw, 1, 1_000_000, problems));
          break;
        case CONSOLE_MAX_LINE:
          values.put(key, parseInt(key, raw, 80, 1_048_576, problems));
          break;
        default:
          values.put(key, parseBoolean(key, raw, problems));
      }
    }
    return values;
  }

  /**
   * Looks a key up in system properties, then in the environment ({@code lgtm.logback.mdc} ->
   * {@code LGTM_LOGBACK_MDC}).
   */
  public static Optional<String> fromSystem(String key) {
    String value = System.getProperty(key);
    if (value == null) {
      value = System.getenv(envName(key));
    }
    return Optional.ofNullable(value).filter(v -> !v.isBlank());
  }

  /** Returns the environment variable form of a property key. */
  public static String envName(String key) {
    return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  private static List<String> split(String raw) {
    if (raw.isBlank()) {
      return Collections.emptyList();
    }
    return Arrays.stream(raw.split(",")).map(String::trim).filter(s -> !s.isEmpty())
        .collect(Collectors.toUnmodifiableList());
  }

  private static Boolean parseBoolean(Key key, String raw, List<String> problems) {
    if ("true".equalsIgnoreCase(raw)) {
      return Boolean.TRUE;
    }
    if ("false".equalsIgnoreCase(raw)) {
      return Boolean.FALSE;
    }
    problems.add(key.property() + " '" + raw + "' is not a boolean; use true or false (default "
        + key.defaultValue() + ")");
    return Boolean.valueOf(key.defaultValue());
  }

  private static Integer parseInt(Key key, String raw, int min, int max, List<String> problems) {
    try {
      int value = Integer.parseInt(raw);
      if (value < min || value > max) {
        problems.add(key.property() + " '" + raw + "' is out of range; use a whole number from " + min + " to "
            + max + " (default " + key.defaultValue() + ")");
        return Integer.valueOf(key.defaultValue());
      }
      return value;
    } catch (NumberFormatException e) {
      problems.add(key.property() + " '" + raw + "' is not a whole number; use a value from " + min + " to " + max
          + " (default " + key.defaultValue() + ")");
      return Integer.valueOf(key.defaultValue());
    }
  }

  public boolean enabled() {
    return enabled;
  }

  public boolean mdc() {
    return mdc;
  }

  /** User-excluded MDC keys (the trace keys are added by the appender factory). */
  public List<String> mdcExcluded() {
    return mdcExcluded;
  }

  public boolean keyValuePairs() {
    return keyValuePairs;
  }

  public boolean markers() {
    return markers;
  }

  public boolean thread() {
    return thread;
  }

  public boolean code() {
    return code;
  }

  public boolean loggerContext() {
    return loggerContext;
  }

  public boolean template() {
    return template;
  }

  public boolean arguments() {
    return arguments;
  }

  public boolean traceIdsInMdc() {
    return traceIdsInMdc;
  }

  public int preinitBuffer() {
    return preinitBuffer;
  }

  public boolean async() {
    return async;
  }

  public int asyncQueueSize() {
    return asyncQueueSize;
  }

  public boolean console() {
    return console;
  }

  public int consoleMaxLine() {
    return consoleMaxLine;
  }

  public boolean jul() {
    return jul;
  }

  /** True when both produce the same OpenTelemetry appender configuration (the mapper options). */
  boolean sameAppenderSettings(LogbackOptions other) {
    return mdc == other.mdc && mdcExcluded.equals(other.mdcExcluded) && keyValuePairs == other.keyValuePairs
        && markers == other.markers && thread == other.thread && code == other.code
        && loggerContext == other.loggerContext && template == other.template && arguments == other.arguments
        && async == other.async && asyncQueueSize == other.asyncQueueSize;
  }

  @Override
  public String toString() {
    return "LogbackOptions{mdc=" + mdc + ", mdcExcluded=" + mdcExcluded + ", keyValuePairs=" + keyValuePairs
        + ", markers=" + markers + ", thread=" + thread + ", code=" + code + ", loggerContext=" + loggerContext
        + ", template=" + template + ", arguments=" + arguments + ", traceIdsInMdc=" + traceIdsInMdc
        + ", preinitBuffer=" + preinitBuffer + ", async=" + async + ", asyncQueueSize=" + asyncQueueSize
        + ", console=" + console + ", consoleMaxLine=" + consoleMaxLine + ", jul=" + jul + "}";
  }
}
