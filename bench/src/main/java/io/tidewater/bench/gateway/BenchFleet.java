package io.tidewater.bench.gateway;

import io.tidewater.apiserver.ApiProfiles;
import io.tidewater.apiserver.ApiServer;
import io.tidewater.gateway.Gateway;
import io.tidewater.gateway.GatewayOptions;
import io.tidewater.gateway.view.MergedKind;
import io.tidewater.member.ConnectorOptions;
import io.tidewater.member.MemberConnection;
import io.tidewater.member.MemberConnector;
import io.tidewater.member.Members;
import io.tidewater.member.health.HealthProbeOptions;
import io.tidewater.store.embedded.EmbeddedStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The benchmark's fleet: member clusters in a child process ({@link MemberHost}), reached through
 * connectors over HTTP, and a federation API server with the Cluster Gateway over them in this
 * one. The gateway's process holds what a real gateway holds: connectors' informers, the merged
 * view and the federation's server.
 */
final class BenchFleet implements AutoCloseable {
  static final String TOKEN = "bench-token";

  record Member(String name, String url) {}

  final List<Member> members = new ArrayList<>();
  final Members registry = new Members();
  private final EmbeddedStore federationStore = EmbeddedStore.inMemory();
  private Process host;
  Gateway gateway;
  ApiServer federation;

  static BenchFleet start(int clusters, int podsPerCluster, int nodesPerCluster, String memberHeap) throws Exception {
    BenchFleet f = new BenchFleet();
    try {
      String java = ProcessHandle.current().info().command().orElse("java");
      f.host = new ProcessBuilder(
              java, "-Xms" + memberHeap, "-Xmx" + memberHeap, "-XX:+UseParallelGC", "-XX:SoftRefLRUPolicyMSPerMB=0",
              "--sun-misc-unsafe-memory-access=allow", "-cp", System.getProperty("java.class.path"), MemberHost.class.getName(),
              Integer.toString(clusters), Integer.toString(podsPerCluster), Integer.toString(nodesPerCluster))
          .redirectError(ProcessBuilder.Redirect.INHERIT)
          .start();
      BufferedReader r = new BufferedReader(new InputStreamReader(f.host.getInputStream(), StandardCharsets.UTF_8));
      for (String line; (line = r.readLine()) != null && !line.equals("READY"); ) {
        if (line.startsWith("MEMBER ")) {
          String[] parts = line.split(" ");
          f.members.add(new Member(parts[1], parts[2]));
        }
      }
      if (f.members.size() != clusters) {
        throw new IOException("member host started " + f.members.size() + " of " + clusters + " members");
      }
      ApiServer.Builder b = ApiProfiles.federation(f.federationStore).name("federation").port(0).tokens(Map.of(TOKEN, "admin"));
      f.gateway = Gateway.install(b, f.registry, GatewayOptions.defaults());
      f.federation = b.start();
      return f;
    } catch (Exception | Error e) {
      f.close();
      throw e;
    }
  }

  /**
   * Connects every member: the gateway lists and then watches each one. Probes are lenient (three
   * misses of 10 s): on two shared cores a busy member is slow, not gone.
   */
  void connectMembers() {
    ConnectorOptions options = ConnectorOptions.defaults()
        .withHealth(new HealthProbeOptions(Duration.ofSeconds(10), Duration.ofSeconds(10), 3))
        .withRequestTimeout(Duration.ofSeconds(60));
    for (Member m : members) {
      registry.put(MemberConnector.connect(m.name(), MemberConnection.of(m.url(), null, TOKEN), options));
    }
  }

  /** Waits until the gateway's merged pods number {@code expected}. */
  void awaitMergedPods(int expected, long timeoutMillis) throws Exception {
    long deadline = System.currentTimeMillis() + timeoutMillis;
    while (gateway.storage(MergedKind.PODS).cache().watchCache().size() < expected) {
      if (System.currentTimeMillis() > deadline) {
        throw new TimeoutException("gateway holds " + gateway.storage(MergedKind.PODS).cache().watchCache().size() + " of " + expected + " pods");
      }
      Thread.sleep(100);
    }
  }

  @Override
  public void close() {
    if (federation != null) {
      federation.close();
    }
    if (gateway != null) {
      gateway.close();
    }
    registry.close();
    if (host != null) {
      try {
        host.getOutputStream().close();
        if (!host.waitFor(30, TimeUnit.SECONDS)) {
          host.destroyForcibly();
        }
      } catch (IOException | InterruptedException e) {
        host.destroyForcibly();
      }
    }
    federationStore.close();
  }
}
