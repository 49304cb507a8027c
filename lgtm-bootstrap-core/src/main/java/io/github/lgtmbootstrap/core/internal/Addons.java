package io.github.lgtmbootstrap.core.internal;

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
 * Finds {@link LgtmAddon}s with {@link ServiceLoader}, installs those not listed in
 * {@code lgtm.addons.disabled}, and uninstalls them in reverse order. A failing add-on is reported as a warning
 * naming it and never stops the others or the application.
 */
public final class Addons {

  private static final Logger LOG = Logger.getLogger("io.github.lgtmbootstrap.core");
  private static final int MAX_PROVIDERS = 100;

  private final List<LgtmAddon> installed;

  private Addons(List<LgtmAddon> installed) {
    this.installed = installed;
  }

  /** No add-ons. */
  public static Addons none() {
    return new Addons(List.of());
  }

  /**
   * Discovers and installs add-ons.
   *
   * @param loader class loader to search
   * @param disabled names not to install
   * @param context what each add-on gets
   */
  public static Addons install(ClassLoader loader, Set<String> disabled, AddonContext context) {
    List<LgtmAddon> done = new ArrayList<>();
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

  /** Names of the installed add-ons, in install order. */
  public List<String> names() {
    List<String> names = new ArrayList<>();
    for (LgtmAddon a : installed) {
      names.add(safeName(a));
    }
    return names;
  }

  /** Uninstalls in reverse order; failures are warnings. */
  public void uninstallAll() {
    for (int i = installed.size() - 1; i >= 0; i--) {
      LgtmAddon a = installed.get(i);
      try {
        a.uninstall();
      } catch (RuntimeException | LinkageError e) {
        LOG.log(Level.WARNING, "lgtm-bootstrap: add-on '" + safeName(a) + "' failed to uninstall", e);
      }
    }
  }

  /** The {@link AddonContext} backed by the layered configuration. */
  public static AddonContext context(OpenTelemetry openTelemetry, LayeredConfig config) {
    return new AddonContext() {
      @Override
      public OpenTelemetry openTelemetry() {
        return openTelemetry;
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
        return "AddonContext";
      }
    };
  }
}
