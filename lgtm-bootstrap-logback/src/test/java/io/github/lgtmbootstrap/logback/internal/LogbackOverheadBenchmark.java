package io.github.lgtmbootstrap.logback.internal;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.OutputStreamAppender;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.opentelemetry.instrumentation.logback.appender.v1_0.OpenTelemetryAppender;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.BatchLogRecordProcessor;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * Throughput of logback with lgtm's OpenTelemetry wiring against plain logback writing the same lines, measured
 * side by side in one JVM (rounds alternate between configurations so drift hits all of them alike). Not a unit
 * test (surefire does not pick up *Benchmark); run it by hand, see logback-notes.md for the command. The JMH
 * module under benchmarks/ should replace the numbers here with proper forks/blackholes.
 *
 * <p>Every configuration keeps the same "plain" console-style appender (pattern encoder into a null stream: real
 * formatting, no I/O), because that is what an app has before it adds OpenTelemetry. The OpenTelemetry side ends
 * in a BatchLogRecordProcessor with a no-op exporter (counting what arrives), so the numbers are the cost on the
 * logging thread plus the batch worker competing for the same cores.
 *
 * <p>Run (from lgtm-bootstrap-logback, after {@code mvn -o -pl lgtm-bootstrap-logback test-compile}); keep
 * opentelemetry-sdk-testing OFF the classpath: its ContextStorageProvider replaces the thread-local context
 * storage and makes every {@code Context.current()} several times slower, which skews every OpenTelemetry number:
 *
 * <pre>
 * mvn -q -o dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt
 * java -cp target/test-classes:target/classes:$(tr ':' '\n' &lt; /tmp/cp.txt | grep -v -E 'sdk-testing|junit' | paste -sd:) \
 *     -Dops=200000 -Dwarmup=4 -Drounds=9 io.github.lgtmbootstrap.logback.internal.LogbackOverheadBenchmark
 * </pre>
 *
 * <p>The caller-CPU column (thread CPU time of the logging thread) is the headline: it is what the app's thread
 * pays and it does not move when other processes load the machine, unlike wall-clock throughput.
 */
public final class LogbackOverheadBenchmark {

  private static final int OPS = Integer.getInteger("ops", 200_000);
  private static final int WARMUP = Integer.getInteger("warmup", 5);
  private static final int ROUNDS = Integer.getInteger("rounds", 10);

  private LogbackOverheadBenchmark() {}

  /** One configuration: its logger, and what to close. */
  private static final class Setup {
    final String name;
    final Logger logger;
    final LoggerContext context;
    final CountingExporter exporter;
    final OpenTelemetrySdk sdk;
    final List<Double> opsPerSecond = new ArrayList<>();
    /** CPU time of the logging thread per line (what the app's thread pays; insensitive to other load). */
    final List<Double> callerCpuNs = new ArrayList<>();
    /** CPU time of the whole process per line, including the batch worker's export of those lines. */
    final List<Double> processCpuNs = new ArrayList<>();

    Setup(String name, LoggerContext context, CountingExporter exporter, OpenTelemetrySdk sdk) {
      this.name = name;
      this.context = context;
      this.logger = context.getLogger("bench.orders");
      this.exporter = exporter;
      this.sdk = sdk;
    }
  }

  static final class CountingExporter implements LogRecordExporter {
    final LongAdder exported = new LongAdder();

    @Override
    public CompletableResultCode export(Collection<LogRecordData> logs) {
      exported.add(logs.size());
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode flush() {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
      return CompletableResultCode.ofSuccess();
    }
  }

  private static LoggerContext plainContext() {
    LoggerContext context = new LoggerContext();
    context.setMDCAdapter(new LogbackMDCAdapter());
    context.start();
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern("%d{HH:mm:ss.SSS} %-5level [%thread] %logger{20} - %msg%n");
    encoder.start();
    OutputStreamAppender<ILoggingEvent> console = new OutputStreamAppender<>();
    console.setContext(context);
    console.setName("CONSOLE");
    console.setEncoder(encoder);
    console.setOutputStream(OutputStream.nullOutputStream());
    console.start();
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.INFO);
    root.addAppender(console);
    return context;
  }

