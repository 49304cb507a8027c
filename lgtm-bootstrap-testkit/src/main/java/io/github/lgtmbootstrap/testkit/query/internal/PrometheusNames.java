package io.github.lgtmbootstrap.testkit.query.internal;

import io.github.lgtmbootstrap.testkit.model.MetricType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * OpenTelemetry metric names as Prometheus stores them, following the OTLP-to-Prometheus rules of the
 * OpenTelemetry specification (compatibility/prometheus_and_openmetrics) that Prometheus' OTLP receiver applies
 * by default ({@code UnderscoreEscapingWithSuffixes}):
 *
 * <ul>
 *   <li>the name is split at every character outside {@code [a-zA-Z0-9:]} (dots, dashes, underscores) and the
 *       parts are joined with {@code _};
 *   <li>the unit becomes a suffix: annotations in braces are dropped ({@code {order}}), UCUM units get words
 *       ({@code By} becomes {@code bytes}, {@code ms} becomes {@code milliseconds}), {@code a/b} becomes
 *       {@code a_per_b}; a suffix the name already contains is not repeated;
 *   <li>monotonic sums get {@code _total}, gauges with unit {@code 1} get {@code _ratio};
 *   <li>histograms are stored as the series {@code _bucket} (cumulative, label {@code le}), {@code _sum} and
 *       {@code _count}.
 * </ul>
 *
 * <p>Resource attributes: {@code job} is {@code service.namespace/service.name} (or {@code service.name}),
 * {@code instance} is {@code service.instance.id}; promoted resource attributes (such as {@code service_name})
 * appear on every series, the others on {@code target_info}.
 */
public final class PrometheusNames {

  static final Map<String, String> UNITS = Map.ofEntries(
      Map.entry("d", "days"), Map.entry("h", "hours"), Map.entry("min", "minutes"), Map.entry("s", "seconds"),
      Map.entry("ms", "milliseconds"), Map.entry("us", "microseconds"), Map.entry("ns", "nanoseconds"),
      Map.entry("By", "bytes"), Map.entry("KiBy", "kibibytes"), Map.entry("MiBy", "mebibytes"),
      Map.entry("GiBy", "gibibytes"), Map.entry("TiBy", "tibibytes"), Map.entry("KBy", "kilobytes"),
      Map.entry("MBy", "megabytes"), Map.entry("GBy", "gigabytes"), Map.entry("TBy", "terabytes"),
      Map.entry("m", "meters"), Map.entry("V", "volts"), Map.entry("A", "amperes"), Map.entry("J", "joules"),
      Map.entry("W", "watts"), Map.entry("g", "grams"), Map.entry("Cel", "celsius"), Map.entry("Hz", "hertz"),
      Map.entry("%", "percent"));

  static final Map<String, String> PER_UNITS = Map.of(
      "s", "second", "m", "minute", "h", "hour", "d", "day", "w", "week", "mo", "month", "y", "year");

  /** Words a stored name may carry after the instrument name: unit words, {@code per}, type suffixes. */
  private static final Set<String> SUFFIX_WORDS = new HashSet<>();

  static {
    SUFFIX_WORDS.addAll(UNITS.values());
    SUFFIX_WORDS.addAll(PER_UNITS.values());
    SUFFIX_WORDS.addAll(List.of("per", "total", "ratio", "bucket", "sum", "count"));
  }

  private PrometheusNames() {}

  /**
   * The stored name of a metric (for a histogram: the stem of its {@code _bucket}/{@code _sum}/{@code _count}).
   *
   * @param name OpenTelemetry instrument name, such as {@code checkout.orders}
   * @param unit its unit, such as {@code {order}} or {@code ms}; empty when none
   * @param type its type
   * @param monotonic whether a sum is monotonic
   * @return such as {@code checkout_orders_total}
   */
  public static String metricName(String name, String unit, MetricType type, boolean monotonic) {
    List<String> tokens = tokens(name);
    for (String unitToken : unitTokens(unit)) {
      if (!tokens.contains(unitToken)) {
        tokens.add(unitToken);
      }
    }
    if (type == MetricType.SUM && monotonic) {
      tokens.remove("total");
      tokens.add("total");
    }
    if (type == MetricType.GAUGE && "1".equals(unit.strip())) {
      tokens.remove("ratio");
      tokens.add("ratio");
    }
    String joined = String.join("_", tokens);
    return !joined.isEmpty() && Character.isDigit(joined.charAt(0)) ? "_" + joined : joined;
  }

