package io.github.lgtmbootstrap.logback.internal;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.util.ContextInitializer;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import io.github.lgtmbootstrap.logback.InMemorySdk;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Pre-init capture, the logback Configurator and stop/reset cycles, each on a fresh LoggerContext. */
class EarlyWiringTest {

  private final InMemorySdk sdk = new InMemorySdk();
  private final LoggerContext context = newContext();

  private static LoggerContext newContext() {
    LoggerContext context = new LoggerContext();
    context.setMDCAdapter(new LogbackMDCAdapter());
    context.setName("test-" + System.nanoTime());
    context.start();
    return context;
  }

  @AfterEach
  void cleanUp() {
    Wiring.find(context).ifPresent(Wiring::uninstall);
    context.stop();
    sdk.close();
  }

  private static LogbackOptions options(Map<String, String> settings) {
    return LogbackOptions.resolve(key -> Optional.ofNullable(settings.get(key)));
  }

  @Test
  void linesLoggedBeforeInstallArriveAtInstallInOrder() {
    LogbackOptions withThread = options(Map.of("lgtm.logback.thread", "true"));
    Wiring.attachEarly(context, withThread);
    Logger log = context.getLogger("boot");
    log.info("starting {}", "app");
    log.warn("config file missing");

    assertThat(sdk.records()).isEmpty();
    Wiring.install(context, withThread, sdk.sdk);

    assertThat(sdk.records()).as("records received:\n%s", InMemorySdk.bodies(sdk.records()))
        .extracting(r -> r.getBodyValue().asString()).containsExactly("starting app", "config file missing");
    assertThat(sdk.records().get(0).getAttributes().asMap().toString()).contains("thread.name");
    log.info("after install");
    assertThat(sdk.records()).hasSize(3);
  }

