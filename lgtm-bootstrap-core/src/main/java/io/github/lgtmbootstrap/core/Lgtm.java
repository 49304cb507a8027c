package io.github.lgtmbootstrap.core;

import io.github.lgtmbootstrap.core.internal.Addons;
import io.github.lgtmbootstrap.core.internal.AgentDetection;
import io.github.lgtmbootstrap.core.internal.ConfigKeys;
import io.github.lgtmbootstrap.core.internal.Defaults;
import io.github.lgtmbootstrap.core.internal.Headers;
import io.github.lgtmbootstrap.core.internal.LayeredConfig;
import io.github.lgtmbootstrap.core.internal.LgtmRuntime;
import io.github.lgtmbootstrap.core.internal.Settings;
import io.github.lgtmbootstrap.core.internal.VersionCheck;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;

/**
 * The front door: OpenTelemetry traces, metrics and logs to Grafana's LGTM stack in one call.
 *
 * <pre>{@code
 * public static void main(String[] args) {
 *   Lgtm.init(); // OTLP http/protobuf to http://localhost:4318, e.g. docker run grafana/otel-lgtm
 *   Tracer tracer = GlobalOpenTelemetry.getTracer("shop");
 *   ...
 * }
 * }</pre>
 *
 * <p>Configuration comes, in this order of precedence, from {@link #builder()}, JVM system properties,
 * environment variables, and our defaults (tuned for {@code grafana/otel-lgtm}). Every standard
 * {@code otel.*} key of OpenTelemetry's SDK autoconfigure works; our own keys start with {@code lgtm.} (see the
 * README's table). Bad values fail fast with one {@link LgtmConfigException} listing every problem; an
 * unreachable backend never fails or blocks the application.
 *
 * <p><b>The one global.</b> {@code init} registers the SDK as {@link GlobalOpenTelemetry}; this is the only place
 * lgtm-bootstrap touches global state. Calling {@code init} again while the first handle is open returns the same
 * handle; if the configuration differs, it logs one warning naming the differing keys (never their values) and
 * still returns the running handle, so that a library calling {@code init()} inside an application cannot crash
 * it: never two SDKs. After {@link LgtmHandle#close()}, {@code init} builds a fresh SDK and
 * re-registers the global. If some other component already set {@link GlobalOpenTelemetry} (another SDK, or a
 * {@code GlobalOpenTelemetry.get()} before {@code init}), {@code init} fails with {@link IllegalStateException}
 * rather than run a second SDK.
 *
 * <p><b>OpenTelemetry versions.</b> {@code init} first checks that the OpenTelemetry jars on the class path are
 * the release lgtm-bootstrap was built with (or a newer, aligned one) and fails with one
 * {@link LgtmConfigException} naming each artifact, the version found and needed, and the fix, instead of a
 * {@code NoClassDefFoundError} later.
 *
 * <p><b>The OpenTelemetry java agent.</b> When the agent is attached, its SDK is the application's SDK:
 * {@code init} logs one line saying so and returns a handle over the agent's instance (see {@link LgtmHandle});
 * it starts no SDK, exporter, runtime metrics or add-on of its own (the agent instruments logback itself).
 *
 * <p>Add-ons ({@link LgtmAddon}) on the class path check their configuration together with core's (their problems
 * are part of the same {@link LgtmConfigException}) and are installed after the global is registered.
 */
public final class Lgtm {

  private static final Logger LOG = Logger.getLogger("io.github.lgtmbootstrap.core");

  // Guarded by Lgtm.class: the handle that owns GlobalOpenTelemetry, if any.
  private static LgtmHandle active;
  // The SDK we last registered as GlobalOpenTelemetry, to recognise the global as ours later.
  private static OpenTelemetry lastGlobal;

  private Lgtm() {}

  /**
   * Initialises with configuration from system properties, environment variables and defaults only.
   *
   * <pre>{@code
   * try (LgtmHandle lgtm = Lgtm.init()) {
   *   runApplication();
   * }
   * }</pre>
   *
   * @return the handle (a no-op one when {@code lgtm.enabled=false} or {@code otel.sdk.disabled=true})
   * @throws LgtmConfigException listing every configuration problem
   * @throws IllegalStateException if another SDK owns {@link GlobalOpenTelemetry}
   */
  public static LgtmHandle init() {
    return initialize(Map.of(), Map.of());
  }

  /**
   * A builder whose settings win over system properties, environment variables and defaults.
   *
   * <pre>{@code
   * LgtmHandle lgtm = Lgtm.builder().setServiceName("checkout").setDeploymentEnvironment("staging").init();
   * }</pre>
   *
   * @return a new builder
   */
  public static LgtmBuilder builder() {
    return new LgtmBuilder();
  }

