package io.tidewater.bench.gateway;

import ch.qos.logback.classic.Level;
import io.tidewater.api.meta.GroupVersionResource;
import io.tidewater.apiserver.ApiProfiles;
import io.tidewater.apiserver.ApiServer;
import io.tidewater.apiserver.storage.WriteOptions;
import io.tidewater.store.embedded.EmbeddedStore;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The member clusters of the gateway benchmark, in a process of their own as real members would
 * be: API servers in the single-cluster profile, filled with pods. Tells its parent the members'
 * URLs on standard output ({@code MEMBER <name> <url>} lines, then {@code READY}) and serves until
 * its standard input closes.
 */
public final class MemberHost {
  static final GroupVersionResource PODS = new GroupVersionResource("", "v1", "pods");
  private static final Logger log = LoggerFactory.getLogger(MemberHost.class);

  private MemberHost() {}

  public static void main(String[] args) throws Exception {
    ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
    int clusters = Integer.parseInt(args[0]);
    int perCluster = Integer.parseInt(args[1]);
    int nodes = Integer.parseInt(args[2]);
    List<ApiServer> members = new ArrayList<>();
    List<EmbeddedStore> stores = new ArrayList<>();
    // The parent reads this stream; everything else goes to the log.
    PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true, StandardCharsets.UTF_8);
    try {
      for (int i = 0; i < clusters; i++) {
        EmbeddedStore store = EmbeddedStore.inMemory();
        stores.add(store);
        members.add(ApiProfiles.memberCluster(store).name("member-c" + i).port(0).tokens(Map.of(BenchFleet.TOKEN, "admin")).start());
      }
      long start = System.nanoTime();
      try (ExecutorService pool = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("bench-fill-", 0).factory())) {
        List<Future<?>> work = new ArrayList<>();
        for (ApiServer m : members) {
          work.add(pool.submit(() -> {
            for (int p = 0; p < perCluster; p++) {
              m.storage(PODS).create("default", BenchPods.pod("default", "pod-" + p, p % 100, "node-" + (p % nodes)), WriteOptions.of("bench"));
            }
            return null;
          }));
        }
        for (Future<?> f : work) {
          f.get(60, TimeUnit.MINUTES);
        }
      }
      log.warn("member host filled clusters={} podsPerCluster={} seconds={}", clusters, perCluster, (System.nanoTime() - start) / 1_000_000_000L);
      for (int i = 0; i < members.size(); i++) {
        out.println("MEMBER c" + i + " " + members.get(i).url());
      }
      out.println("READY");
      while (System.in.read() >= 0) {
        // serve until the parent goes away
      }
    } finally {
      members.forEach(ApiServer::close);
      stores.forEach(EmbeddedStore::close);
    }
  }
}