  private static OpenTelemetrySdk sdk(CountingExporter exporter) {
    return OpenTelemetrySdk.builder()
        .setLoggerProvider(SdkLoggerProvider.builder()
            .addLogRecordProcessor(BatchLogRecordProcessor.builder(exporter)
                // Room for a whole round: nothing is dropped, so every configuration pays the full path (the
                // default 2048 queue overflows at these rates and dropping is cheaper than exporting).
                .setMaxQueueSize(OPS + 1024).build()).build())
        .build();
  }

  private static Setup plain() {
    return new Setup("plain logback (pattern encoder, null stream)", plainContext(), null, null);
  }

  private static Setup upstream(String name, Consumer<OpenTelemetryAppender> options, boolean realSdk) {
    LoggerContext context = plainContext();
    CountingExporter exporter = realSdk ? new CountingExporter() : null;
    OpenTelemetrySdk sdk = realSdk ? sdk(exporter) : null;
    OpenTelemetryAppender appender = new OpenTelemetryAppender();
    appender.setContext(context);
    options.accept(appender);
    appender.start();
    appender.setOpenTelemetry(realSdk ? sdk : OpenTelemetry.noop());
    context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(appender);
    return new Setup(name, context, exporter, sdk);
  }

  private static Setup lgtm(String name, Map<String, String> settings) {
    LoggerContext context = plainContext();
    CountingExporter exporter = new CountingExporter();
    OpenTelemetrySdk sdk = sdk(exporter);
    Map<String, String> all = new LinkedHashMap<>(settings);
    all.putIfAbsent("lgtm.logback.jul", "false");
    Wiring.install(context, LogbackOptions.resolve(k -> Optional.ofNullable(all.get(k))), sdk);
    return new Setup(name, context, exporter, sdk);
  }