  static synchronized LgtmHandle initialize(Map<String, String> properties, Map<String, String> headers) {
    Objects.requireNonNull(properties, "properties");
    if (AgentDetection.agentAttached()) {
      LOG.info("lgtm-bootstrap: the OpenTelemetry java agent is attached; using its SDK and exporters "
          + "(configure them with the agent's otel.* settings), starting none of our own");
      return LgtmHandle.overAgent(GlobalOpenTelemetry.get());
    }
    // Before anything touches the SDK: a mismatched OpenTelemetry is one message, not a NoClassDefFoundError.
    VersionCheck.verify(Lgtm.class.getClassLoader());
    Map<String, String> builderLayer = new LinkedHashMap<>(properties);
    LayeredConfig base = LayeredConfig.of(builderLayer, System.getProperties(), System.getenv(), Map.of());
    if (!headers.isEmpty()) {
      // Builder headers add to the headers of the other layers instead of replacing them.
      Map<String, String> merged = new LinkedHashMap<>();
      String existing = base.get(ConfigKeys.OTLP_HEADERS).orElse("");
      try {
        merged.putAll(Headers.parseRaw(existing));
      } catch (IllegalArgumentException e) {
        // left as is: validation reports the malformed list below
      }
      headers.forEach((k, v) -> merged.put(k, Headers.encodeValue(v)));
      builderLayer.put(ConfigKeys.OTLP_HEADERS, Headers.joinRaw(merged));
      base = LayeredConfig.of(builderLayer, System.getProperties(), System.getenv(), Map.of());
    }
    String profile = base.get(ConfigKeys.PROFILE).orElse(Defaults.DEV).toLowerCase(Locale.ROOT);
    LayeredConfig config = base.withDefaults(Defaults.forProfile(profile));
    ClassLoader cl = Thread.currentThread().getContextClassLoader();
    ClassLoader loader = cl != null ? cl : Lgtm.class.getClassLoader();
    AtomicReference<Addons> addons = new AtomicReference<>(Addons.none());
    // Add-ons check their keys together with ours: one exception, before anything is built or registered.
    Settings settings =
        Settings.resolve(
            config,
            disabled -> {
              Addons found = Addons.discover(loader, disabled);
              addons.set(found);
              return found.validate(Addons.config(config));
            });
    if (!settings.enabled()) {
      LOG.fine("lgtm-bootstrap: disabled (lgtm.enabled=false or otel.sdk.disabled=true); nothing is exported");
      return LgtmHandle.disabled();
    }
    if (active != null && !active.runtime().isShutdown()) {
      Map<String, String> now = config.effectiveRelevant();
      Map<String, String> then = active.runtime().effectiveConfig();
      if (now.equals(then)) {
        LOG.fine("lgtm-bootstrap: init called again with the same configuration; returning the running handle");
        return active;
      }
      TreeSet<String> differing = new TreeSet<>(now.keySet());
      differing.addAll(then.keySet());
      differing.removeIf(k -> Objects.equals(now.get(k), then.get(k)));
      // A library calling init() inside someone's application must not crash its host: the first SDK stays, and
      // the caller learns (once per set of keys, names only: values can be secrets) that its settings did not apply.
      if (active.runtime().firstReinitWarning(differing)) {
        LOG.warning(
            "lgtm-bootstrap: Lgtm.init() was called again, with different settings for "
                + differing
                + ", while the first handle is open; those settings are ignored and the running handle ("
                + active.runtime()
                + ") is returned. One SDK per JVM: close the first handle before initialising again.");
      }
      return active;
    }
    LgtmRuntime runtime = LgtmRuntime.start(settings, System.out);
    try {
      if (lastGlobal != null
          && GlobalOpenTelemetry.isSet()
          && GlobalOpenTelemetry.getTracerProvider() == lastGlobal.getTracerProvider()) {
        // The one production use of resetForTest, on purpose: the global provably still is our previous SDK,
        // already shut down (same provider instance), and init-after-close must re-register a live one. The API
        // has no other way to replace a global (set() throws once set), and a switchable facade would leave the
        // tracers and meters callers cached from the closed SDK dead all the same. Reached only after close();
        // a global set by anyone else is never touched.
        GlobalOpenTelemetry.resetForTest();
      }
      GlobalOpenTelemetry.set(runtime.openTelemetry());
      lastGlobal = runtime.openTelemetry();
    } catch (IllegalStateException e) {
      runtime.shutdown();
      throw new IllegalStateException(
          "GlobalOpenTelemetry is already set by another component (a java agent, another SDK, or a call to "
              + "GlobalOpenTelemetry.get() before Lgtm.init()); lgtm-bootstrap will not run a second SDK. Call "
              + "Lgtm.init() first thing in main(), or remove the other SDK.",
          e);
    }
    runtime.installAddons(addons.get());
    runtime.registerShutdownHook();
    runtime.registerJmx();
    active = new LgtmHandle(runtime);
    LOG.info("lgtm-bootstrap: " + runtime);
    runtime.startDeferred(); // last: OTLP exporters and JVM runtime metrics start on a daemon thread
    return active;
  }
}
