package io.github.lgtmbootstrap.core;

import java.util.List;

/**
 * Service-provider interface for add-ons that {@code Lgtm.init()} finds on the classpath with
 * {@link java.util.ServiceLoader} and installs after the SDK is built and registered.
 *
 * <p>An add-on module lists its implementation in
 * {@code META-INF/services/io.github.lgtmbootstrap.core.LgtmAddon}; putting the module on the classpath is all a
 * user does. Example: {@code lgtm-bootstrap-logback} wires logback to the SDK's log pipeline.
 *
 * <pre>{@code
 * public final class MyAddon implements LgtmAddon {
 *   public String name() { return "my-addon"; }
 *   public List<String> validate(AddonConfig config) {
 *     config.getBoolean("lgtm.my-addon.enabled", true); // a bad value becomes a problem of init()
 *     return List.of();
 *   }
 *   public void install(AddonContext context) {
 *     if (context.getBoolean("lgtm.my-addon.enabled", true)) {
 *       MyLibrary.useOpenTelemetry(context.openTelemetry());
 *     }
 *   }
 * }
 * }</pre>
 *
 * <p>Implementations need a public no-argument constructor. Configuration errors belong in
 * {@link #validate(AddonConfig)}: {@code init()} calls it while it validates its own settings, before the SDK is
 * built or anything is registered, and fails with one {@link LgtmConfigException} listing the add-on's problems
 * (each prefixed with its name) together with every other one. {@link #install} must not throw for runtime
 * conditions (log a warning on {@code java.util.logging} instead): telemetry never crashes the application, so an
 * exception it does throw is reported as a warning naming the add-on and does not stop the other add-ons or the
 * application.
 *
 * <p>Contract details:
 * <ul>
 *   <li>Discovery uses the thread context class loader of the thread calling {@code Lgtm.init()} (falling back to
 *       core's own loader). Add-ons named in {@code lgtm.addons.disabled} (comma-separated {@link #name()}s) are
 *       not installed.
 *   <li>Configuration: read your keys through {@link AddonConfig#getString(String)} /
 *       {@link AddonConfig#getBoolean(String, boolean)}; they follow the same precedence as every other key
 *       (builder {@code setProperty}, system property, environment variable). Use the {@code lgtm.<name>.}
 *       prefix and dotted, dash-free names ({@code lgtm.logback.capture.mdc}); keys are normalised like
 *       OpenTelemetry's ({@code -} becomes {@code .}, environment {@code LGTM_LOGBACK_CAPTURE_MDC}).
 *   <li>Order: installs run in discovery order after the SDK is registered as
 *       {@link io.opentelemetry.api.GlobalOpenTelemetry}; uninstalls run in reverse order, first thing in
 *       {@code close()} or the shutdown hook, on a daemon thread and inside the shutdown bound
 *       ({@code lgtm.shutdown.timeout}): keep them quick and non-blocking.
 *   <li>Core's own diagnostics use the {@code java.util.logging} logger {@code io.github.lgtmbootstrap.core}
 *       (OpenTelemetry's use {@code io.opentelemetry.*}); an add-on that routes JUL into telemetry must leave those
 *       out to avoid feedback loops. Console mode prints through the {@code System.out} captured at
 *       {@code init()} before add-ons install, so replacing {@code System.out} in an add-on never captures it.
 * </ul>
 */
public interface LgtmAddon {

  /**
   * A short, stable name for diagnostics and for disabling the add-on with {@code lgtm.addons.disabled}.
   *
   * @return the add-on's name, such as {@code logback}
   */
  String name();

  /**
   * Checks the add-on's configuration, called by {@code init()} while it validates its own settings: before
   * the SDK is built, before anything is registered globally, and only for add-ons not named in
   * {@code lgtm.addons.disabled} (and not at all when lgtm-bootstrap is disabled). Return one line per problem,
   * saying which key was wrong, the value seen (never a secret) and what to use instead; {@code init()} prefixes
   * each with the add-on's name and throws them with its own in one {@link LgtmConfigException}. An
   * {@link IllegalArgumentException} thrown here (such as the one {@link AddonConfig#getBoolean} throws) counts
   * as one problem with its message. The default finds nothing wrong.
   *
   * @param config the effective configuration
   * @return the problems found, empty when the configuration is fine
   */
  default List<String> validate(AddonConfig config) {
    return List.of();
  }

  /**
   * Installs the add-on. Called once per {@code Lgtm.init()}, after the SDK is registered globally.
   *
   * @param context the SDK and the effective configuration
   */
  void install(AddonContext context);

  /**
   * Undoes {@link #install}, called when the handle shuts down, before the SDK flushes. The default does
   * nothing.
   */
  default void uninstall() {}
}