  private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory
      .getThreadMXBean();
  private static final com.sun.management.OperatingSystemMXBean OS =
      (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();

  /** Logs {@code ops} lines; records wall throughput, caller CPU and process CPU (incl. flushing) per line. */
  private static void run(Setup setup, int ops, boolean record) {
    Logger log = setup.logger;
    long processCpu = OS.getProcessCpuTime();
    long cpu = THREADS.getCurrentThreadCpuTime();
    long start = System.nanoTime();
    for (int i = 0; i < ops; i++) {
      log.info("order {} placed by {}", i, "alice");
    }
    long elapsed = System.nanoTime() - start;
    long callerCpu = THREADS.getCurrentThreadCpuTime() - cpu;
    if (setup.sdk != null) {
      setup.sdk.getSdkLoggerProvider().forceFlush().join(30, java.util.concurrent.TimeUnit.SECONDS);
    }
    long totalCpu = OS.getProcessCpuTime() - processCpu;
    if (record) {
      setup.opsPerSecond.add(ops / (elapsed / 1e9));
      setup.callerCpuNs.add((double) callerCpu / ops);
      setup.processCpuNs.add((double) totalCpu / ops);
    }
  }

  private static double median(List<Double> values) {
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    return sorted[sorted.length / 2];
  }

  /** Runs the logging comparison and the console capture comparison. */
  @SuppressWarnings("try")
  public static void main(String[] args) throws Exception {
    SdkTracerProvider tracerProvider = SdkTracerProvider.builder()
        .addSpanProcessor(SimpleSpanProcessor.create(SpanExporter.composite())).build();
    if (System.getProperty("java.class.path").contains("opentelemetry-sdk-testing")) {
      System.out.println("WARNING: opentelemetry-sdk-testing is on the classpath; Context.current() is slowed down");
    }
    String config = System.getProperty("config");
    if (config == null) {
      fork(args);
      tracerProvider.close();
      return;
    }
    List<Setup> setups = new ArrayList<>();
    setups.add(plain());
    if (!config.equals("console")) {
      setups.add(setup(config));
    }
    Span span = tracerProvider.get("bench").spanBuilder("request").startSpan();
    try (Scope ignored = span.makeCurrent()) {
      for (Setup setup : setups) {
        setup.context.getMDCAdapter().put("customer", "alice");
        setup.context.getMDCAdapter().put("request.id", "r-42");
      }
      for (int round = 0; round < WARMUP + ROUNDS; round++) {
        for (Setup setup : setups) {
          run(setup, OPS, round >= WARMUP);
        }
      }
    } finally {
      span.end();
    }

    Setup plain = setups.get(0);
    double baseline = median(plain.opsPerSecond);
    double baselineCpu = median(plain.callerCpuNs);
    double baselineProcessCpu = median(plain.processCpuNs);
    for (Setup setup : setups) {
      if (setup == setups.get(0) && setups.size() > 1) {
        continue; // every fork measures its own baseline; print it once, from the first fork
      }
      double m = median(setup.opsPerSecond);
      String exported = "";
      if (setup.sdk != null) {
        setup.sdk.getSdkLoggerProvider().forceFlush().join(10, java.util.concurrent.TimeUnit.SECONDS);
        long attempted = (long) OPS * (WARMUP + ROUNDS);
        exported = String.format("  exported %d/%d", setup.exporter.exported.sum(), attempted);
      }
      double cpu = median(setup.callerCpuNs);
      double processCpu = median(setup.processCpuNs);
      System.out.printf("%-62s %,10.0f ops/s %5.2f | caller CPU %5.0f ns/line (plain %4.0f) %5.2f | process CPU"
          + " %5.0f ns/line (plain %4.0f) %5.2f%s%n", setup.name, m, m / baseline, cpu, baselineCpu,
          baselineCpu / cpu, processCpu, baselineProcessCpu, baselineProcessCpu / processCpu, exported);
      Wiring.find(setup.context).ifPresent(Wiring::uninstall);
      setup.context.stop();
      if (setup.sdk != null) {
        setup.sdk.close();
      }
    }
    if (config.equals("console")) {
      consoleCapture();
    }
    tracerProvider.close();
  }

  private static final String[] CONFIGS = {
    "upstream-defaults", "upstream-mdc-glob", "upstream-mdc-exclude-only", "lgtm-minimal", "upstream-all", "upstream-code",
    "lgtm-defaults", "lgtm-no-mdc-filter", "lgtm-no-mdc", "lgtm-async", "lgtm-code"};

  private static Setup setup(String config) {
    switch (config) {
      case "upstream-noop":
        return upstream("+ upstream appender, defaults, OpenTelemetry.noop()", a -> { }, false);
      case "upstream-defaults":
        return upstream("+ upstream appender, defaults, SDK+batch", a -> { }, true);
      case "upstream-mdc-glob":
        return upstream("+ upstream appender, MDC included=* excluded=trace keys, SDK", a -> {
          a.setMdcAttributesIncluded("*");
          a.setMdcAttributesExcluded(String.join(",", LogbackOptions.TRACE_MDC_KEYS));
        }, true);
      case "upstream-mdc-exclude-only":
        return upstream("+ upstream appender, MDC excluded=trace keys only, SDK", a ->
            a.setMdcAttributesExcluded(String.join(",", LogbackOptions.TRACE_MDC_KEYS)), true);
      case "lgtm-minimal":
        return lgtm("+ lgtm wiring, mdc/keyvalues/markers/thread/trace.ids all false", Map.of(
            "lgtm.logback.mdc", "false", "lgtm.logback.keyvalues", "false", "lgtm.logback.markers", "false",
            "lgtm.logback.thread", "false", "lgtm.logback.mdc.trace.ids", "false"));
      case "upstream-all":
        return upstream("+ upstream appender, thread+MDC(*)+kv(*)+markers, SDK", a -> {
          a.setCaptureExperimentalAttributes(true);
          a.setMdcAttributesIncluded("*");
          a.setKeyValuePairAttributesIncluded("*");
          a.setCaptureMarkerAttribute(true);
        }, true);
      case "upstream-code":
        return upstream("+ upstream appender, defaults + code attributes, SDK", a -> a.setCaptureCodeAttributes(true),
            true);
      case "lgtm-defaults":
        return lgtm("+ lgtm wiring, defaults", Map.of());
      case "lgtm-no-mdc-filter":
        return lgtm("+ lgtm wiring, defaults, lgtm.logback.mdc.trace.ids=false",
            Map.of("lgtm.logback.mdc.trace.ids", "false"));
      case "lgtm-no-mdc":
        return lgtm("+ lgtm wiring, defaults, lgtm.logback.mdc=false", Map.of("lgtm.logback.mdc", "false"));
      case "lgtm-async":
        return lgtm("+ lgtm wiring, lgtm.logback.async=true", Map.of("lgtm.logback.async", "true"));
      case "lgtm-code":
        return lgtm("+ lgtm wiring, lgtm.logback.code=true", Map.of("lgtm.logback.code", "true"));
      default:
        throw new IllegalArgumentException("unknown config " + config + "; one of " + String.join(", ", CONFIGS));
    }
  }

  /** One JVM per configuration (like JMH forks): a shared JVM makes call sites megamorphic and skews ratios. */
  private static void fork(String[] args) throws Exception {
    System.out.printf("logback + OpenTelemetry, 1 thread, %d ops x %d rounds (median) after %d warm-up rounds,"
        + " active span, 2 MDC entries, one JVM per line, each against its own plain baseline%n"
        + "ratios: throughput relative to plain logback (1.00 = as fast; 0.25 = 4x the cost)%n", OPS, ROUNDS, WARMUP);
    List<String> configs = new ArrayList<>(List.of("console"));
    configs.addAll(List.of(CONFIGS));
    for (String config : configs) {
      List<String> command = new ArrayList<>();
      command.add(java.nio.file.Paths.get(System.getProperty("java.home"), "bin", "java").toString());
      command.add("-cp");
      command.add(System.getProperty("java.class.path"));
      command.add("-Dconfig=" + config);
      command.add("-Dops=" + OPS);
      command.add("-Dwarmup=" + WARMUP);
      command.add("-Drounds=" + ROUNDS);
      command.add(LogbackOverheadBenchmark.class.getName());
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      process.waitFor();
      for (String line : output.split("\\R")) {
        if (!line.isBlank() && !line.startsWith("[") && !line.contains("SLF4J")) {
          System.out.println(line);
        }
      }
    }
  }

  /** println into a null stream, with and without capture in front of it. */
  private static void consoleCapture() {
    PrintStream originalOut = System.out;
    CountingExporter exporter = new CountingExporter();
    OpenTelemetrySdk sdk = sdk(exporter);
    LoggerContext context = new LoggerContext();
    context.setMDCAdapter(new LogbackMDCAdapter());
    context.start();
    PrintStream nullOut = new PrintStream(OutputStream.nullOutputStream(), true);
    List<Double> plain = new ArrayList<>();
    List<Double> captured = new ArrayList<>();
    String line = "order 42 placed by alice";
    try {
      for (int round = 0; round < WARMUP + ROUNDS; round++) {
        System.setOut(nullOut);
        double p = println(OPS);
        System.setOut(nullOut);
        Wiring wiring = Wiring.install(context, LogbackOptions.resolve(k -> Optional.ofNullable(
            Map.of("lgtm.logback.console", "true", "lgtm.logback.jul", "false").get(k))), sdk);
        double c = println(OPS);
        wiring.uninstall();
        if (round >= WARMUP) {
          plain.add(p);
          captured.add(c);
        }
      }
    } finally {
      System.setOut(originalOut);
    }
    sdk.getSdkLoggerProvider().forceFlush().join(10, java.util.concurrent.TimeUnit.SECONDS);
    double p = median(plain);
    double c = median(captured);
    System.out.printf("%nconsole capture, System.out.println(\"%s\") into a null stream%n", line);
    System.out.printf("%-58s caller CPU %6.0f ns/line%n", "plain println", p);
    System.out.printf("%-58s caller CPU %6.0f ns/line (+%.0f ns, ratio %.2f)  exported %d/%d%n",
        "println with lgtm console capture", c, c - p, p / c, exporter.exported.sum(),
        (long) OPS * (WARMUP + ROUNDS));
    sdk.close();
    context.stop();
  }

  /** Returns the caller thread's CPU nanoseconds per println. */
  private static double println(int ops) {
    PrintStream out = System.out;
    long cpu = THREADS.getCurrentThreadCpuTime();
    for (int i = 0; i < ops; i++) {
      out.println("order 42 placed by alice");
    }
    return (double) (THREADS.getCurrentThreadCpuTime() - cpu) / ops;
  }
}
