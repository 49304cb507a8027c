package io.github.lgtmbootstrap.core.http.internal;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.instrumentation.api.instrumenter.Instrumenter;
import java.util.Objects;
import java.util.function.Function;

/**
 * Supplies the {@link Instrumenter} for either a fixed {@link OpenTelemetry} or whatever
 * {@link GlobalOpenTelemetry} holds at the time of the request.
 *
 * <p>The global case exists so that a server or client created before {@code Lgtm.init()} starts tracing once
 * init has run, instead of being stuck with the no-op instance it saw at construction. It reads the global with
 * {@link GlobalOpenTelemetry#getOrNoop()}, which never installs a no-op global (unlike {@code get()}, which would
 * make a later {@code Lgtm.init()} fail), and rebuilds the instrumenter only when the instance changed.
 */
public final class LazyInstrumenter<REQUEST, RESPONSE> {

  /** Null when following the global. */
  private final OpenTelemetry fixed;
  private final Function<OpenTelemetry, Instrumenter<REQUEST, RESPONSE>> factory;
  /** Null until the first request. */
  private volatile Built<REQUEST, RESPONSE> built;

  private LazyInstrumenter(
      OpenTelemetry fixed, Function<OpenTelemetry, Instrumenter<REQUEST, RESPONSE>> factory) {
    this.fixed = fixed;
    this.factory = factory;
  }

  /**
   * Always uses the given instance.
   *
   * @param openTelemetry the instance to build the instrumenter from
   * @param factory builds the instrumenter
   * @param <REQUEST> request type
   * @param <RESPONSE> response type
   * @return the supplier
   */
  public static <REQUEST, RESPONSE> LazyInstrumenter<REQUEST, RESPONSE> of(
      OpenTelemetry openTelemetry, Function<OpenTelemetry, Instrumenter<REQUEST, RESPONSE>> factory) {
    return new LazyInstrumenter<>(Objects.requireNonNull(openTelemetry, "openTelemetry"), factory);
  }

  /**
   * Follows {@link GlobalOpenTelemetry}.
   *
   * @param factory builds the instrumenter
   * @param <REQUEST> request type
   * @param <RESPONSE> response type
   * @return the supplier
   */
  public static <REQUEST, RESPONSE> LazyInstrumenter<REQUEST, RESPONSE> global(
      Function<OpenTelemetry, Instrumenter<REQUEST, RESPONSE>> factory) {
    return new LazyInstrumenter<>(null, factory);
  }

  /**
   * Returns the instrumenter for the current instance, building it on first use.
   *
   * @return the instrumenter
   */
  public Instrumenter<REQUEST, RESPONSE> get() {
    OpenTelemetry current = fixed != null ? fixed : GlobalOpenTelemetry.getOrNoop();
    Built<REQUEST, RESPONSE> last = built;
    if (last == null || last.openTelemetry != current) {
      // A race builds two instrumenters for the same instance; both are equivalent, so last write wins.
      last = new Built<>(current, factory.apply(current));
      built = last;
    }
    return last.instrumenter;
  }

  private static final class Built<REQUEST, RESPONSE> {
    final OpenTelemetry openTelemetry;
    final Instrumenter<REQUEST, RESPONSE> instrumenter;

    Built(OpenTelemetry openTelemetry, Instrumenter<REQUEST, RESPONSE> instrumenter) {
      this.openTelemetry = openTelemetry;
      this.instrumenter = instrumenter;
    }
  }
}
