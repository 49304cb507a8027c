package io.github.lgtmbootstrap.benchmarks;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs every JMH benchmark of this module and the start-up comparison, then prints each measurement next to the
 * baseline measured in the same run (the {@code baseline*} method of the same class) as a ratio.
 *
 * <p>System properties (set by {@code run.sh} from environment variables): {@code bench.include} (regex,
 * default all), {@code bench.forks} (1), {@code bench.warmups} (2), {@code bench.iterations} (3),
 * {@code bench.time} (seconds per iteration, 2), {@code startup.rounds} (5; 0 skips it), {@code bench.jar},
 * {@code bench.agent}.
 */
public final class RunAll {

  private RunAll() {}

  public static void main(String[] args) throws Exception {
    int seconds = Integer.getInteger("bench.time", 2);
    Options options =
        new OptionsBuilder()
            .include(System.getProperty("bench.include", RunAll.class.getPackageName() + ".*Benchmark"))
            .forks(Integer.getInteger("bench.forks", 1))
            .warmupIterations(Integer.getInteger("bench.warmups", 2))
            .measurementIterations(Integer.getInteger("bench.iterations", 3))
            .warmupTime(TimeValue.seconds(seconds))
            .measurementTime(TimeValue.seconds(seconds))
            .jvmArgsAppend(StartupComparison.JDK_HTTP_SENDER)
            .build();
    Collection<RunResult> results = new Runner(options).run();

    StringBuilder report = new StringBuilder();
    report.append(ratios(results));
    int rounds = Integer.getInteger("startup.rounds", 5);
    String jar = System.getProperty("bench.jar");
    if (rounds > 0 && jar != null) {
      String agent = System.getProperty("bench.agent");
      report
          .append('\n')
          .append(StartupComparison.run(rounds, Path.of(jar), agent == null ? null : Path.of(agent)));
    }
    System.out.println();
    System.out.println("==================== lgtm-bootstrap benchmark summary ====================");
    System.out.print(report);
  }

  /** Groups results by class and divides each by the class's baseline. */
  static String ratios(Collection<RunResult> results) {
    Map<String, List<RunResult>> byClass = new LinkedHashMap<>();
    for (RunResult result : results) {
      String benchmark = result.getParams().getBenchmark();
      String owner = benchmark.substring(0, benchmark.lastIndexOf('.'));
      byClass.computeIfAbsent(owner, k -> new ArrayList<>()).add(result);
    }
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT, "%-58s %14s %-10s %10s%n", "benchmark", "score", "unit", "vs baseline"));
    for (Map.Entry<String, List<RunResult>> entry : byClass.entrySet()) {
      Result<?> baseline = null;
      for (RunResult result : entry.getValue()) {
        if (method(result).startsWith("baseline")) {
          baseline = result.getPrimaryResult();
        }
      }
      for (RunResult result : entry.getValue()) {
        Result<?> primary = result.getPrimaryResult();
        String ratio =
            baseline == null || baseline.getScore() == 0
                ? ""
                : String.format(Locale.ROOT, "%9.2fx", primary.getScore() / baseline.getScore());
        String name = simpleClass(entry.getKey()) + "." + method(result);
        out.append(
            String.format(
                Locale.ROOT,
                "%-58s %14.3f %-10s %10s%s%n",
                name,
                primary.getScore(),
                primary.getScoreUnit(),
                ratio,
                percentiles(result, baseline)));
      }
    }
    out.append(
        "(ratio = score / baseline score of the same class: for time units >1 means slower, for ops/time"
            + " units <1 means slower)\n");
    return out.toString();
  }

  /**
   * For sample-time benchmarks (latencies), the median and 99th percentile, each also as a ratio to the
   * baseline's: a mean hides the tail the assertion-latency goal is about.
   */
  private static String percentiles(RunResult result, Result<?> baseline) {
    if (result.getParams().getMode() != org.openjdk.jmh.annotations.Mode.SampleTime) {
      return "";
    }
    double p50 = result.getPrimaryResult().getStatistics().getPercentile(50);
    double p99 = result.getPrimaryResult().getStatistics().getPercentile(99);
    String text = String.format(Locale.ROOT, "  p50 %.1f p99 %.1f", p50, p99);
    if (baseline != null && baseline.getStatistics().getPercentile(50) > 0) {
      text += String.format(Locale.ROOT, " (%.2fx / %.2fx)", p50 / baseline.getStatistics().getPercentile(50),
          p99 / baseline.getStatistics().getPercentile(99));
    }
    return text;
  }

  private static String method(RunResult result) {
    String benchmark = result.getParams().getBenchmark();
    return benchmark.substring(benchmark.lastIndexOf('.') + 1);
  }

  private static String simpleClass(String className) {
    return className.substring(className.lastIndexOf('.') + 1);
  }
}
