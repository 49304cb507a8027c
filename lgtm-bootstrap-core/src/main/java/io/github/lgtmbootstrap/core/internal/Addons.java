package io.github.lgtmbootstrap.core.internal;

import io.github.lgtmbootstrap.core.AddonConfig;
import io.github.lgtmbootstrap.core.AddonContext;
import io.github.lgtmbootstrap.core.LgtmAddon;
import io.opentelemetry.api.OpenTelemetry;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The {@link LgtmAddon}s of one {@code init()}: found with {@link ServiceLoader} (minus those listed in
 * {@code lgtm.addons.disabled}), validated together with core's settings, installed after the SDK is registered
 * and uninstalled in reverse order. A configuration problem of an add-on fails {@code init()}; a failure while
 * installing or uninstalling is a warning naming the add-on and never stops the others or the application.
 */
public final class Addons {

  private static final Logger LOG = Logger.getLogger("io.github.lgtmbootstrap.core");
  private static final int MAX_PROVIDERS = 100;

  private final List<LgtmAddon> addons;

  private Addons(List<LgtmAddon> addons) {
    this.addons = addons;
  }

  /** No add-ons. */
  public static Addons none() {
    return new Addons(List.of());
  }

  /**
   * Finds the add-ons on the class path, without installing them.
   *
   * @param loader class loader to search
   * @param disabled names to leave out
   */
  public static Addons discover(ClassLoader loader, Set<String> disabled) {
    List<LgtmAddon> found = new ArrayList<>();
    Iterator<LgtmAddon> it = ServiceLoader.load(LgtmAddon.class, loader).iterator();
    for (int i = 0; i < MAX_PROVIDERS; i++) {
      LgtmAddon addon;
      try {
        if (!it.hasNext()) {
          break;
        }
        addon = it.next();
      } catch (ServiceConfigurationError e) {
        LOG.log(Level.WARNING, "lgtm-bootstrap: could not load an add-on: " + e.getMessage(), e);
        continue;
      }
      String name = safeName(addon);
      if (disabled.contains(name)) {
        LOG.fine(() -> "lgtm-bootstrap: add-on '" + name + "' disabled by lgtm.addons.disabled");
        continue;
      }
      found.add(addon);
    }
    return new Addons(Collections.unmodifiableList(found));
  }

  /**
   * Asks every add-on to check its configuration.
   *
   * @param config the effective configuration
   * @return every problem, each prefixed with the add-on's name; empty when all is fine
   */
  public List<String> validate(AddonConfig config) {
    List<String> problems = new ArrayList<>();
    for (LgtmAddon addon : addons) {
      String name = safeName(addon);
      try {
        List<String> found = addon.validate(config);
        if (found != null) {
          for (String p : found) {
            problems.add("add-on '" + name + "': " + p);
          }
        }
      } catch (IllegalArgumentException e) {
        problems.add("add-on '" + name + "': " + e.getMessage());
      } catch (RuntimeException | LinkageError e) {
        // A bug in the add-on, not a configuration error: it must not stop the application.
        LOG.log(Level.WARNING, "lgtm-bootstrap: add-on '" + name + "' failed to check its configuration", e);
      }
    }
    return problems;
  }

  /**
   * Installs the add-ons; failures are warnings.
   *
   * @param context what each add-on gets
   * @return the add-ons that installed, for {@link #uninstallAll()}
   */
  public Addons install(AddonContext context) {
    List<LgtmAddon> done = new ArrayList<>();
    for (LgtmAddon addon : addons) {
      String name = safeName(addon);
      try {
        addon.install(context);
        done.add(addon);
        LOG.fine(() -> "lgtm-bootstrap: installed add-on '" + name + "'");
      } catch (RuntimeException | LinkageError e) {
        LOG.log(Level.WARNING, "lgtm-bootstrap: add-on '" + name + "' failed to install; continuing without it", e);
      }
    }
    return new Addons(Collections.unmodifiableList(done));
  }

  private static String safeName(LgtmAddon addon) {
    try {
      return Objects.requireNonNullElse(addon.name(), addon.getClass().getName());
    } catch (RuntimeException e) {
      return addon.getClass().getName();
    }
  }

  /** Names of the add-ons, in discovery/install order. */
  public List<String> names() {
    List<String> names = new ArrayList<>();
    for (LgtmAddon a : addons) {
      names.add(safeName(a));
    }
    return names;
  }

  /** Uninstalls in reverse order; failures are warnings. */
  public void uninstallAll() {
    for (int i = addons.size() - 1; i >= 0; i--) {
      LgtmAddon a = addons.get(i);
      try {
        a.uninstall();
      } catch (RuntimeException | LinkageError e) {
        LOG.log(Level.WARNING, "lgtm-bootstrap: add-on '" + safeName(a) + "' failed to uninstall", e);
      }
    }
  }

  /** The {@link AddonConfig} backed by the layered configuration. */
  public static AddonConfig config(LayeredConfig config) {
    return new LayeredAddonConfig(config);
  }

  /** The {@link AddonContext} backed by the layered configuration. */
  public static AddonContext context(OpenTelemetry openTelemetry, LayeredConfig config) {
    return new Context(openTelemetry, config);
  }

  private static class LayeredAddonConfig implements AddonConfig {
    private final LayeredConfig config;

    LayeredAddonConfig(LayeredConfig config) {
      this.config = config;
    }

    @Override
    public Optional<String> getString(String key) {
      Objects.requireNonNull(key, "key");
      return config.get(key);
    }

    @Override
    public boolean getBoolean(String key, boolean defaultValue) {
      Objects.requireNonNull(key, "key");
      Optional<String> v = config.get(key);
      if (v.isEmpty()) {
        return defaultValue;
      }
      String s = v.get().toLowerCase(Locale.ROOT);
      if (s.equals("true")) {
        return true;
      }
      if (s.equals("false")) {
        return false;
      }
      throw new IllegalArgumentException(
          key + " '" + LayeredConfig.shown(key, v.get()) + "' (" + config.sourceOf(key)
              + ") is not a boolean; use true or false");
    }

    @Override
    public String toString() {
      return "AddonConfig";
    }
  }

  private static final class Context extends LayeredAddonConfig implements AddonContext {
    private final OpenTelemetry openTelemetry;

    Context(OpenTelemetry openTelemetry, LayeredConfig config) {
      super(config);
      this.openTelemetry = openTelemetry;
    }

    @Override
    public OpenTelemetry openTelemetry() {
      return openTelemetry;
    }

    @Override
    public String toString() {
      return "AddonContext";
    }
  }
}