  /**
   * The name without unit or type suffixes.
   *
   * @param name OpenTelemetry instrument name
   * @return such as {@code checkout_orders} for {@code checkout.orders}
   */
  public static String baseName(String name) {
    return metricName(name, "", MetricType.GAUGE, false);
  }

  /**
   * Whether a stored name belongs to an instrument of that OpenTelemetry name whatever its unit and type: the
   * stored name is the base name followed only by unit words and type suffixes
   * ({@code checkout_duration_milliseconds_bucket} belongs to {@code checkout.duration}).
   *
   * @param storedName a Prometheus metric name
   * @param otelName an OpenTelemetry instrument name
   * @return whether the stored series can be that instrument's
   */
  public static boolean belongsTo(String storedName, String otelName) {
    String base = baseName(otelName);
    if (storedName.equals(base)) {
      return true;
    }
    if (!storedName.startsWith(base + "_")) {
      return false;
    }
    for (String token : storedName.substring(base.length() + 1).split("_", -1)) {
      if (!SUFFIX_WORDS.contains(token)) {
        return false;
      }
    }
    return true;
  }

  /**
   * The unit a stored name's suffix stands for, when it has one: {@code checkout_duration_milliseconds} (for
   * {@code checkout.duration}) gives {@code ms}.
   *
   * @param stem the stored name (for a histogram without {@code _bucket})
   * @param otelName the OpenTelemetry instrument name
   * @return the UCUM unit, empty when the suffix names none
   */
  public static Optional<String> unitOf(String stem, String otelName) {
    String base = baseName(otelName);
    if (!stem.startsWith(base + "_")) {
      return Optional.empty();
    }
    List<String> rest = new ArrayList<>(List.of(stem.substring(base.length() + 1).split("_")));
    rest.removeAll(List.of("total", "ratio"));
    if (rest.isEmpty()) {
      return Optional.empty();
    }
    String main = "";
    String per = "";
    int perIndex = rest.indexOf("per");
    List<String> mainTokens = perIndex < 0 ? rest : rest.subList(0, perIndex);
    if (perIndex >= 0 && perIndex + 1 < rest.size()) {
      per = reverse(PER_UNITS, rest.get(perIndex + 1));
    }
    if (mainTokens.size() == 1) {
      main = reverse(UNITS, mainTokens.get(0));
    }
    if (main.isEmpty() && per.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(per.isEmpty() ? main : main + "/" + per);
  }

  private static String reverse(Map<String, String> table, String word) {
    return table.entrySet().stream()
        .filter(entry -> entry.getValue().equals(word))
        .map(Map.Entry::getKey)
        .findFirst()
        .orElse("");
  }

  private static List<String> tokens(String name) {
    List<String> tokens = new ArrayList<>();
    StringBuilder token = new StringBuilder();
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == ':';
      if (keep) {
        token.append(c);
      } else if (token.length() > 0) {
        tokens.add(token.toString());
        token.setLength(0);
      }
    }
    if (token.length() > 0) {
      tokens.add(token.toString());
    }
    return tokens;
  }

  private static List<String> unitTokens(String unit) {
    String stripped = unit.replaceAll("\\{[^}]*}", "").strip();
    if (stripped.isEmpty() || "1".equals(stripped)) {
      return List.of();
    }
    String[] parts = stripped.split("/", 2);
    List<String> tokens = new ArrayList<>();
    String main = parts[0].strip();
    if (!main.isEmpty() && !"1".equals(main)) {
      tokens.addAll(tokens(UNITS.getOrDefault(main, main)));
    }
    if (parts.length == 2 && !parts[1].strip().isEmpty()) {
      String per = parts[1].strip();
      tokens.add("per");
      tokens.addAll(tokens(PER_UNITS.getOrDefault(per, per)));
    }
    return tokens;
  }
}
