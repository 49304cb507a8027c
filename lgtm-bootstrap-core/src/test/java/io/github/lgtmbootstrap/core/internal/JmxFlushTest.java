package io.github.lgtmbootstrap.core.internal;

import io.github.lgtmbootstrap.core.ExportCounts;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

/** The registration when it runs later (on its daemon thread in an app without an MBean server yet). */
class JmxFlushTest {

  private static final MBeanServer SERVER = ManagementFactory.getPlatformMBeanServer();

  @Test
  void aDeferredRegistrationDelegatesToTheFlushAndIsUndoneByUnregister() throws Exception {
    List<Runnable> later = new ArrayList<>();
    List<Duration> flushed = new CopyOnWriteArrayList<>();
    JmxFlush bean = JmxFlush.register("deferred", d -> flushed.add(d), () -> ExportCounts.NONE, later::add);
    assertThat(bean.name()).as("not registered before the executor ran it").isNull();

    later.forEach(Runnable::run);
    ObjectName name = bean.name();
    assertThat(name).isNotNull();
    assertThat(SERVER.isRegistered(name)).isTrue();
    assertThat(SERVER.invoke(name, "forceFlush", new Object[] {1500L}, new String[] {"long"})).isEqualTo(true);
    assertThat(flushed).containsExactly(Duration.ofMillis(1500));

    bean.unregister();
    assertThat(SERVER.isRegistered(name)).isFalse();
    bean.unregister(); // idempotent
  }

  @Test
  void unregisterBeforeADeferredRegistrationRanLeavesNothingRegistered() throws Exception {
    List<Runnable> later = new ArrayList<>();
    JmxFlush bean = JmxFlush.register("closed-early", d -> true, () -> ExportCounts.NONE, later::add);
    bean.unregister();
    later.forEach(Runnable::run);
    assertThat(bean.name()).isNull();
    assertThat(SERVER.queryNames(new ObjectName("io.github.lgtmbootstrap:type=TelemetryFlush,*"), null))
        .noneMatch(n -> n.getKeyProperty("id").contains("closed-early"));
  }

  @Test
  void idsWithSpecialCharactersAreQuoted() throws Exception {
    assertThat(JmxFlush.objectName("3-checkout").toString())
        .isEqualTo("io.github.lgtmbootstrap:type=TelemetryFlush,id=3-checkout");
    assertThat(JmxFlush.objectName("4-a,b=c").getKeyProperty("id")).isEqualTo("\"4-a,b=c\"");
  }
}
