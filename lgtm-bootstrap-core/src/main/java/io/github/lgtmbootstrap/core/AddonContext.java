package io.github.lgtmbootstrap.core;

import io.opentelemetry.api.OpenTelemetry;

/**
 * What {@code Lgtm.init()} hands {@link LgtmAddon#install(AddonContext)}: the OpenTelemetry instance it built
 * and the effective configuration ({@link AddonConfig}), resolved with the same precedence as everything else
 * (builder, then system properties, then environment variables, then defaults).
 */
public interface AddonContext extends AddonConfig {

  /**
   * The OpenTelemetry instance built by {@code Lgtm.init()}.
   *
   * @return the SDK-backed OpenTelemetry
   */
  OpenTelemetry openTelemetry();
}
