package io.github.lgtmbootstrap.core;

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
 *   public void install(AddonContext context) {
 *     if (context.getBoolean("lgtm.my-addon.enabled", true)) {
 *       MyLibrary.useOpenTelemetry(context.openTelemetry());
 *     }
 *   }
 * }
 * }</pre>
 *
 * <p>Implementations need a public no-argument constructor. {@link #install} must not throw for runtime
 * conditions (log a warning on {@code java.util.logging} instead); an exception it does throw is reported as a
 * warning naming the add-on and does not stop the other add-ons or the application.
 */
public interface LgtmAddon {

  /**
   * A short, stable name for diagnostics and for disabling the add-on with {@code lgtm.addons.disabled}.
   *
   * @return the add-on's name, such as {@code logback}
   */
  String name();

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
