package io.github.lgtmbootstrap.core.support;

import io.github.lgtmbootstrap.core.AddonConfig;
import io.github.lgtmbootstrap.core.AddonContext;
import io.github.lgtmbootstrap.core.LgtmAddon;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Add-ons registered in src/test/resources/META-INF/services for AddonTest. */
public final class TestAddons {

  public static final List<String> EVENTS = new CopyOnWriteArrayList<>();

  private TestAddons() {}

  /** Records what it saw. */
  public static final class Recording implements LgtmAddon {
    @Override
    public String name() {
      return "recording";
    }

    /** Problems only when the test sets lgtm.recording.* to bad values; a bad flag throws from getBoolean. */
    @Override
    public List<String> validate(AddonConfig config) {
      EVENTS.add("recording:validate");
      config.getBoolean("lgtm.recording.flag", false);
      return config
          .getString("lgtm.recording.greeting")
          .filter(g -> g.equals("shout"))
          .map(g -> List.of("lgtm.recording.greeting 'shout' is too loud; use hi"))
          .orElse(List.of());
    }

    @Override
    public void install(AddonContext context) {
      EVENTS.add(
          "recording:install greeting=" + context.getString("lgtm.recording.greeting").orElse("?")
              + " flag=" + context.getBoolean("lgtm.recording.flag", false)
              + " sdk=" + (context.openTelemetry() instanceof OpenTelemetrySdk));
    }

    @Override
    public void uninstall() {
      EVENTS.add("recording:uninstall");
    }
  }

  /** Throws on install. */
  public static final class Failing implements LgtmAddon {
    @Override
    public String name() {
      return "failing";
    }

    @Override
    public void install(AddonContext context) {
      throw new IllegalStateException("boom");
    }
  }
}
