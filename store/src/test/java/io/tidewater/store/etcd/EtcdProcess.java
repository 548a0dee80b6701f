package io.tidewater.store.etcd;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A throwaway single-member etcd for tests: Debian's {@code etcd} binary on free loopback ports
 * with a temporary data directory, healthy before {@link #start} returns, killed and deleted on
 * {@link #close}. Ships in the store test-jar for other modules' tests.
 *
 * <p>If the binary is missing, tests are skipped with a hint how to install it, except on CI (the
 * {@code CI} environment variable is set), where that is a failure: CI must run the etcd tests.
 */
public final class EtcdProcess implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EtcdProcess.class);
  private static final List<Path> CANDIDATES = List.of(Path.of("/usr/bin/etcd"), Path.of("/usr/local/bin/etcd"));
  private static final String INSTALL_HINT =
      "etcd is not installed (looked for /usr/bin/etcd, /usr/local/bin/etcd and etcd on PATH);"
          + " install it with `apt-get install etcd-server`";
  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
  private static final int START_ATTEMPTS = 3;

  private final Process process;
  private final Path dataDir;
  private final Path logFile;
  private final URI endpoint;

  private EtcdProcess(Process process, Path dataDir, Path logFile, URI endpoint) {
    this.process = process;
    this.dataDir = dataDir;
    this.logFile = logFile;
    this.endpoint = endpoint;
  }

  /**
   * Starts etcd and waits until it is healthy. Skips the calling test (JUnit assumption) when etcd
   * is not installed, or fails it when running on CI.
   */
  public static EtcdProcess start() {
    Path binary = findBinary();
    if (binary == null) {
      if (System.getenv("CI") != null) {
        throw new IllegalStateException(INSTALL_HINT + " (CI is set, so the etcd tests must run)");
      }
      Assumptions.abort(INSTALL_HINT);
    }
    IllegalStateException last = null;
    for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
      try {
        return launch(binary);
      } catch (IllegalStateException e) {
        // Usually a port taken between choosing it and etcd binding it: try other ports.
        log.warn("etcd failed to start attempt={} of={}: {}", attempt, START_ATTEMPTS, e.getMessage());
        last = e;
      }
    }
    throw last;
  }

  /** The client URL, for example {@code http://127.0.0.1:40123}. */
  public String endpoint() {
    return endpoint.toString();
  }

  public URI endpointUri() {
    return endpoint;
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** Kills etcd (SIGKILL: tests never need a graceful stop) and deletes its data directory. */
  @Override
  public void close() {
    process.destroyForcibly();
    try {
      if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        log.warn("etcd did not exit in time pid={}", process.pid());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    deleteRecursively(dataDir.getParent());
  }

  private static Path findBinary() {
    for (Path p : CANDIDATES) {
      if (Files.isExecutable(p)) {
        return p;
      }
    }
    String path = System.getenv("PATH");
    if (path != null) {
      for (String dir : path.split(java.io.File.pathSeparator)) {
        Path p = Path.of(dir, "etcd");
        if (Files.isExecutable(p)) {
          return p;
        }
      }
    }
    return null;
  }

  private static EtcdProcess launch(Path binary) {
    Path home;
    try {
      home = Files.createTempDirectory("etcd-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    int clientPort = freePort();
    int peerPort = freePort();
    String client = "http://127.0.0.1:" + clientPort;
    String peer = "http://127.0.0.1:" + peerPort;
    Path dataDir = home.resolve("data");
    Path logFile = home.resolve("etcd.log");
    ProcessBuilder builder =
        new ProcessBuilder(
                binary.toString(),
                "--name=test",
                "--data-dir=" + dataDir,
                "--listen-client-urls=" + client,
                "--advertise-client-urls=" + client,
                "--listen-peer-urls=" + peer,
                "--initial-advertise-peer-urls=" + peer,
                "--initial-cluster=test=" + peer,
                "--initial-cluster-state=new",
                "--logger=zap",
                "--log-level=warn")
            .redirectErrorStream(true)
            .redirectOutput(logFile.toFile());
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      deleteRecursively(home);
      throw new IllegalStateException("cannot run " + binary + ": " + e.getMessage(), e);
    }
    EtcdProcess etcd = new EtcdProcess(process, dataDir, logFile, URI.create(client));
    try {
      etcd.awaitHealthy();
    } catch (RuntimeException e) {
      etcd.close();
      throw e;
    }
    log.info("etcd started pid={} endpoint={}", process.pid(), client);
    return etcd;
  }

  private void awaitHealthy() {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    HttpRequest health = HttpRequest.newBuilder(endpoint.resolve("/health")).timeout(Duration.ofSeconds(2)).build();
    long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("etcd exited with " + process.exitValue() + ": " + logTail());
      }
      try {
        HttpResponse<String> response = http.send(health, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200 && response.body().contains("\"health\":\"true\"")) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for etcd", e);
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for etcd", e);
      }
    }
    throw new IllegalStateException("etcd was not healthy within " + STARTUP_TIMEOUT + ": " + logTail());
  }

  private String logTail() {
    try {
      List<String> lines = Files.readAllLines(logFile);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteRecursively(Path root) {
    if (root == null || !Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      log.warn("cannot delete etcd data dir={}", root, e);
    }
  }
}
