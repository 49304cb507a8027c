package io.github.lgtmbootstrap.logback.internal;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.core.spi.ContextAwareBase;
import io.github.lgtmbootstrap.core.internal.AgentDetection;
import java.util.Optional;

/**
 * Attaches lgtm's appender, in buffering mode, while logback starts up, so lines logged before
 * {@code Lgtm.init()} are kept and replayed once the SDK exists.
 *
 * <p>Found by logback through {@code META-INF/services/ch.qos.logback.classic.spi.Configurator}. It adds to the
 * configuration and never replaces it: it returns {@link ExecutionStatus#INVOKE_NEXT_IF_ANY}, so logback goes on
 * to read the user's {@code logback-test.xml} / {@code logback.xml} (or falls back to its console default) exactly
 * as without lgtm. Limits: it runs only when logback configures itself automatically; a configurator of higher
 * rank that stops the chain, or code that configures logback by hand, skips it (then lines are captured from
 * {@code Lgtm.init()} on). Only system properties and environment variables are visible this early. With the
 * OpenTelemetry java agent attached it does nothing (the agent exports logback's lines itself).
 *
 * <p>Public only because {@link java.util.ServiceLoader} requires it; not an API.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_TOP_PRIORITY)
public final class EarlyAttachConfigurator extends ContextAwareBase implements Configurator {

  /** Required by {@link java.util.ServiceLoader}. */
  public EarlyAttachConfigurator() {}

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    try {
      if (isFalse(LogbackOptions.fromSystem("lgtm.enabled"))
          || isTrue(LogbackOptions.fromSystem("otel.sdk.disabled"))) {
        return ExecutionStatus.INVOKE_NEXT_IF_ANY;
      }
      if (AgentDetection.agentAttached()) {
        // The java agent instruments logback itself and Lgtm.init() will start no SDK: nothing to buffer for.
        return ExecutionStatus.INVOKE_NEXT_IF_ANY;
      }
      LogbackOptions options = LogbackOptions.resolve(LogbackOptions::fromSystem);
      if (options.enabled() && options.preinitBuffer() > 0) {
        Wiring.attachEarly(context, options);
        addInfo("lgtm: OpenTelemetry appender attached; up to " + options.preinitBuffer()
            + " lines are kept until Lgtm.init()");
      }
    } catch (RuntimeException e) {
      // Bad lgtm.logback.* values are reported (fail-fast) by Lgtm.init(); logging itself must start regardless.
      addWarn("lgtm: not capturing lines before Lgtm.init(): " + e.getMessage());
    }
    return ExecutionStatus.INVOKE_NEXT_IF_ANY;
  }

  private static boolean isFalse(Optional<String> value) {
    return value.map(v -> v.trim().equalsIgnoreCase("false")).orElse(false);
  }

  private static boolean isTrue(Optional<String> value) {
    return value.map(v -> v.trim().equalsIgnoreCase("true")).orElse(false);
  }
}