  @Test
  void preinitBufferIsBoundedAndOverflowIsCountedNotPrinted() {
    PrintStream originalErr = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      Wiring.attachEarly(context, options(Map.of("lgtm.logback.preinit.buffer", "3")));
      Logger log = context.getLogger("boot");
      for (int i = 0; i < 5; i++) {
        log.info("early {}", i);
      }
      Wiring wiring = Wiring.install(context, options(Map.of("lgtm.logback.preinit.buffer", "3")), sdk.sdk);

      assertThat(sdk.records()).extracting(r -> r.getBodyValue().asString())
          .containsExactly("early 0", "early 1", "early 2");
      assertThat(Wiring.find(context)).containsSame(wiring);
    } finally {
      System.setErr(originalErr);
    }
    assertThat(err.toString(StandardCharsets.UTF_8)).doesNotContain("numLogsCapturedBeforeOtelInstall");
  }

  @Test
  void preinitLinesSurviveAResetBeforeInstall() {
    Wiring.attachEarly(context, LogbackOptions.defaults());
    context.getLogger("boot").info("before reset");
    context.reset(); // e.g. Spring Boot re-initialising logback before the app calls Lgtm.init()
    context.getLogger("boot").info("after reset");
    Wiring.install(context, LogbackOptions.defaults(), sdk.sdk);

    assertThat(sdk.records()).extracting(r -> r.getBodyValue().asString())
        .containsExactly("before reset", "after reset");
  }

  @Test
  void installWithOtherOptionsReplaysEarlyLinesAndUsesTheNewOptions() {
    Wiring.attachEarly(context, LogbackOptions.defaults());
    context.getLogger("boot").info("early");
    Wiring.install(context, options(Map.of("lgtm.logback.thread", "true")), sdk.sdk);
    context.getLogger("app").info("late");

    assertThat(sdk.records()).extracting(r -> r.getBodyValue().asString()).containsExactly("early", "late");
    assertThat(sdk.records().get(0).getAttributes().asMap().toString()).doesNotContain("thread.name");
    assertThat(sdk.records().get(1).getAttributes().asMap().toString()).contains("thread.name");
    assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender(LgtmRootAppender.NAME)).isNotNull();
  }

  @Test
  void configuratorAttachesEarlyAndKeepsTheUserConfiguration() throws Exception {
    // logback-test.xml of this module declares a ConsoleAppender named CONSOLE.
    new ContextInitializer(context).autoConfig();
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);

    assertThat(root.getAppender(LgtmRootAppender.NAME)).as("lgtm's appender").isNotNull();
    assertThat(root.getAppender("CONSOLE")).as("the user's appender from logback-test.xml").isNotNull();
    context.getLogger("boot").info("logged during start-up");
    Wiring.install(context, LogbackOptions.defaults(), sdk.sdk);
    assertThat(sdk.records()).extracting(r -> r.getBodyValue().asString()).contains("logged during start-up");
  }

  @Test
  void wiringComesBackAfterStopResetAndXmlReconfiguration() throws Exception {
    Wiring.install(context, LogbackOptions.defaults(), sdk.sdk);
    // Spring Boot's sequence when it (re)configures logback from an XML file.
    context.stop();
    context.reset();
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    configurator.doConfigure(new ByteArrayInputStream((
        "<configuration><appender name='NOP' class='ch.qos.logback.core.helpers.NOPAppender'/>"
            + "<root level='INFO'><appender-ref ref='NOP'/></root></configuration>")
        .getBytes(StandardCharsets.UTF_8)));
    context.start();

    context.getLogger("app").info("after reconfiguration");
    assertThat(sdk.records()).extracting(r -> r.getBodyValue().asString()).containsExactly("after reconfiguration");
    assertThat(context.getCopyOfListenerList()).anyMatch(l -> l instanceof Wiring);
  }

  @Test
  void wiringComesBackAfterStopResetAndProgrammaticReconfiguration() {
    Wiring.install(context, LogbackOptions.defaults(), sdk.sdk);
    // Spring Boot's sequence without an XML file: stop, reset, appenders configured in code, start.
    context.stop();
    context.reset();
    ch.qos.logback.classic.encoder.PatternLayoutEncoder encoder =
        new ch.qos.logback.classic.encoder.PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern("%msg%n");
    encoder.start();
    ch.qos.logback.core.ConsoleAppender<ch.qos.logback.classic.spi.ILoggingEvent> console =
        new ch.qos.logback.core.ConsoleAppender<>();
    console.setContext(context);
    console.setEncoder(encoder);
    console.setName("CONSOLE");
    console.start();
    context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(console);
    context.start();

    context.getLogger("app").info("after programmatic reconfiguration");
    assertThat(sdk.records()).extracting(r -> r.getBodyValue().asString())
        .containsExactly("after programmatic reconfiguration");
    assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender(LgtmRootAppender.NAME)).isNotNull();
  }

  @Test
  void springBootsLevelSettingAfterStopAndResetDoesNotBreakLogback() {
    Wiring.attachEarly(context, LogbackOptions.defaults());
    // Spring Boot's LogbackLoggingSystem: stop, reset, a LevelChangePropagator added (not started) because the
    // JUL bridge is installed, then logging.level.* applied with Logger.setLevel. The propagator reports a status
    // from inside logback's loop over its listeners; re-registering our wiring right there was a
    // ConcurrentModificationException ("Logging system failed to initialize").
    context.stop();
    context.reset();
    ch.qos.logback.classic.jul.LevelChangePropagator propagator =
        new ch.qos.logback.classic.jul.LevelChangePropagator();
    propagator.setContext(context);
    context.addListener(propagator);
    context.getLogger("org.example").setLevel(ch.qos.logback.classic.Level.DEBUG);
    context.getLogger("org.example.web").setLevel(ch.qos.logback.classic.Level.WARN);
    context.start();

    Wiring.install(context, LogbackOptions.defaults(), sdk.sdk);
    context.getLogger("org.example.web").info("filtered by logging.level");
    context.getLogger("org.example.web").warn("kept");
    assertThat(sdk.records()).extracting(r -> r.getBodyValue().asString()).containsExactly("kept");
    assertThat(context.getCopyOfListenerList()).filteredOn(l -> l instanceof Wiring).hasSize(1);
    assertThat(java.util.logging.Logger.getLogger("org.example").getLevel())
        .isEqualTo(java.util.logging.Level.FINE);
  }

  @Test
  void installAfterAStopWithoutReconfigurationReusesTheWiring() {
    Wiring first = Wiring.install(context, LogbackOptions.defaults(), sdk.sdk);
    context.stop(); // drops every context listener; nothing reconfigures the context afterwards
    context.reset();
    context.start();
    Wiring second = Wiring.install(context, LogbackOptions.defaults(), sdk.sdk);

    assertThat(second).isSameAs(first);
    context.getLogger("app").info("once");
    assertThat(sdk.records()).extracting(r -> r.getBodyValue().asString()).containsExactly("once");
  }
}
