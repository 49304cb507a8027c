package io.github.lgtmbootstrap.examples.httpservice;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One service in its own JVM, as in production: its own {@code Lgtm.init()}, its own {@code service.name}. The
 * output goes to {@code target/<name>.log}; the URL is taken from its "listening on" line.
 */
final class ServiceProcess implements AutoCloseable {

  private static final Pattern LISTENING = Pattern.compile("listening on (http://\\S+)");

  private final String name;
  private final Process process;
  private final Path logFile;
  private final String url;

  private ServiceProcess(String name, Class<?> mainClass, Map<String, String> environment)
      throws IOException, InterruptedException {
    this.name = name;
    this.logFile = Path.of("target", name + ".log");
    Files.createDirectories(logFile.getParent());
    ProcessBuilder builder =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                mainClass.getName())
            .redirectErrorStream(true);
    builder.environment().putAll(environment);
    process = builder.start();
    CompletableFuture<String> listening = new CompletableFuture<>();
    Thread pump = new Thread(() -> pump(listening), name + "-output");
    pump.setDaemon(true);
    pump.start();
    try {
      url = listening.get(30, TimeUnit.SECONDS);
    } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
      close();
      throw new IllegalStateException(
          name + " did not print 'listening on' within 30 s; see " + logFile.toAbsolutePath() + ":\n"
              + Files.readString(logFile), e);
    }
  }

  static ServiceProcess start(String name, Class<?> mainClass, Map<String, String> environment)
      throws IOException, InterruptedException {
    return new ServiceProcess(name, mainClass, environment);
  }

  String url() {
    return url;
  }

  private void pump(CompletableFuture<String> listening) {
    try (BufferedReader in =
            new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        Writer out = Files.newBufferedWriter(logFile, StandardCharsets.UTF_8)) {
      String line;
      while ((line = in.readLine()) != null) {
        out.write(line);
        out.write('\n');
        out.flush();
        Matcher matcher = LISTENING.matcher(line);
        if (matcher.find()) {
          listening.complete(matcher.group(1));
        }
      }
      listening.completeExceptionally(new IOException(name + " exited before listening"));
    } catch (IOException e) {
      listening.completeExceptionally(e);
    }
  }

  /** SIGTERM, so that the service's shutdown hook flushes its telemetry (bounded by Lgtm's shutdown timeout). */
  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(Duration.ofSeconds(15).toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
    }
  }

}
