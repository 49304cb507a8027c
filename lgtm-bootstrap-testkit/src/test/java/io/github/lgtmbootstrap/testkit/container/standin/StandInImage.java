package io.github.lgtmbootstrap.testkit.container.standin;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Image;
import io.github.lgtmbootstrap.testkit.embedded.ArrivalRecordingReceiver;
import io.github.lgtmbootstrap.testkit.fixtures.RecordedExchanges;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.images.builder.ImageFromDockerfile;

/**
 * Builds the otel-lgtm stand-in image from what this machine already has, no registry needed: a Java runtime made
 * with {@code jlink} from the JDK running the tests (or that JDK copied whole), the system libraries it links
 * (found with {@code ldd}), the testkit's classes and its dependencies, and the stand-in's own classes and
 * fixtures; {@code FROM scratch}, built through the engine's API (Docker or podman). The tag is a hash of those
 * contents, so an unchanged build reuses the image; older tags of the stand-in are removed.
 */
public final class StandInImage {

  /** The repository of every stand-in image; the tag is the content hash. */
  public static final String REPOSITORY = "localhost/lgtm-bootstrap-otel-lgtm-standin";

  /** Bump when the recipe below changes in a way the hashed contents do not show. */
  private static final String RECIPE = "standin-recipe-1";

  private static final List<String> MODULES =
      List.of("java.base", "java.logging", "jdk.httpserver", "jdk.unsupported", "java.management");
  private static final List<String> UNUSED = List.of("org.testcontainers.DockerClientFactory",
      "org.testcontainers.grafana.LgtmStackContainer", "net.bytebuddy.ByteBuddy",
      "com.github.dockerjava.zerodep.ZerodepDockerHttpClient", "com.github.dockerjava.api.DockerClient",
      "com.sun.jna.Native", "org.apache.commons.compress.archivers.ArchiveEntry");
  private static final Pattern LIBRARY = Pattern.compile("(?:=>\\s+)?(/\\S+)\\s+\\(0x");
  private static final Logger LOGGER = Logger.getLogger(StandInImage.class.getName());
  private static final Map<FixtureSet, String> BUILT = new ConcurrentHashMap<>();

  private StandInImage() {}

