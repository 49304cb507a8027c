package io.github.lgtmbootstrap.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.github.lgtmbootstrap.testkit.TestSdk.Encoding;
import io.github.lgtmbootstrap.testkit.model.Span;
import io.github.lgtmbootstrap.testkit.query.TelemetryQuery;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * The extension's contract, checked by running small fixture classes inside the test with the JUnit Platform test
 * kit (the fixtures are nested classes, which surefire does not run on its own).
 */
class LgtmExtensionTest {

  @Test
  void testsInOneRunDoNotSeeEachOthersTelemetry() {
    EngineExecutionResults results = run(TwoTestsSharingOneBackend.class);

    assertAllSucceeded(results, 2);
  }

  @Test
  void constructorAndNestedClassesGetTheCurrentTestsWindow() {
    assertAllSucceeded(run(ConstructorInjected.class), 2);
  }

  @Test
  void flushActionsRegisteredInATestLastForThatTestOnly() {
    assertAllSucceeded(run(RegistersFlushActions.class), 2);
  }

  @Test
  void closesTheBackendWhenTheRunEnds() {
    assertAllSucceeded(run(TwoTestsSharingOneBackend.class), 2);

    java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(
            java.net.URI.create(TwoTestsSharingOneBackend.firstEndpoint + "/v1/traces"))
        .timeout(Duration.ofSeconds(5))
        .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(new byte[0]))
        .build();
    assertThatThrownBy(() -> java.net.http.HttpClient.newHttpClient()
        .send(request, java.net.http.HttpResponse.BodyHandlers.discarding()))
        .isInstanceOf(java.net.ConnectException.class);
  }

  @Test
  void setsExporterPropertiesForTheClassAndRestoresThemAfterwards() {
    String before = System.getProperty("otel.exporter.otlp.endpoint");
    System.setProperty("otel.exporter.otlp.endpoint", "http://sentinel.invalid:1");
    try {
      assertAllSucceeded(run(ReadsSystemProperties.class), 1);

      assertThat(System.getProperty("otel.exporter.otlp.endpoint")).isEqualTo("http://sentinel.invalid:1");
      assertThat(System.getProperty("otel.exporter.otlp.protocol")).isNull();
      assertThat(System.getProperty("otel.metric.export.interval")).isNull();
    } finally {
      restore("otel.exporter.otlp.endpoint", before);
    }
  }

  @Test
  void unknownBackendKindFailsListingTheAllowedValues() {
    withProperty(LgtmExtension.BACKEND_KEY, "docker", () -> {
      EngineExecutionResults results = run(ReadsSystemProperties.class);

      assertThat(failures(results)).singleElement().satisfies(failure -> {
        assertThat(failure).isInstanceOf(ExtensionConfigurationException.class);
        assertThat(failure).hasMessage("system property lgtm.testkit.backend 'docker' is not a backend kind; "
            + "use one of: embedded, container, external, auto");
      });
    });
  }

  @Test
  void containerBackendWithoutDockerSkipsTheTestsWithTheReason() {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        io.github.lgtmbootstrap.testkit.container.ContainerBackend.unavailableReason().isPresent(),
        "Docker is available here: this checks the behaviour without it");
    withProperty(LgtmExtension.BACKEND_KEY, "container", () -> {
      EngineExecutionResults results = run(ReadsSystemProperties.class);

      // the class is aborted in beforeAll (reported skipped with the reason); nothing fails
      assertThat(failures(results)).isEmpty();
      results.testEvents().assertStatistics(stats -> stats.failed(0).succeeded(0));
      assertThat(results.allEvents().aborted().stream().map(Event::getPayload).flatMap(p -> p.stream())
          .map(p -> ((org.junit.platform.engine.TestExecutionResult) p).getThrowable().orElseThrow().getMessage()))
          .singleElement().asString().contains("Docker is not available").contains("lgtm.testkit.backend=auto");
    });
  }

  @Test
  void autoFallsBackToEmbeddedWithoutDocker() {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        io.github.lgtmbootstrap.testkit.container.ContainerBackend.unavailableReason().isPresent(),
        "Docker is available here: auto would start a container");
    withProperty(LgtmExtension.BACKEND_KEY, "auto", () -> assertAllSucceeded(run(ReadsSystemProperties.class), 1));
  }

  @Test
  void externalBackendWithoutUrlsFailsListingEveryMissingKey() {
    withProperty(LgtmExtension.BACKEND_KEY, "external", () -> assertThat(failures(run(ReadsSystemProperties.class)))
        .singleElement().satisfies(failure -> assertThat(failure)
            .isInstanceOf(ExtensionConfigurationException.class)
            .hasMessageContaining("lgtm.testkit.external.otlp.endpoint is missing")
            .hasMessageContaining("lgtm.testkit.external.tempo.url is missing")
            .hasMessageContaining("lgtm.testkit.external.loki.url is missing")
            .hasMessageContaining("lgtm.testkit.external.prometheus.url is missing")));
  }

  @Test
  void externalKeysTypedWithDashesAreReadAsTheirDottedForm() {
    withProperty(LgtmExtension.BACKEND_KEY, "external", () ->
        withProperty("lgtm.testkit.external.otlp-endpoint", "http://127.0.0.1:4318", () ->
            withProperty("lgtm.testkit.external.tempo-url", "tempo:3200", () ->
                assertThat(failures(run(ReadsSystemProperties.class))).singleElement().satisfies(failure ->
                    assertThat(failure)
                        .hasMessageNotContaining("otlp.endpoint is missing")
                        .hasMessageContaining("system property lgtm.testkit.external.tempo-url 'tempo:3200' is not "
                            + "an http(s) URL")
                        .hasMessageContaining("lgtm.testkit.external.loki.url is missing")))));
  }

  @Test
  void timeoutComesFromTheSystemPropertyAndBadValuesAreExplained() {
    withProperty(LgtmExtension.TIMEOUT_KEY, "750ms", () -> assertAllSucceeded(run(ExpectsTimeout.class), 1));
    withProperty(LgtmExtension.TIMEOUT_KEY, "soon", () -> assertThat(failures(run(ExpectsTimeout.class)))
        .singleElement().satisfies(failure -> assertThat(failure)
            .hasMessage("system property lgtm.testkit.timeout 'soon' is not a positive duration; "
                + "use such as 500ms, 10s, 2m, 1h or PT10S")));
  }

  @Test
  void builderListsEveryInvalidSetting() {
    assertThatThrownBy(() -> LgtmExtension.builder().setPort(70000).setCapacity(0).setTimeout(Duration.ZERO)
        .setBackend("k8s").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'k8s' is not a backend kind")
        .hasMessageContaining("port 70000 is out of range")
        .hasMessageContaining("capacity 0 must be at least 1")
        .hasMessageContaining("timeout PT0S must be positive");
  }

  @Test
  void runIdMatchingHidesTelemetryFromOtherRuns() {
    assertAllSucceeded(run(MatchesRunId.class), 1);
  }

  private static EngineExecutionResults run(Class<?> fixture) {
    return EngineTestKit.engine("junit-jupiter").selectors(selectClass(fixture)).execute();
  }

  private static void assertAllSucceeded(EngineExecutionResults results, int tests) {
    assertThat(failures(results)).as("failures of the fixture").isEmpty();
    results.testEvents().assertStatistics(stats -> stats.started(tests).succeeded(tests));
  }

  private static List<Throwable> failures(EngineExecutionResults results) {
    return results.allEvents().failed().stream()
        .map(Event::getPayload)
        .flatMap(payload -> payload.stream())
        .map(payload -> ((org.junit.platform.engine.TestExecutionResult) payload).getThrowable().orElseThrow())
        .toList();
  }

  private static void withProperty(String key, String value, Runnable body) {
    String before = System.getProperty(key);
    System.setProperty(key, value);
    try {
      body.run();
    } finally {
      restore(key, before);
    }
  }

  private static void restore(String key, String value) {
    if (value == null) {
      System.clearProperty(key);
    } else {
      System.setProperty(key, value);
    }
  }

  private static void emit(OpenTelemetrySdk sdk, String spanName) {
    sdk.getTracer("fixture").spanBuilder(spanName).startSpan().end();
  }

  @LgtmTest
  @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
  static class TwoTestsSharingOneBackend {
    static OpenTelemetrySdk sdk;
    static String firstEndpoint;

    @BeforeAll
    static void startSdk(LgtmBackend lgtm) {
      sdk = TestSdk.create(lgtm.otlpEndpoint(), Encoding.PROTOBUF, "isolation");
      lgtm.addSdk(sdk);
    }

    @AfterAll
    static void closeSdk() {
      sdk.close();
    }

    @Test
    @Order(1)
    void first(LgtmBackend lgtm) {
      firstEndpoint = lgtm.otlpEndpoint();
      emit(sdk, "first");
      lgtm.assertTraces().hasSpan("first");
    }

    @Test
    @Order(2)
    void second(LgtmBackend lgtm) {
      emit(sdk, "second");
      lgtm.assertTraces().hasSpan("second");
      lgtm.assertTraces().hasNoSpan("first");
      assertThat(lgtm.spans()).extracting(Span::name).containsExactly("second");
      // Same backend, and "first" is still stored: the window, not an empty store, hides it.
      assertThat(lgtm.otlpEndpoint()).isEqualTo(firstEndpoint);
      assertThat(lgtm.source().spans(TelemetryQuery.since(Instant.EPOCH)).items()).extracting(Span::name)
          .contains("first", "second");
    }
  }

  @LgtmTest
  @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
  static class ConstructorInjected {
    static OpenTelemetrySdk sdk;
    private final LgtmBackend lgtm;

    ConstructorInjected(LgtmBackend lgtm) {
      this.lgtm = lgtm;
    }

    @BeforeAll
    static void startSdk(LgtmBackend lgtm) {
      sdk = TestSdk.create(lgtm.otlpEndpoint(), Encoding.PROTOBUF, "constructor");
      lgtm.addSdk(sdk);
    }

    @AfterAll
    static void closeSdk() {
      sdk.close();
    }

    @Test
    @Order(1)
    void emitsOne() {
      emit(sdk, "outer");
      lgtm.assertTraces().hasSpan("outer");
    }

    @org.junit.jupiter.api.Nested
    class Inner {
      @Test
      void seesOnlyItsOwn(LgtmBackend inner) {
        emit(sdk, "inner");
        inner.assertTraces().hasSpan("inner");
        inner.assertTraces().hasNoSpan("outer");
        assertThat(inner.otlpEndpoint()).isEqualTo(lgtm.otlpEndpoint());
      }
    }
  }

  @LgtmTest
  @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
  static class RegistersFlushActions {
    static final java.util.concurrent.atomic.AtomicInteger CLASS_WIDE = new java.util.concurrent.atomic.AtomicInteger();
    static final java.util.concurrent.atomic.AtomicInteger FIRST_TEST = new java.util.concurrent.atomic.AtomicInteger();

    @BeforeAll
    static void registerForClass(LgtmBackend lgtm) {
      lgtm.addFlushAction(CLASS_WIDE::incrementAndGet);
    }

    @org.junit.jupiter.api.BeforeEach
    void registerForTest(LgtmBackend lgtm, org.junit.jupiter.api.TestInfo info) {
      if (info.getDisplayName().startsWith("first")) {
        lgtm.addFlushAction(FIRST_TEST::incrementAndGet);
      }
    }

    @Test
    @Order(1)
    void first(LgtmBackend lgtm) {
      lgtm.flush();
      assertThat(FIRST_TEST).hasValue(1);
      // class-wide actions also run when each test starts (so leftovers land before its window opens)
      assertThat(CLASS_WIDE).hasValue(2);
    }

    @Test
    @Order(2)
    void second(LgtmBackend lgtm) {
      lgtm.flush();
      assertThat(FIRST_TEST).hasValue(1);
      assertThat(CLASS_WIDE).hasValue(4);
    }
  }

  @LgtmTest
  static class ReadsSystemProperties {
    @Test
    void propertiesPointAtTheBackend(LgtmBackend lgtm) {
      assertThat(System.getProperty("otel.exporter.otlp.endpoint")).isEqualTo(lgtm.otlpEndpoint())
          .startsWith("http://127.0.0.1:");
      assertThat(System.getProperty("otel.exporter.otlp.protocol")).isEqualTo("http/protobuf");
      assertThat(System.getProperty("otel.bsp.schedule.delay")).isEqualTo("100ms");
      assertThat(System.getProperty("otel.blrp.schedule.delay")).isEqualTo("100ms");
      assertThat(System.getProperty("otel.metric.export.interval")).isEqualTo("2s");
      assertThat(System.getProperty("otel.resource.attributes")).endsWith("lgtm.test.run.id=" + lgtm.runId());
      assertThat(lgtm.exporterEnvironment()).containsEntry("OTEL_EXPORTER_OTLP_ENDPOINT", lgtm.otlpEndpoint());
      assertThat(System.getProperty("lgtm.jmx.enabled")).isEqualTo("true");
      assertThat(lgtm.exporterEnvironment()).containsEntry("LGTM_JMX_ENABLED", "true");
      assertThat(lgtm.otlpTracesEndpoint()).isEqualTo(lgtm.otlpEndpoint() + "/v1/traces");
      assertThat(lgtm.kind()).isEqualTo("embedded");
    }
  }

  @LgtmTest
  static class ExpectsTimeout {
    @Test
    void timeoutIsConfigured(LgtmBackend lgtm) {
      assertThat(lgtm.timeout()).isEqualTo(Duration.ofMillis(750));
    }
  }

  static class MatchesRunId {
    static OpenTelemetrySdk tagged;

    @RegisterExtension
    static final LgtmExtension LGTM = LgtmExtension.builder()
        .setRunIdMatching(true)
        .setExporterProperties(false)
        .addSdk(() -> tagged)
        .build();

    @Test
    void seesOnlyItsRun(LgtmBackend lgtm) {
      tagged = TestSdk.create(lgtm.otlpEndpoint(), Encoding.PROTOBUF, "tagged",
          LgtmExtension.RUN_ID_ATTRIBUTE, lgtm.runId());
      OpenTelemetrySdk foreign = TestSdk.create(lgtm.otlpEndpoint(), Encoding.PROTOBUF, "foreign",
          LgtmExtension.RUN_ID_ATTRIBUTE, "another-run");
      try {
        emit(foreign, "foreignSpan");
        foreign.getSdkTracerProvider().forceFlush().join(5, java.util.concurrent.TimeUnit.SECONDS);
        emit(tagged, "taggedSpan");

        lgtm.assertTraces().hasSpan("taggedSpan").withResourceAttribute("lgtm.test.run.id", lgtm.runId());
        lgtm.assertTraces().hasNoSpan("foreignSpan");
        assertThat(lgtm.source().spans(TelemetryQuery.since(lgtm.testStart())).items()).extracting(Span::name)
            .contains("foreignSpan");
      } finally {
        foreign.close();
        tagged.close();
      }
    }
  }

}
