package io.github.lgtmbootstrap.testkit.model;

import java.util.Objects;

/**
 * The instrumentation scope (tracer, logger or meter name and version) that produced an item.
 *
 * @param name scope name, empty when the store does not keep it
 * @param version scope version, empty when unknown
 */
public record InstrumentationScope(String name, String version) {

  /** A scope with no name and no version, for stores that drop it. */
  public static final InstrumentationScope UNKNOWN = new InstrumentationScope("", "");

  /**
   * Creates the record, validating its components.
   *
   * @param name scope name, empty when the store does not keep it
   * @param version scope version, empty when unknown
   */
  public InstrumentationScope {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(version, "version");
  }
}