  /**
   * Why the stand-in image cannot be built here, if it cannot: it is made of this machine's JDK and libraries,
   * which run in a (Linux) container only when this machine runs Linux, and {@code ldd} finds those libraries.
   *
   * @return the reason, empty when it can be built
   */
  public static Optional<String> unbuildableReason() {
    String os = System.getProperty("os.name", "");
    if (!os.toLowerCase(Locale.ROOT).contains("linux")) {
      return Optional.of("the otel-lgtm stand-in image is made from this machine's JDK, which runs in a Linux "
          + "container only on Linux (this is " + os + ")");
    }
    boolean ldd = Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
        .anyMatch(dir -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, "ldd")));
    return ldd ? Optional.empty()
        : Optional.of("ldd is not on the PATH; the otel-lgtm stand-in image needs it to find the JDK's libraries");
  }

  /**
   * The stand-in image playing one fixture set, built on first use.
   *
   * @param fixtures which recordings its stores answer with
   * @return the image name with tag
   */
  public static synchronized String get(FixtureSet fixtures) {
    String base = BUILT.computeIfAbsent(FixtureSet.OTEL_LGTM_0_31_0, unused -> build());
    if (fixtures == FixtureSet.OTEL_LGTM_0_31_0) {
      return base;
    }
    return BUILT.computeIfAbsent(fixtures, unused -> {
      String image = base + "-" + fixtures.name().toLowerCase(Locale.ROOT).replace('_', '-');
      if (!exists(DockerClientFactory.lazyClient(), image)) {
        new ImageFromDockerfile(image, false)
            .withFileFromString("Dockerfile", "FROM " + base + "\nENV LGTM_STANDIN_FIXTURES=" + fixtures.name() + "\n")
            .get();
      }
      return image;
    });
  }

  private static String build() {
    try {
      Path testClasses = Path.of(StandInImage.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      Map<String, Path> app = appFiles(testClasses);
      String tag = hash(app);
      String image = REPOSITORY + ":" + tag;
      DockerClient docker = DockerClientFactory.lazyClient();
      if (exists(docker, image)) {
        return image;
      }
      long started = System.nanoTime();
      Path work = (Files.isDirectory(Path.of("target"))
          ? Files.createTempDirectory(Path.of("target"), "otel-lgtm-standin")
          : Files.createTempDirectory("otel-lgtm-standin")).toAbsolutePath();
      try {
        Path rootfs = work.resolve("rootfs");
        runtime(rootfs.resolve("jre"));
        for (Map.Entry<String, Path> file : app.entrySet()) {
          copy(file.getValue(), rootfs.resolve("app").resolve(file.getKey()));
        }
        Files.createDirectories(rootfs.resolve("tmp"));
        Files.writeString(Files.createDirectories(rootfs.resolve("otel-lgtm")).resolve("tempo-config.yaml"),
            "# The stand-in's own Tempo configuration, like the image's: no query_end_cutoff (Tempo 3: 30s)\n"
            + "server:\n  http_listen_port: 3200\n");
        String dockerfile = "FROM scratch\nCOPY rootfs/ /\n"
            + "CMD [\"/jre/bin/java\", \"-Xmx96m\", \"-XX:+UseSerialGC\", \"-XX:TieredStopAtLevel=1\", \"-cp\", "
            + "\"/app/classes:/app/lib/*\", \"" + OtelLgtmStandIn.class.getName() + "\"]\n";
        new ImageFromDockerfile(image, false)
            .withFileFromPath("rootfs", rootfs)
            .withFileFromString("Dockerfile", dockerfile)
            .get();
        LOGGER.info("Built " + image + " in " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started) + " ms");
      } finally {
        delete(work);
      }
      removeOtherTags(docker, image);
      return image;
    } catch (IOException e) {
      throw new UncheckedIOException("building the otel-lgtm stand-in image failed", e);
    } catch (URISyntaxException | InterruptedException e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      throw new IllegalStateException("building the otel-lgtm stand-in image failed: " + e, e);
    }
  }

  /**
   * What goes under {@code /app}: every directory on the class path except the test classes (the testkit's
   * classes), the stand-in's own classes, the fixture classes it shares with the remote tests and the fixtures from the test classes, and every jar.
   */
  private static Map<String, Path> appFiles(Path testClasses) throws IOException {
    Map<String, Path> files = new TreeMap<>();
    Set<String> entries = new LinkedHashSet<>(List.of(System.getProperty("java.class.path").split(File.pathSeparator)));
    Set<Path> unused = unusedJars();
    for (String entry : entries) {
      Path path = Path.of(entry).toAbsolutePath();
      if (entry.isEmpty() || !Files.exists(path) || path.equals(testClasses.toAbsolutePath())
          || unused.contains(path)) {
        continue;
      }
      if (Files.isDirectory(path)) {
        addTree(files, path, "classes", p -> true);
      } else if (path.toString().endsWith(".jar") && !path.getFileName().toString().startsWith("surefire")) {
        files.put("lib/" + files.size() + "-" + path.getFileName(), path);
      }
    }
    String standIn = OtelLgtmStandIn.class.getPackageName().replace('.', '/') + "/";
    String receiver = ArrivalRecordingReceiver.class.getName().replace('.', '/');
    String shared = RecordedExchanges.class.getPackageName().replace('.', '/') + "/";
    addTree(files, testClasses, "classes", p -> p.startsWith(standIn) || p.startsWith(receiver)
        || p.startsWith(shared) || p.startsWith("fixtures/"));
    return files;
  }

  /** The largest jars on the test class path that the stand-in never loads (Testcontainers and its helpers). */
  private static Set<Path> unusedJars() {
    Set<Path> jars = new LinkedHashSet<>();
    for (String type : UNUSED) {
      try {
        Path jar = Path.of(Class.forName(type, false, StandInImage.class.getClassLoader())
            .getProtectionDomain().getCodeSource().getLocation().toURI()).toAbsolutePath();
        if (!Files.isDirectory(jar)) {
          jars.add(jar);
        }
      } catch (ClassNotFoundException | URISyntaxException | RuntimeException e) {
        LOGGER.fine("Keeping the jar of " + type + ": " + e);
      }
    }
    return jars;
  }

  private static void addTree(Map<String, Path> files, Path root, String prefix,
      Predicate<String> include) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path file : walk.filter(Files::isRegularFile).toList()) {
        String relative = root.relativize(file).toString().replace(File.separatorChar, '/');
        if (include.test(relative)) {
          files.put(prefix + "/" + relative, file);
        }
      }
    }
  }

  private static String hash(Map<String, Path> app) throws IOException {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update((RECIPE + "|" + System.getProperty("java.home") + "|"
          + System.getProperty("java.vm.version")).getBytes(StandardCharsets.UTF_8));
      for (Map.Entry<String, Path> file : app.entrySet()) {
        digest.update(file.getKey().getBytes(StandardCharsets.UTF_8));
        digest.update(Files.readAllBytes(file.getValue()));
      }
      return HexFormat.of().formatHex(digest.digest()).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A small runtime made with jlink, else the running JDK copied; plus the system libraries it links. */
  private static void runtime(Path jre) throws IOException, InterruptedException {
    Path javaHome = Path.of(System.getProperty("java.home"));
    Path jlink = javaHome.resolve("bin/jlink");
    boolean linked = Files.isExecutable(jlink) && run(List.of(jlink.toString(), "--add-modules",
        String.join(",", MODULES), "--strip-debug", "--no-header-files", "--no-man-pages", "--output",
        jre.toString())).exitCode() == 0;
    if (!linked) {
      LOGGER.info("jlink unavailable or failed; copying " + javaHome + " whole into the stand-in image");
      delete(jre);
      try (Stream<Path> walk = Files.walk(javaHome)) {
        for (Path file : walk.filter(Files::isRegularFile).toList()) {
          copy(file, jre.resolve(javaHome.relativize(file).toString()));
        }
      }
    }
    Set<String> libraries = new LinkedHashSet<>();
    List<Path> binaries = new ArrayList<>(List.of(jre.resolve("bin/java")));
    try (Stream<Path> walk = Files.walk(jre)) {
      walk.filter(p -> p.getFileName().toString().endsWith(".so")).forEach(binaries::add);
    }
    for (Path binary : binaries) {
      Result ldd = run(List.of("ldd", binary.toString()));
      Matcher matcher = LIBRARY.matcher(ldd.output());
      while (matcher.find()) {
        String library = matcher.group(1);
        if (!Path.of(library).normalize().startsWith(jre)) {
          libraries.add(library);
        }
      }
    }
    if (libraries.isEmpty()) {
      throw new IOException("ldd found no system libraries for " + jre.resolve("bin/java")
          + "; the stand-in image needs a glibc-linked JDK on Linux");
    }
    Path rootfs = jre.getParent();
    for (String library : libraries) {
      copy(Path.of(library), rootfs.resolve(library.substring(1)));
    }
  }

  private record Result(int exitCode, String output) {}

  private static Result run(List<String> command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(5, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new IOException(String.join(" ", command) + " did not finish in 5 minutes");
    }
    if (process.exitValue() != 0) {
      LOGGER.warning(String.join(" ", command) + " exited with " + process.exitValue() + ": " + output);
    }
    return new Result(process.exitValue(), output);
  }

  private static boolean exists(DockerClient docker, String image) {
    try {
      docker.inspectImageCmd(image).exec();
      return true;
    } catch (NotFoundException e) {
      return false;
    }
  }

  /** Stand-in images of earlier contents are of no further use; removing them keeps the image store small. */
  private static void removeOtherTags(DockerClient docker, String keep) {
    try {
      for (Image image : docker.listImagesCmd().withReferenceFilter(REPOSITORY).exec()) {
        String[] tags = image.getRepoTags() == null ? new String[0] : image.getRepoTags();
        for (String tag : tags) {
          if (tag.startsWith(REPOSITORY + ":") && !tag.startsWith(keep)) {
            docker.removeImageCmd(tag).withForce(false).exec();
          }
        }
      }
    } catch (RuntimeException e) {
      LOGGER.fine("Removing older stand-in images failed: " + e);
    }
  }

  private static void copy(Path from, Path to) throws IOException {
    Files.createDirectories(to.getParent());
    Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
  }

  private static void delete(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
