package io.github.lgtmbootstrap.logback;

import io.github.lgtmbootstrap.core.AddonConfig;
import io.github.lgtmbootstrap.core.AddonContext;
import io.github.lgtmbootstrap.core.LgtmAddon;
import io.github.lgtmbootstrap.logback.internal.LogbackOptions;
import java.util.List;
import java.util.Objects;
import java.util.logging.Logger;

/**
 * The add-on {@code Lgtm.init()} finds with {@link java.util.ServiceLoader}: with this module on the classpath,
 * logback is wired to the SDK that {@code Lgtm.init()} built, with no code and no XML. Settings come from the
 * {@code lgtm.logback.*} keys through {@code Lgtm}'s configuration (builder, system properties, environment);
 * {@code lgtm.logback.enabled=false} or {@code lgtm.addons.disabled=logback} turn it off.
 *
 * <p>Users do not call this class; it is public because {@link java.util.ServiceLoader} requires it. Apps with
 * their own SDK use {@link LgtmLogback#install(io.opentelemetry.api.OpenTelemetry)}.
 */
public final class LgtmLogbackAddon implements LgtmAddon {

  private static final Logger LOG = Logger.getLogger(LgtmLogbackAddon.class.getName());

  private volatile LgtmLogback installed;

  /** Creates the add-on; called by {@link java.util.ServiceLoader}. */
  public LgtmLogbackAddon() {}

  /**
   * Returns {@code logback}.
   *
   * @return the add-on's name
   */
  @Override
  public String name() {
    return "logback";
  }

  /**
   * Checks every {@code lgtm.logback.*} value, so that {@code Lgtm.init()} fails with one exception listing
   * them together with its own problems, before anything is built. Nothing else is checked when
   * {@code lgtm.logback.enabled=false}.
   *
   * @param config the configuration from {@code Lgtm.init()}
   * @return one line per invalid value: the key, the value seen and what to use instead
   */
  @Override
  public List<String> validate(AddonConfig config) {
    Objects.requireNonNull(config, "config");
    return LogbackOptions.problems(config::getString);
  }

  /**
   * Wires logback to {@code context.openTelemetry()}, unless {@code lgtm.logback.enabled} is false or SLF4J is
   * not bound to logback (then it warns on java.util.logging and does nothing).
   *
   * @param context the SDK and configuration from {@code Lgtm.init()}
   * @throws IllegalArgumentException listing every invalid {@code lgtm.logback.*} value (not reached through
   *     {@code Lgtm.init()}, which has rejected them already through {@link #validate})
   */
  @Override
  public void install(AddonContext context) {
    Objects.requireNonNull(context, "context");
    if (!context.getBoolean(LogbackOptions.Key.ENABLED.property(), true)) {
      return;
    }
    if (LgtmLogback.boundLoggerContext().isEmpty()) {
      LOG.warning("lgtm: lgtm-bootstrap-logback is on the classpath but SLF4J is not bound to logback ("
          + org.slf4j.LoggerFactory.getILoggerFactory().getClass().getName() + "); logs are not wired");
      return;
    }
    LgtmLogback previous = installed;
    installed = LgtmLogback.install(context.openTelemetry(), context::getString);
    if (previous != null && previous != installed) {
      // Same wiring underneath (install is idempotent); the old handle is simply forgotten, not closed.
      LOG.fine("lgtm: logback add-on installed again; the existing appender was reconnected");
    }
  }

  /** Undoes the wiring: appender, MDC filter, console capture, java.util.logging routing. */
  @Override
  public void uninstall() {
    LgtmLogback current = installed;
    installed = null;
    if (current != null) {
      current.close();
    }
  }
}
