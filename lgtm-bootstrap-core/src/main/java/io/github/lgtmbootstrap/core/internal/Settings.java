package io.github.lgtmbootstrap.core.internal;

import static io.github.lgtmbootstrap.core.internal.ConfigKeys.*;

import io.github.lgtmbootstrap.core.LgtmConfigException;
import java.io.File;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Our own settings, resolved and validated once from a {@link LayeredConfig}. {@link #resolve} collects every
 * problem (ours and the {@code otel.*} values we can check before autoconfigure reads them) and throws one
 * {@link LgtmConfigException} listing them all. Immutable.
 */
public final class Settings {

  private static final Set<String> PROTOCOLS = Set.of("http/protobuf", "http/json");

  private final LayeredConfig config;
  private final boolean enabled;
  private final String profile;
  private final boolean console;
  private final boolean otlpEnabled;
  private final boolean runtimeMetrics;
  private final boolean shutdownHook;
  private final boolean jmx;
  private final Duration shutdownTimeout;
  private final Set<String> addonsDisabled;
  private final Optional<String> authorization;
  private final Optional<String> grafanaCloudEndpoint;
  private final Redactor redactor;

  private Settings(Builder b) {
    this.config = b.config;
    this.enabled = b.enabled;
    this.profile = b.profile;
    this.console = b.console;
    this.otlpEnabled = b.otlpEnabled;
    this.runtimeMetrics = b.runtimeMetrics;
    this.shutdownHook = b.shutdownHook;
    this.jmx = b.jmx;
    this.shutdownTimeout = b.shutdownTimeout;
    this.addonsDisabled = Set.copyOf(b.addonsDisabled);
    this.authorization = Optional.ofNullable(b.authorization);
    this.grafanaCloudEndpoint = Optional.ofNullable(b.grafanaCloudEndpoint);
    this.redactor = redactor(b.config);
  }

  /** Collects values while validating. */
  private static final class Builder {
    LayeredConfig config;
    boolean enabled = true;
    String profile = Defaults.DEV;
    boolean console;
    boolean otlpEnabled = true;
    boolean runtimeMetrics = true;
    boolean shutdownHook = true;
    boolean jmx;
    Duration shutdownTimeout = Duration.ofSeconds(1);
    Set<String> addonsDisabled = Set.of();
    String authorization;
    String grafanaCloudEndpoint;
  }

  /**
   * Resolves and validates.
   *
   * @param config the layered configuration (defaults for the profile included)
   * @return the settings
   * @throws LgtmConfigException listing every problem
   */
  public static Settings resolve(LayeredConfig config) {
    return resolve(config, disabled -> List.of());
  }

  /**
   * Resolves and validates, adding the problems {@code moreChecks} finds (the add-ons' own validation, given the
   * add-on names disabled by {@code lgtm.addons.disabled}) to the same exception. Not called when disabled.
   *
   * @param config the layered configuration (defaults for the profile included)
   * @param moreChecks further problems, given the disabled add-on names
   * @return the settings
   * @throws LgtmConfigException listing every problem
   */
  public static Settings resolve(LayeredConfig config, Function<Set<String>, List<String>> moreChecks) {
    Builder b = new Builder();
    b.config = config;
    List<String> problems = new ArrayList<>();
    Validator v = new Validator(config, problems);

    boolean lgtmEnabled = v.bool(ENABLED, true);
    boolean sdkDisabled = v.bool(OTEL_SDK_DISABLED, false);
    b.enabled = lgtmEnabled && !sdkDisabled;
    if (!b.enabled) {
      // Disabled means "do nothing": a broken endpoint must not stop an app that switched telemetry off.
      if (!problems.isEmpty()) {
        throw new LgtmConfigException(redactor(config).redact(problems));
      }
      return new Settings(b);
    }

    config
        .get(PROFILE)
        .ifPresent(
            p -> {
              String lp = p.toLowerCase(Locale.ROOT);
              if (lp.equals(Defaults.DEV) || lp.equals(Defaults.PRODUCTION)) {
                b.profile = lp;
              } else {
                problems.add(v.describe(PROFILE) + " is not a profile; use dev or production");
              }
            });
    b.console = v.bool(CONSOLE, false);
    b.otlpEnabled = v.bool(OTLP_ENABLED, true);
    b.runtimeMetrics = v.bool(RUNTIME_METRICS, true);
    b.shutdownHook = v.bool(SHUTDOWN_HOOK, true);
    // Unset: the flush MBean only under a test runner (the testkit flushes through it); in production it would
    // cost start-up time and offer forceFlush to anyone with JMX access. The testkit sets it for apps it starts.
    b.jmx = config.get(JMX_ENABLED).isPresent() ? v.bool(JMX_ENABLED, false) : TestRunner.detected();
    Duration timeout = v.duration(SHUTDOWN_TIMEOUT, true, false);
    if (timeout != null) {
      b.shutdownTimeout = timeout;
    }
    b.addonsDisabled =
        config
            .get(ADDONS_DISABLED)
            .map(
                s ->
                    Arrays.stream(s.split(","))
                        .map(String::trim)
                        .filter(x -> !x.isEmpty())
                        .collect(Collectors.toCollection(LinkedHashSet::new)))
            .map(s -> (Set<String>) s)
            .orElse(Set.of());

    for (String key : List.of(METRIC_INTERVAL, OTLP_TIMEOUT)) {
      v.duration(key, false, false);
    }
    for (String key : List.of(BSP_DELAY, BLRP_DELAY)) {
      v.duration(key, false, true);
    }
    v.protocol(OTLP_PROTOCOL);
    v.endpoint(OTLP_ENDPOINT, false);
    v.headers(OTLP_HEADERS);
    v.compression(OTLP_COMPRESSION);
    v.certificate(OTLP_CERTIFICATE);
    for (String signal : SIGNALS) {
      v.protocol(perSignal(signal, "protocol"));
      v.endpoint(perSignal(signal, "endpoint"), true);
      v.headers(perSignal(signal, "headers"));
      v.compression(perSignal(signal, "compression"));
      v.certificate(perSignal(signal, "certificate"));
      v.duration(perSignal(signal, "timeout"), false, false);
    }

    resolveAuth(config, v, problems, b);
    problems.addAll(moreChecks.apply(b.addonsDisabled));

    if (!problems.isEmpty()) {
      throw new LgtmConfigException(redactor(config).redact(problems));
    }
    return new Settings(b);
  }

  /**
   * The redactor for this configuration: its secret values plus the basic-auth header values derived from them
   * (derived even when another problem kept them from being used, since a message may still quote them).
   */
  private static Redactor redactor(LayeredConfig config) {
    List<String> derived = new ArrayList<>();
    Optional<String> user = config.get(BASIC_AUTH_USER);
    Optional<String> token = config.get(BASIC_AUTH_TOKEN);
    Optional<String> instance = config.get(GRAFANA_CLOUD_INSTANCE_ID);
    Optional<String> cloudToken = config.get(GRAFANA_CLOUD_TOKEN);
    if (user.isPresent() && token.isPresent()) {
      derived.add(Headers.basicAuthValue(user.get(), token.get()));
    }
    if (instance.isPresent() && cloudToken.isPresent()) {
      derived.add(Headers.basicAuthValue(instance.get(), cloudToken.get()));
    }
    return Redactor.of(config, derived);
  }

  private static void resolveAuth(
      LayeredConfig config, Validator v, List<String> problems, Builder b) {
    Optional<String> user = config.get(BASIC_AUTH_USER);
    Optional<String> token = config.get(BASIC_AUTH_TOKEN);
    Optional<String> cloud = config.get(GRAFANA_CLOUD_ENDPOINT);
    Optional<String> instance = config.get(GRAFANA_CLOUD_INSTANCE_ID);
    Optional<String> cloudToken = config.get(GRAFANA_CLOUD_TOKEN);

    if (user.isPresent() != token.isPresent()) {
      problems.add(
          (user.isPresent() ? BASIC_AUTH_USER + " is set but " + BASIC_AUTH_TOKEN + " is not"
                  : BASIC_AUTH_TOKEN + " is set but " + BASIC_AUTH_USER + " is not")
              + "; set both (builder: setBasicAuth(user, token))");
    }
    if (user.isPresent() && user.get().contains(":")) {
      // Not quoted: what follows the ':' is usually the password pasted along with the user.
      problems.add(
          BASIC_AUTH_USER + " (" + config.sourceOf(BASIC_AUTH_USER) + ") contains ':'; a basic-auth user cannot "
              + "contain ':' (put the password into " + BASIC_AUTH_TOKEN + ")");
    }
    boolean anyCloud = cloud.isPresent() || instance.isPresent() || cloudToken.isPresent();
    if (anyCloud) {
      List<String> missing = new ArrayList<>();
      if (cloud.isEmpty()) {
        missing.add(GRAFANA_CLOUD_ENDPOINT);
      }
      if (instance.isEmpty()) {
        missing.add(GRAFANA_CLOUD_INSTANCE_ID);
      }
      if (cloudToken.isEmpty()) {
        missing.add(GRAFANA_CLOUD_TOKEN);
      }
      if (!missing.isEmpty()) {
        problems.add(
            "hosted Grafana needs " + GRAFANA_CLOUD_ENDPOINT + ", " + GRAFANA_CLOUD_INSTANCE_ID + " and "
                + GRAFANA_CLOUD_TOKEN + "; missing: " + String.join(", ", missing)
                + " (builder: setGrafanaCloud(urlOrZone, instanceId, token))");
      }
      if (instance.isPresent() && !instance.get().matches("\\d+")) {
        problems.add(
            v.describe(GRAFANA_CLOUD_INSTANCE_ID)
                + " is not numeric; use the instance id shown with the OTLP endpoint in the Grafana Cloud portal");
      }
      if (cloud.isPresent()) {
        try {
          b.grafanaCloudEndpoint = GrafanaCloud.baseEndpoint(cloud.get());
        } catch (IllegalArgumentException e) {
          problems.add(
              v.describe(GRAFANA_CLOUD_ENDPOINT) + " " + e.getMessage()
                  + "; use https://otlp-gateway-<zone>.grafana.net/otlp or the zone, e.g. prod-eu-west-2");
        }
        if (config.isUserSet(OTLP_ENDPOINT)) {
          problems.add(
              GRAFANA_CLOUD_ENDPOINT + " and " + OTLP_ENDPOINT + " (" + config.sourceOf(OTLP_ENDPOINT)
                  + ") are both set; keep one");
        }
      }
      if (user.isPresent()) {
        problems.add(
            "basic auth (" + BASIC_AUTH_USER + ") and hosted Grafana (" + GRAFANA_CLOUD_INSTANCE_ID
                + ") are both set; hosted Grafana already authenticates with its instance id and token, keep one");
      }
      if (instance.isPresent() && cloudToken.isPresent()) {
        b.authorization = Headers.basicAuthValue(instance.get(), cloudToken.get());
      }
    } else if (user.isPresent() && token.isPresent()) {
      b.authorization = Headers.basicAuthValue(user.get(), token.get());
    }
    if (b.authorization != null) {
      for (String key : headerKeys()) {
        Optional<String> list = config.get(key);
        if (list.isPresent()) {
          try {
            if (Headers.parseRaw(list.get()).keySet().stream()
                .anyMatch(h -> h.equalsIgnoreCase("authorization"))) {
              problems.add(
                  key + " (" + config.sourceOf(key) + ") already has an Authorization header and basic auth / "
                      + "hosted Grafana is configured too; keep one");
            }
          } catch (IllegalArgumentException ignored) {
            // already reported by the header validation
          }
        }
      }
    }
  }

  /** The general and per-signal header keys. */
  static List<String> headerKeys() {
    List<String> keys = new ArrayList<>();
    keys.add(OTLP_HEADERS);
    for (String s : SIGNALS) {
      keys.add(perSignal(s, "headers"));
    }
    return keys;
  }

  /** Validation helpers that append to the problem list. */
  private static final class Validator {
    private final LayeredConfig config;
    private final List<String> problems;

    Validator(LayeredConfig config, List<String> problems) {
      this.config = config;
      this.problems = problems;
    }

    String describe(String key) {
      String value = config.get(key).orElse("");
      return key + " '" + LayeredConfig.shown(key, value) + "' (" + config.sourceOf(key) + ")";
    }

    boolean bool(String key, boolean dflt) {
      Optional<String> v = config.get(key);
      if (v.isEmpty()) {
        return dflt;
      }
      String s = v.get().toLowerCase(Locale.ROOT);
      if (s.equals("true")) {
        return true;
      }
      if (s.equals("false")) {
        return false;
      }
      problems.add(describe(key) + " is not a boolean; use true or false");
      return dflt;
    }

    Duration duration(String key, boolean allowIso, boolean allowZero) {
      Optional<String> v = config.get(key);
      if (v.isEmpty()) {
        return null;
      }
      String text = v.get();
      if (!allowIso && text.toLowerCase(Locale.ROOT).startsWith("p")) {
        problems.add(describe(key) + " is ISO-8601; OpenTelemetry keys take 500ms, 5s, 1m");
        return null;
      }
      Duration d;
      try {
        d = Durations.parse(text);
      } catch (IllegalArgumentException e) {
        problems.add(describe(key) + " is not a duration; use e.g. 500ms, 5s or 1m");
        return null;
      }
      if (d.isNegative() || (!allowZero && d.isZero())) {
        problems.add(describe(key) + " must be " + (allowZero ? "zero or positive" : "positive") + ", e.g. 5s");
        return null;
      }
      return d;
    }

    void protocol(String key) {
      config
          .get(key)
          .ifPresent(
              p -> {
                if (p.equals("grpc")) {
                  problems.add(
                      describe(key)
                          + " is not supported by the bundled JDK HTTP sender; use http/protobuf (port 4318), "
                          + "or add opentelemetry-exporter-sender-okhttp or a gRPC sender yourself");
                } else if (!PROTOCOLS.contains(p)) {
                  problems.add(describe(key) + " is not a known protocol; use http/protobuf or http/json");
                }
              });
    }

    void endpoint(String key, boolean perSignal) {
      Optional<String> value = config.get(key);
      if (value.isEmpty()) {
        return;
      }
      String e = value.get();
      URI uri;
      try {
        uri = new URI(e);
      } catch (URISyntaxException ex) {
        problems.add(describe(key) + " is not a URL (" + ex.getReason() + "); use e.g. http://localhost:4318");
        return;
      }
      String scheme = uri.getScheme();
      if (scheme == null || uri.getHost() == null && !e.contains("://")) {
        problems.add(describe(key) + " has no scheme; use http://" + e.replaceFirst("^/+", ""));
        return;
      }
      if (!scheme.equalsIgnoreCase("http") && !scheme.equalsIgnoreCase("https")) {
        problems.add(describe(key) + " has scheme '" + scheme + "'; use http:// or https://");
        return;
      }
      if (uri.getHost() == null) {
        problems.add(describe(key) + " has no host; use e.g. http://localhost:4318");
        return;
      }
      String path = uri.getPath() == null ? "" : uri.getPath().replaceAll("/+$", "");
      if (!perSignal && path.matches(".*/v1/(traces|metrics|logs)")) {
        String base = e.substring(0, e.indexOf(path)) + path.replaceAll("/v1/(traces|metrics|logs)$", "");
        problems.add(
            describe(key) + " ends with a signal path, but /v1/traces, /v1/metrics and /v1/logs are appended to "
                + "it; use " + base + " (or set otel.exporter.otlp.<signal>.endpoint for one signal)");
      }
      if (perSignal && path.isEmpty()) {
        String signal = key.split("\\.")[3];
        problems.add(
            describe(key) + " has no path, but per-signal endpoints are used as-is; use "
                + e.replaceAll("/+$", "") + "/v1/" + signal + " or set " + OTLP_ENDPOINT + " instead");
      }
    }

    void headers(String key) {
      config
          .get(key)
          .ifPresent(
              h -> {
                try {
                  Headers.parseRaw(h);
                } catch (IllegalArgumentException e) {
                  // Never echo the value: header values are credentials.
                  problems.add(
                      key + " (" + config.sourceOf(key) + ") is malformed: " + e.getMessage()
                          + "; use name=value,name2=value2 with URL-encoded values");
                }
              });
    }

    void compression(String key) {
      config
          .get(key)
          .ifPresent(
              c -> {
                if (!c.equals("gzip") && !c.equals("none")) {
                  problems.add(describe(key) + " is not a compression; use gzip or none");
                }
              });
    }

    void certificate(String key) {
      config
          .get(key)
          .ifPresent(
              path -> {
                File f = new File(path);
                if (!f.isFile() || !f.canRead()) {
                  problems.add(
                      describe(key) + " is not a readable file; give the path of the PEM file of the CA that "
                          + "signed the OTLP server's certificate");
                }
              });
    }
  }

  /** The layered configuration these settings were resolved from. */
  public LayeredConfig config() {
    return config;
  }

  /** False when lgtm.enabled=false or otel.sdk.disabled=true. */
  public boolean enabled() {
    return enabled;
  }

  /** dev or production. */
  public String profile() {
    return profile;
  }

  /** Console mode. */
  public boolean console() {
    return console;
  }

  /** OTLP export. */
  public boolean otlpEnabled() {
    return otlpEnabled;
  }

  /** JVM runtime metrics. */
  public boolean runtimeMetrics() {
    return runtimeMetrics;
  }

  /** Shutdown hook. */
  public boolean shutdownHook() {
    return shutdownHook;
  }

  /** The flush MBean for the testkit. */
  public boolean jmxEnabled() {
    return jmx;
  }

  /** Bound for close() and the hook. */
  public Duration shutdownTimeout() {
    return shutdownTimeout;
  }

  /** Add-on names not to install. */
  public Set<String> addonsDisabled() {
    return addonsDisabled;
  }

  /** The Authorization header value from basic auth or hosted Grafana (secret). */
  public Optional<String> authorization() {
    return authorization;
  }

  /** The OTLP base endpoint derived from the hosted-Grafana settings. */
  public Optional<String> grafanaCloudEndpoint() {
    return grafanaCloudEndpoint;
  }

  /** Hides this configuration's secrets in any text; use it for every message, log line and toString. */
  public Redactor redactor() {
    return redactor;
  }

  /** The effective OTLP base endpoint. */
  public String endpoint() {
    return grafanaCloudEndpoint.orElseGet(() -> config.get(OTLP_ENDPOINT).orElse("http://localhost:4318"));
  }

  /** The effective protocol. */
  public String protocol() {
    return config.get(OTLP_PROTOCOL).orElse("http/protobuf");
  }

  /** Names (never values) of the headers configured for OTLP requests. */
  public Set<String> headerNames() {
    Set<String> names = new LinkedHashSet<>();
    for (String key : headerKeys()) {
      config.get(key).ifPresent(h -> {
        try {
          names.addAll(Headers.parseRaw(h).keySet());
        } catch (IllegalArgumentException ignored) {
          // validated earlier
        }
      });
    }
    authorization.ifPresent(a -> names.add("Authorization"));
    return names;
  }

  /** Secret-free summary. */
  @Override
  public String toString() {
    if (!enabled) {
      return "disabled";
    }
    StringBuilder sb = new StringBuilder();
    if (otlpEnabled) {
      sb.append("otlp ").append(protocol()).append(' ').append(endpoint());
      Set<String> names = headerNames();
      if (!names.isEmpty()) {
        sb.append(" headers=").append(names.stream().map(n -> n + "=***").collect(Collectors.joining(",")));
      }
    } else {
      sb.append("otlp off");
    }
    sb.append(", console=").append(console);
    sb.append(", profile=").append(profile);
    sb.append(", runtimeMetrics=").append(runtimeMetrics);
    sb.append(", shutdownTimeout=").append(shutdownTimeout.toMillis()).append("ms");
    if (jmx) {
      sb.append(", flushMBean=on");
    }
    return redactor.redact(sb.toString());
  }
}
