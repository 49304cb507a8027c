package io.github.lgtmbootstrap.testkit.remote;

import io.github.lgtmbootstrap.testkit.query.internal.LabelValues;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Label names in Loki and Prometheus: both replace every character outside {@code [a-zA-Z0-9_]} of an
 * OpenTelemetry attribute key with {@code _} ({@code service.name} becomes {@code service_name}). The way back is
 * ambiguous ({@code order_id} may have been {@code order.id} or {@code order_id}), so only well-known resource
 * keys and keys the caller names are mapped back; other labels keep the store's name.
 */
final class StoreLabels {

  /** Resource attribute keys of the OpenTelemetry semantic conventions (and ours) that stores flatten. */
  static final List<String> KNOWN_RESOURCE_KEYS = List.of(
      "service.name", "service.namespace", "service.version", "service.instance.id",
      "deployment.environment", "deployment.environment.name",
      "telemetry.sdk.language", "telemetry.sdk.name", "telemetry.sdk.version",
      "telemetry.distro.name", "telemetry.distro.version",
      "host.name", "host.id", "host.arch", "host.type", "host.image.name",
      "os.type", "os.description", "os.name", "os.version",
      "process.pid", "process.executable.name", "process.executable.path", "process.command",
      "process.command_line", "process.command_args", "process.owner",
      "process.runtime.name", "process.runtime.version", "process.runtime.description",
      "container.id", "container.name", "container.image.name", "container.image.tag",
      "k8s.cluster.name", "k8s.namespace.name", "k8s.pod.name", "k8s.pod.uid", "k8s.node.name",
      "k8s.container.name", "k8s.deployment.name", "k8s.replicaset.name", "k8s.statefulset.name",
      "k8s.daemonset.name", "k8s.job.name", "k8s.cronjob.name",
      "cloud.provider", "cloud.platform", "cloud.region", "cloud.availability_zone", "cloud.account.id",
      "lgtm.test.run.id", "lgtm.test.id");

  private static final Map<String, String> KNOWN_BY_LABEL = new HashMap<>();

  static {
    for (String key : KNOWN_RESOURCE_KEYS) {
      KNOWN_BY_LABEL.put(labelName(key), key);
    }
  }

  private StoreLabels() {}

  /** The label name a store gives an attribute key, such as {@code service_name}. */
  static String labelName(String attributeKey) {
    return LabelValues.labelName(attributeKey);
  }

  /**
   * The resource attribute key a label stands for, when it is a well-known resource key or one of
   * {@code extraKeys}.
   */
  static Optional<String> resourceKey(String label, Collection<String> extraKeys) {
    for (String key : extraKeys) {
      if (labelName(key).equals(label)) {
        return Optional.of(key);
      }
    }
    return Optional.ofNullable(KNOWN_BY_LABEL.get(label));
  }
}
