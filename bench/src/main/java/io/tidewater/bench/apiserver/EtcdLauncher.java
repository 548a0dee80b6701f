package io.tidewater.bench.apiserver;

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
import java.util.stream.Stream;

/**
 * A single-member etcd from Debian's {@code /usr/bin/etcd} on free loopback ports, with its data
 * in a temporary directory on disk, for the benchmarks. Killed and deleted on close.
 */
final class EtcdLauncher implements AutoCloseable {
  private final Process process;
  private final Path home;
  private final String endpoint;

  private EtcdLauncher(Process process, Path home, String endpoint) {
    this.process = process;
    this.home = home;
    this.endpoint = endpoint;
  }

  static EtcdLauncher start(Path parent) throws IOException, InterruptedException {
    String binary = System.getProperty("etcd.binary", "/usr/bin/etcd");
    Path home = Files.createTempDirectory(parent, "etcd-bench-");
    String client = "http://127.0.0.1:" + freePort();
    String peer = "http://127.0.0.1:" + freePort();
    Process p = new ProcessBuilder(
            binary, "--name=bench", "--data-dir=" + home.resolve("data"), "--listen-client-urls=" + client,
            "--advertise-client-urls=" + client, "--listen-peer-urls=" + peer, "--initial-advertise-peer-urls=" + peer,
            "--initial-cluster=bench=" + peer, "--initial-cluster-state=new", "--quota-backend-bytes=8589934592",
            "--logger=zap", "--log-level=warn")
        .redirectErrorStream(true)
        .redirectOutput(home.resolve("etcd.log").toFile())
        .start();
    EtcdLauncher etcd = new EtcdLauncher(p, home, client);
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      if (!p.isAlive()) {
        etcd.close();
        throw new IllegalStateException("etcd exited: see " + home.resolve("etcd.log"));
      }
      try {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(client + "/health")).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200 && r.body().contains("\"health\":\"true\"")) {
          return etcd;
        }
      } catch (IOException e) {
        // not up yet
      }
      Thread.sleep(50);
    }
    etcd.close();
    throw new IllegalStateException("etcd did not become healthy");
  }

  String endpoint() {
    return endpoint;
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    process.destroyForcibly();
    try {
      process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try (Stream<Path> paths = Files.walk(home)) {
      paths.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException e) {
      // best effort
    }
  }
}
