package io.github.lgtmbootstrap.core.internal;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.instrumentation.resources.HostResourceProvider;
import io.opentelemetry.instrumentation.resources.OsResourceProvider;
import io.opentelemetry.instrumentation.resources.ProcessResourceProvider;
import io.opentelemetry.instrumentation.resources.ProcessRuntimeResourceProvider;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.autoconfigure.spi.ResourceProvider;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.resources.ResourceBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * What we add on top of OpenTelemetry's resource detection (host, OS, process, runtime, container, manifest and
 * jar name come from {@code opentelemetry-resources}): the main class, else the build project's name (under a
 * test runner), as last-resort {@code service.name} (also replacing a name taken from a launcher jar such as
 * surefire's {@code surefirebooter-<timestamp>.jar}),
 * {@code service.version} / {@code deployment.environment.name} from our keys, and scrubbing of credentials
 * from {@code process.command_args} / {@code process.command_line} (the detector only scrubs "password" and
 * "secret"; {@code -Dotel.exporter.otlp.headers=Authorization=...} would otherwise be sent to the backend).
 *
 * <p>Also {@code service.instance.id} (a random UUID unless set), in place of autoconfigure's
 * {@code ServiceInstanceIdResourceProvider}, which {@link SdkAssembly} disables, and the host/OS/process/runtime
 * detectors, which {@link SdkAssembly} disables in autoconfigure and {@link #withDetectors} runs here instead.
 * Autoconfigure merges resources that carry different schema URLs (the instance-id provider's and the service
 * entity of {@code otel.service.name}: 1.40.0; those four detectors: 1.24.0), and each such merge made the SDK log
 * "Attempting to merge Resources with different schemaUrls" at INFO on every {@code init()} that sets a service
 * name. The resource we return has no schema URL (what the SDK's merge concluded too): its attributes come from
 * detectors written against 1.24 and from newer conventions ({@code deployment.environment.name},
 * {@code service.instance.id}), so no single schema version describes them.
 */
public final class ResourceTweaks {

  static final AttributeKey<String> SERVICE_NAME = AttributeKey.stringKey("service.name");
  static final AttributeKey<String> SERVICE_VERSION = AttributeKey.stringKey("service.version");
  static final AttributeKey<String> DEPLOYMENT_ENVIRONMENT =
      AttributeKey.stringKey("deployment.environment.name");
  static final AttributeKey<List<String>> COMMAND_ARGS = AttributeKey.stringArrayKey("process.command_args");
  static final AttributeKey<String> COMMAND_LINE = AttributeKey.stringKey("process.command_line");
  static final AttributeKey<String> SERVICE_INSTANCE_ID = AttributeKey.stringKey("service.instance.id");

  /** Autoconfigure's provider of {@code service.instance.id}, replaced by ours (see the class comment). */
  static final String INSTANCE_ID_PROVIDER = "io.opentelemetry.sdk.autoconfigure.ServiceInstanceIdResourceProvider";
  /** Autoconfigure's lists of resource providers to leave out / to use exclusively. */
  static final String DISABLED_PROVIDERS = "otel.java.disabled.resource.providers";

  static final String ENABLED_PROVIDERS = "otel.java.enabled.resource.providers";

  /** The detectors whose resources carry schema URL 1.24.0: run by {@link #withDetectors}, not by autoconfigure. */
  static final List<ResourceProvider> SCHEMA_1_24_DETECTORS =
      List.of(
          new HostResourceProvider(),
          new OsResourceProvider(),
          new ProcessResourceProvider(),
          new ProcessRuntimeResourceProvider());

  // One argument: everything after '=' (values may contain spaces, e.g. "Authorization=Basic abc").
  private static final Pattern SECRET_ARG =
      Pattern.compile(
          "(-D[^=\\s]*(header|token|password|secret|auth|credential|key)[^=\\s]*=).*",
          Pattern.CASE_INSENSITIVE);
  // A whole command line: up to the next " -" option (over-redacting beats leaking).
  private static final Pattern SECRET_IN_LINE =
      Pattern.compile(
          "(-D[^=\\s]*(header|token|password|secret|auth|credential|key)[^=\\s]*=).*?(?=\\s-|$)",
          Pattern.CASE_INSENSITIVE);

  /** File names (without {@code .jar}) of launcher jars: surefire/failsafe's forked booter. */
  private static final Pattern LAUNCHER_JAR = Pattern.compile("surefirebooter.*");

  /** Launchers whose main class says nothing about the application. */
  private static final Set<String> LAUNCHER_PREFIXES =
      Set.of(
          "org.codehaus.plexus.classworlds.",
          "org.apache.maven.",
          "org.gradle.",
          "worker.org.gradle.",
          "com.intellij.",
          "org.eclipse.jdt.",
          "jdk.internal.",
          "java.",
          "sun.");

  private ResourceTweaks() {}

  /**
   * Applies our resource rules.
   *
   * @param resource what autoconfigure detected
   * @param config our configuration
   * @return the resource to use
   */
  public static Resource apply(Resource resource, LayeredConfig config) {
    AttributesBuilder add = Attributes.builder();
    String name = resource.getAttribute(SERVICE_NAME);
    if (name == null || name.startsWith("unknown_service") || isLauncherJarName(name, javaCommand())) {
      // A launcher (surefire's booter jar, an IDE's test runner, Maven) says nothing about the application and,
      // for surefire, changes every run: prefer the main class, then the project being built, then the SDK's
      // stable unknown_service:java.
      Optional<String> fallback = mainClassName().or(() -> projectName(projectDir()));
      if (fallback.isPresent()) {
        add.put(SERVICE_NAME, fallback.get());
      } else if (name != null && !name.startsWith("unknown_service")) {
        add.put(SERVICE_NAME, "unknown_service:java");
      }
    }
    if (resource.getAttribute(SERVICE_INSTANCE_ID) == null && instanceIdWanted(config)) {
      add.put(SERVICE_INSTANCE_ID, UUID.randomUUID().toString());
    }
    config.get(ConfigKeys.SERVICE_VERSION).ifPresent(v -> add.put(SERVICE_VERSION, v));
    config.get(ConfigKeys.DEPLOYMENT_ENVIRONMENT).ifPresent(v -> add.put(DEPLOYMENT_ENVIRONMENT, v));
    List<String> args = resource.getAttribute(COMMAND_ARGS);
    if (args != null) {
      List<String> scrubbed = new ArrayList<>(args.size());
      for (String a : args) {
        scrubbed.add(scrub(a));
      }
      add.put(COMMAND_ARGS, scrubbed);
    }
    String line = resource.getAttribute(COMMAND_LINE);
    if (line != null) {
      add.put(COMMAND_LINE, SECRET_IN_LINE.matcher(line).replaceAll("$1***"));
    }
    return Resource.builder().putAll(resource.getAttributes()).putAll(add.build()).build();
  }

  /**
   * Adds what the detectors of {@link #SCHEMA_1_24_DETECTORS} find (those the user's provider lists allow) under
   * what autoconfigure detected, without their schema URL: autoconfigure's attributes win, as its own merge
   * order (detectors first, {@code otel.resource.attributes} and {@code otel.service.name} last) would have it.
   *
   * @param resource what autoconfigure detected
   * @param config our configuration, for the user's provider lists
   * @param properties autoconfigure's view of the configuration, handed to the detectors
   * @return the resource with the detectors' attributes
   */
  public static Resource withDetectors(Resource resource, LayeredConfig config, ConfigProperties properties) {
    ResourceBuilder builder = Resource.builder();
    for (ResourceProvider detector : SCHEMA_1_24_DETECTORS) {
      if (wanted(config, detector.getClass().getName())) {
        builder.putAll(detector.createResource(properties).getAttributes());
      }
    }
    return builder.putAll(resource.getAttributes()).build();
  }

  /**
   * The value for {@code otel.java.disabled.resource.providers} that leaves out autoconfigure's instance-id
   * provider and the 1.24-schema detectors (run by {@link #withDetectors} instead) besides the user's own list.
   */
  static String disabledProviders(LayeredConfig config) {
    String user = config.get(DISABLED_PROVIDERS).orElse("").trim();
    StringBuilder list = new StringBuilder(user);
    for (String ours : replacedProviders()) {
      list.append(list.length() == 0 ? "" : ",").append(ours);
    }
    return list.toString();
  }

  private static List<String> replacedProviders() {
    List<String> names = new ArrayList<>();
    names.add(INSTANCE_ID_PROVIDER);
    SCHEMA_1_24_DETECTORS.forEach(d -> names.add(d.getClass().getName()));
    return names;
  }

  /** Whether autoconfigure would have set {@code service.instance.id}: the user did not switch its provider off. */
  private static boolean instanceIdWanted(LayeredConfig config) {
    return wanted(config, INSTANCE_ID_PROVIDER);
  }

  /** Whether autoconfigure would have run a provider: the user's disabled list lacks it, the enabled list has it. */
  private static boolean wanted(LayeredConfig config, String provider) {
    boolean disabled = listed(config.get(DISABLED_PROVIDERS).orElse(""), provider);
    Optional<String> enabled = config.get(ENABLED_PROVIDERS).filter(e -> !e.isBlank());
    return !disabled && (enabled.isEmpty() || listed(enabled.get(), provider));
  }

  private static boolean listed(String list, String provider) {
    return Arrays.stream(list.split(",")).map(String::trim).anyMatch(provider::equals);
  }

  private static String javaCommand() {
    return System.getProperty("sun.java.command", "").trim();
  }

  /**
   * Whether {@code serviceName} is the name OpenTelemetry's jar detector derived from a launcher jar: the JVM was
   * started with {@code java -jar <launcher>.jar} (surefire and failsafe fork with
   * {@code surefirebooter-<timestamp>.jar}) and the name is that jar's file name.
   *
   * @param serviceName the detected service name
   * @param javaCommand the {@code sun.java.command} property
   */
  static boolean isLauncherJarName(String serviceName, String javaCommand) {
    if (javaCommand.isEmpty()) {
      return false;
    }
    String first = javaCommand.split("\\s+")[0];
    if (!first.endsWith(".jar")) {
      return false;
    }
    String file = first.substring(Math.max(first.lastIndexOf('/'), first.lastIndexOf('\\')) + 1);
    String base = file.substring(0, file.length() - ".jar".length());
    return LAUNCHER_JAR.matcher(base).matches() && serviceName.startsWith(base);
  }

  /**
   * The directory of the project whose tests or build run this JVM: {@code basedir} (set by surefire and
   * failsafe in forked test JVMs), else the working directory.
   */
  static Path projectDir() {
    String dir = System.getProperty("basedir");
    if (dir == null || dir.isBlank()) {
      dir = System.getProperty("user.dir", "");
    }
    return Path.of(dir);
  }

  /**
   * The name of the build project in {@code dir}: the {@code artifactId} of its {@code pom.xml} (not the
   * parent's), else the directory name when it holds a Gradle build. Empty when neither exists, so an
   * application started from some random directory never gets that directory's name.
   */
  static Optional<String> projectName(Path dir) {
    try {
      Path pom = dir.resolve("pom.xml");
      if (Files.isRegularFile(pom)) {
        return pomArtifactId(pom);
      }
      if (Files.isRegularFile(dir.resolve("build.gradle"))
          || Files.isRegularFile(dir.resolve("build.gradle.kts"))) {
        Path name = dir.toAbsolutePath().normalize().getFileName();
        return Optional.ofNullable(name).map(Path::toString).filter(n -> !n.isBlank());
      }
    } catch (RuntimeException e) {
      // an unreadable project directory just means no name from it
    }
    return Optional.empty();
  }

  private static Optional<String> pomArtifactId(Path pom) {
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      // A pom has no DTD; refusing one keeps the parser away from external entities.
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      f.setExpandEntityReferences(false);
      Element project = f.newDocumentBuilder().parse(pom.toFile()).getDocumentElement();
      for (Node n = project.getFirstChild(); n != null; n = n.getNextSibling()) {
        if (n instanceof Element && "artifactId".equals(((Element) n).getTagName())) {
          String id = n.getTextContent().trim();
          return id.isEmpty() || id.contains("${") ? Optional.empty() : Optional.of(id);
        }
      }
    } catch (Exception e) {
      // not a readable pom: no name from it
    }
    return Optional.empty();
  }

  /** Replaces the value of credential-looking {@code -D} arguments with {@code ***}. */
  static String scrub(String arg) {
    return SECRET_ARG.matcher(arg).replaceAll("$1***");
  }

  /**
   * The simple name of the application's main class: from {@code sun.java.command} when it names a class,
   * else from the bottom frame of the {@code main} thread. Empty when only a launcher (Maven, Gradle, an IDE,
   * a test runner) is visible.
   */
  static Optional<String> mainClassName() {
    String command = System.getProperty("sun.java.command", "").trim();
    if (!command.isEmpty()) {
      String first = command.split("\\s+")[0];
      if (!first.endsWith(".jar") && !first.endsWith(".war")) {
        String cls = first.contains("/") ? first.substring(first.indexOf('/') + 1) : first;
        if (isApplicationClass(cls)) {
          return Optional.of(simpleName(cls));
        }
      }
    }
    for (Map.Entry<Thread, StackTraceElement[]> e : Thread.getAllStackTraces().entrySet()) {
      if (!"main".equals(e.getKey().getName())) {
        continue;
      }
      StackTraceElement[] frames = e.getValue();
      if (frames.length > 0) {
        StackTraceElement bottom = frames[frames.length - 1];
        if ("main".equals(bottom.getMethodName()) && isApplicationClass(bottom.getClassName())) {
          return Optional.of(simpleName(bottom.getClassName()));
        }
      }
    }
    return Optional.empty();
  }

  private static boolean isApplicationClass(String cls) {
    if (cls.isEmpty() || !Character.isJavaIdentifierStart(cls.charAt(0))) {
      return false;
    }
    for (String p : LAUNCHER_PREFIXES) {
      if (cls.startsWith(p)) {
        return false;
      }
    }
    return !cls.contains("surefire") && !cls.contains("junit");
  }

  private static String simpleName(String cls) {
    int dot = cls.lastIndexOf('.');
    return dot < 0 ? cls : cls.substring(dot + 1);
  }
}
