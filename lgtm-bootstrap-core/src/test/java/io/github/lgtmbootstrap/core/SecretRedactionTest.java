package io.github.lgtmbootstrap.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lgtmbootstrap.core.internal.ConfigKeys;
import io.github.lgtmbootstrap.core.internal.LayeredConfig;
import io.github.lgtmbootstrap.core.support.LgtmTestSupport;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A recognisable secret goes through every key that can carry one (endpoint user-info, headers, basic auth, hosted
 * Grafana; general and per signal), in every shape that is valid or reported as invalid, set as system property
 * and through the builder. Whatever is printed (java.util.logging at every level, standard output and error) or
 * thrown (message, cause chain, suppressed) and the toString of builder and handle must contain neither the
 * secret nor its base64, nor the base64 of {@code user:secret}.
 */
@ExtendWith(LgtmTestSupport.class)
class SecretRedactionTest {

  private static final String SECRET = "S3CRETtok9x";
  private static final String USER = "alice";

  /** One configuration to try, with what it is meant to exercise. */
  private record Case(String name, Map<String, String> properties) {}

  @Test
  void noSecretAppearsInAnythingPrintedOrThrownForAnyKeyAndShape() throws Exception {
    int refused;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      refused = s.getLocalPort(); // closed below: connections are refused, so every export fails fast
    }
    {
      String live = "127.0.0.1:" + refused;
      List<Case> cases = cases(live);
      List<String> failures = new ArrayList<>();
      for (Case c : cases) {
        for (boolean viaBuilder : new boolean[] {true, false}) {
          String seen = run(c, viaBuilder);
          for (String form : forbidden()) {
            if (seen.contains(form)) {
              String lines = seen.lines().filter(l -> l.contains(form)).distinct().limit(5)
                  .collect(java.util.stream.Collectors.joining("\n    "));
              failures.add(c.name() + (viaBuilder ? " (builder)" : " (system properties)") + " shows '" + form
                  + "' in:\n    " + lines);
            }
          }
        }
      }
      assertThat(failures).as("cases leaking the secret (of %s cases)", cases.size()).isEmpty();
    }
  }

  @Test
  void everyKeyThatCarriesCredentialsIsTreatedAsSecret() {
    for (String key : secretKeys()) {
      assertThat(LayeredConfig.shown(key, SECRET)).as(key).isEqualTo("***");
    }
  }

  private static List<String> secretKeys() {
    List<String> keys = new ArrayList<>(List.of(
        ConfigKeys.OTLP_HEADERS, ConfigKeys.BASIC_AUTH_TOKEN, ConfigKeys.GRAFANA_CLOUD_TOKEN));
    for (String s : ConfigKeys.SIGNALS) {
      keys.add(ConfigKeys.perSignal(s, "headers"));
    }
    return keys;
  }

  private static List<String> forbidden() {
    List<String> forms = new ArrayList<>();
    forms.add(SECRET);
    forms.add(b64(SECRET));
    forms.add(b64(USER + ":" + SECRET));
    forms.add(b64("123456:" + SECRET));
    forms.add(URLEncoder.encode("Basic " + b64(USER + ":" + SECRET), StandardCharsets.UTF_8));
    return forms;
  }

  private static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  private static List<Case> cases(String live) {
    List<Case> cases = new ArrayList<>();
    List<String> endpointKeys = new ArrayList<>(List.of(ConfigKeys.OTLP_ENDPOINT));
    for (String s : ConfigKeys.SIGNALS) {
      endpointKeys.add(ConfigKeys.perSignal(s, "endpoint"));
    }
    for (String key : endpointKeys) {
      String path = key.equals(ConfigKeys.OTLP_ENDPOINT) ? "" : "/v1/" + key.split("\\.")[3];
      Map<String, String> shapes = new LinkedHashMap<>();
      shapes.put("no scheme", USER + ":" + SECRET + "@" + live + path);
      shapes.put("no scheme, token only", SECRET + "@" + live + path);
      shapes.put("bad scheme", "ftp://" + USER + ":" + SECRET + "@" + live + path);
      shapes.put("no host", "http://" + USER + ":" + SECRET + "@");
      shapes.put("not a URL", "http://" + USER + ":" + SECRET + "@" + live + "/a b");
      shapes.put("signal path on base / no path on signal", "http://" + USER + ":" + SECRET + "@" + live
          + (path.isEmpty() ? "/v1/traces" : ""));
      shapes.put("valid with user-info (dead backend)", "http://" + USER + ":" + SECRET + "@" + live + path);
      shapes.put("valid https with token user-info", "https://" + SECRET + "@" + live + path);
      shapes.put("percent-encoded user-info", "http://" + USER + ":" + SECRET + "%21@" + live + path);
      shapes.forEach((shape, value) -> cases.add(new Case(key + " " + shape, props(key, value))));
    }
    List<String> headerKeys = new ArrayList<>(List.of(ConfigKeys.OTLP_HEADERS));
    for (String s : ConfigKeys.SIGNALS) {
      headerKeys.add(ConfigKeys.perSignal(s, "headers"));
    }
    for (String key : headerKeys) {
      Map<String, String> shapes = new LinkedHashMap<>();
      shapes.put("valid basic", "Authorization=Basic%20" + b64(USER + ":" + SECRET));
      shapes.put("valid bearer", "Authorization=Bearer%20" + SECRET);
      shapes.put("curl style", "Authorization: Bearer " + SECRET);
      shapes.put("no '='", SECRET);
      shapes.put("second entry broken", "X-Scope-OrgID=tenant,X-Api-Key " + SECRET);
      shapes.put("not URL-decodable", "X-Api-Key=" + SECRET + "%zz");
      shapes.put("empty name", "=" + SECRET);
      shapes.forEach((shape, value) -> {
        Map<String, String> p = props(key, value);
        p.put(ConfigKeys.OTLP_ENDPOINT, "http://" + live);
        cases.add(new Case(key + " " + shape, p));
      });
      Map<String, String> conflict = props(key, "Authorization=Bearer%20" + SECRET);
      conflict.put(ConfigKeys.BASIC_AUTH_USER, USER);
      conflict.put(ConfigKeys.BASIC_AUTH_TOKEN, SECRET);
      cases.add(new Case(key + " Authorization and basic auth", conflict));
    }
    Map<String, String> basic = props(ConfigKeys.BASIC_AUTH_USER, USER);
    basic.put(ConfigKeys.BASIC_AUTH_TOKEN, SECRET);
    basic.put(ConfigKeys.OTLP_ENDPOINT, "http://" + live);
    cases.add(new Case("basic auth, dead backend", basic));
    cases.add(new Case("basic auth token without user", props(ConfigKeys.BASIC_AUTH_TOKEN, SECRET)));
    cases.add(new Case("basic auth user with password pasted", props(ConfigKeys.BASIC_AUTH_USER, USER + ":" + SECRET)));
    Map<String, String> basicAndBroken = new LinkedHashMap<>(basic);
    basicAndBroken.put(ConfigKeys.OTLP_PROTOCOL, "grpc");
    cases.add(new Case("basic auth with another problem", basicAndBroken));
    Map<String, String> unknownSampler = new LinkedHashMap<>(basic);
    unknownSampler.put("otel.traces.sampler", "sometimes");
    cases.add(new Case("autoconfigure rejects a value (basic auth set)", unknownSampler));

    String gateway = "https://otlp-gateway-prod-eu-west-2.grafana.net/otlp";
    cases.add(new Case("cloud token only", props(ConfigKeys.GRAFANA_CLOUD_TOKEN, SECRET)));
    cases.add(new Case("cloud complete, http gateway", cloud("http://123456:" + SECRET + "@" + live, SECRET)));
    cases.add(new Case("cloud gateway without scheme", cloud("123456:" + SECRET + "@" + live, SECRET)));
    cases.add(new Case("cloud gateway with user-info", cloud("https://123456:" + SECRET + "@" + live, SECRET)));
    Map<String, String> cloudAndBasic = cloud(gateway, SECRET);
    cloudAndBasic.put(ConfigKeys.BASIC_AUTH_USER, USER);
    cloudAndBasic.put(ConfigKeys.BASIC_AUTH_TOKEN, SECRET);
    cases.add(new Case("cloud and basic auth", cloudAndBasic));
    Map<String, String> cloudAndEndpoint = cloud(gateway, SECRET);
    cloudAndEndpoint.put(ConfigKeys.OTLP_ENDPOINT, "http://" + USER + ":" + SECRET + "@" + live);
    cases.add(new Case("cloud and endpoint", cloudAndEndpoint));
    Map<String, String> cloudBadId = cloud(gateway, SECRET);
    cloudBadId.put(ConfigKeys.GRAFANA_CLOUD_INSTANCE_ID, "id-" + USER);
    cases.add(new Case("cloud non-numeric id", cloudBadId));
    return cases;
  }

  private static Map<String, String> cloud(String endpoint, String token) {
    Map<String, String> p = props(ConfigKeys.GRAFANA_CLOUD_ENDPOINT, endpoint);
    p.put(ConfigKeys.GRAFANA_CLOUD_INSTANCE_ID, "123456");
    p.put(ConfigKeys.GRAFANA_CLOUD_TOKEN, token);
    return p;
  }

  private static Map<String, String> props(String key, String value) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put(key, value);
    return p;
  }

  /** Runs one case and returns everything it printed or threw, and the toString of what it built. */
  private static String run(Case c, boolean viaBuilder) {
    StringBuilder seen = new StringBuilder();
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    PrintStream capture = new PrintStream(printed, true, StandardCharsets.UTF_8);
    Logger root = Logger.getLogger("");
    Level rootLevel = root.getLevel();
    Logger ours = Logger.getLogger("io.github.lgtmbootstrap");
    Logger otel = Logger.getLogger("io.opentelemetry");
    Level oursLevel = ours.getLevel();
    Level otelLevel = otel.getLevel();
    Handler jul = new Handler() {
      private final SimpleFormatter f = new SimpleFormatter();

      @Override
      public void publish(LogRecord r) {
        synchronized (seen) {
          seen.append(f.format(r)).append('\n');
        }
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    jul.setLevel(Level.ALL);
    root.addHandler(jul);
    ours.setLevel(Level.ALL);
    otel.setLevel(Level.ALL);
    System.setOut(capture);
    System.setErr(capture);
    try {
      LgtmBuilder b = Lgtm.builder().setRuntimeMetrics(false).setShutdownTimeout(Duration.ofMillis(300))
          .setServiceName("secret-test");
      for (Map.Entry<String, String> e : c.properties().entrySet()) {
        if (viaBuilder) {
          b.setProperty(e.getKey(), e.getValue());
        } else {
          System.setProperty(e.getKey(), e.getValue());
        }
      }
      seen.append(b).append('\n');
      try (LgtmHandle h = b.init()) {
        seen.append(h).append('\n');
        h.openTelemetry().getTracer("t").spanBuilder("s").startSpan().end();
        h.forceFlush(Duration.ofMillis(200));
      } catch (RuntimeException e) {
        describe(e, seen, java.util.Collections.newSetFromMap(new IdentityHashMap<>()));
      }
    } finally {
      System.setOut(out);
      System.setErr(err);
      root.removeHandler(jul);
      root.setLevel(rootLevel);
      ours.setLevel(oursLevel);
      otel.setLevel(otelLevel);
      for (String k : c.properties().keySet()) {
        System.clearProperty(k);
      }
    }
    synchronized (seen) {
      return seen + printed.toString(StandardCharsets.UTF_8);
    }
  }

  private static void describe(Throwable t, StringBuilder into, Set<Throwable> done) {
    if (t == null || !done.add(t)) {
      return;
    }
    into.append(t).append('\n');
    for (StackTraceElement el : t.getStackTrace()) {
      into.append(el).append('\n');
    }
    describe(t.getCause(), into, done);
    for (Throwable s : t.getSuppressed()) {
      describe(s, into, done);
    }
  }
}
