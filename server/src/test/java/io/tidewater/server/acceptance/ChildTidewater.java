package io.tidewater.server.acceptance;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code tidewater up} in its own JVM, as a user runs it, so that a test can kill it with SIGKILL. */
public record ChildTidewater(Process process, Path dataDir, URI url) {
  private static final Pattern URL_LINE = Pattern.compile("API server:\\s+(https://\\S+)");

  /** Starts {@code tidewater up --data-dir dataDir --port 0 --store store [extra]} and waits until it serves. */
  public static ChildTidewater start(Path dataDir, String store, Path log, String... extra) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd = new ArrayList<>(List.of(
        java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
        "io.tidewater.server.TidewaterCli", "up", "--data-dir", dataDir.toString(), "--port", "0", "--store", store));
    cmd.addAll(List.of(extra));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < deadline) {
      Optional<URI> url = readUrl(log);
      if (url.isPresent()) {
        return new ChildTidewater(p, dataDir, url.get());
      }
      if (!p.isAlive()) {
        throw new AssertionError("tidewater up exited with " + p.exitValue() + ":\n" + tail(log));
      }
      Thread.sleep(50);
    }
    p.destroyForcibly();
    throw new AssertionError("tidewater up did not print its URL in time:\n" + tail(log));
  }

  /** The kubeconfig {@code up} wrote for this run. */
  public Path kubeconfig() {
    return dataDir.resolve("kubeconfig");
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** SIGKILL: no shutdown hook, no flush, no goodbye. */
  public void kill() {
    process.destroyForcibly();
    try {
      process.waitFor(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String tail(Path log) throws IOException {
    List<String> lines = Files.readAllLines(log);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
  }

  private static Optional<URI> readUrl(Path log) throws IOException {
    if (!Files.exists(log)) {
      return Optional.empty();
    }
    Matcher m = URL_LINE.matcher(Files.readString(log));
    return m.find() ? Optional.of(URI.create(m.group(1))) : Optional.empty();
  }
}
