package io.tidewater.bench.gateway;

import ch.qos.logback.classic.Level;
import io.tidewater.api.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Cluster Gateway at scale: LIST of every pod of several members through the federation
 * (whole, paged as client-go pages, and selected), and watch event latency under churn. Members
 * run in a child process ({@link MemberHost}); this process is the gateway.
 *
 * <pre>
 * mvn -B -o -pl bench -am package -DskipTests
 * java -Xms4g -Xmx4g -XX:+UseParallelGC -XX:SoftRefLRUPolicyMSPerMB=0 -cp 'bench/target/classes:bench/target/lib/*' \
 *     io.tidewater.bench.gateway.GatewayBench [clusters=4] [pods=100000] [lists=20] [rate=500] [seconds=20] [memberHeap=6g]
 * </pre>
 */
public final class GatewayBench {
  private static final Logger log = LoggerFactory.getLogger(GatewayBench.class);

  private GatewayBench() {}

  public static void main(String[] args) throws Exception {
    ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
    ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("io.tidewater")).setLevel(Level.INFO);
    ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("io.tidewater.bench")).setLevel(Level.INFO);
    int clusters = arg(args, "clusters", 4);
    int pods = arg(args, "pods", 100_000);
    int lists = arg(args, "lists", 20);
    int rate = arg(args, "rate", 500);
    int seconds = arg(args, "seconds", 20);
    String memberHeap = argString(args, "memberHeap", "6g");
    int perCluster = pods / clusters;

    long t0 = System.nanoTime();
    try (BenchFleet fleet = BenchFleet.start(clusters, perCluster, 500, memberHeap)) {
      long t1 = System.nanoTime();
      fleet.connectMembers();
      fleet.awaitMergedPods(perCluster * clusters, 1_800_000);
      long t2 = System.nanoTime();
      log.info("members filled clusters={} pods={} seconds={}; gateway merged them in seconds={} (connect, paged list, convert)",
          clusters, perCluster * clusters, String.format("%.1f", (t1 - t0) / 1e9), String.format("%.1f", (t2 - t1) / 1e9));
      System.gc();
      Runtime rt = Runtime.getRuntime();
      log.info("gateway process heap after a full GC usedMiB={} (connectors' informers, merged view, federation server)",
          (rt.totalMemory() - rt.freeMemory()) >> 20);

      ListTimer timer = new ListTimer(fleet.federation.url().toString());
      ListTimer.Timed whole = timer.get("/api/v1/pods", false);
      log.info("list size items={} bytes={} avgPodBytes={}", perCluster * clusters, whole.bytes(), whole.bytes() / Math.max(1, perCluster * clusters));
      for (int i = 0; i < 3; i++) {
        timer.get("/api/v1/pods", false); // warm-up
      }
      log.info("LIST all pods (JSON, one response): {}", measure(lists, () -> timer.get("/api/v1/pods", false).millis()).format("ms"));
      log.info("LIST all pods paged limit=500 (client-go pager, every page): {}",
          measure(Math.max(3, lists / 4), () -> timer.paged("/api/v1/pods", 500).millis()).format("ms"));
      log.info("LIST first page limit=500 (kubectl get): {}", measure(lists, () -> timer.get("/api/v1/pods?limit=500", false).millis()).format("ms"));
      log.info("LIST label selector app=bench-7 (1%): {}",
          measure(lists, () -> timer.get("/api/v1/pods?labelSelector=app%3Dbench-7", false).millis()).format("ms"));
      log.info("LIST field selector spec.nodeName=c1.node-7: {}",
          measure(lists, () -> timer.get("/api/v1/pods?fieldSelector=spec.nodeName%3Dc1.node-7", false).millis()).format("ms"));

      for (int r : new int[] {rate / 5, rate}) {
        // Each round watches from now: an earlier round's events are not replayed into this one.
        String rv = Json.parse(timer.get("/api/v1/pods?limit=1", true).body().getBytes(StandardCharsets.UTF_8))
            .at("/metadata/resourceVersion").asText();
        WatchLatencyProbe.Result res = new WatchLatencyProbe(fleet, perCluster).run(rv, r, seconds);
        log.info("watch latency member write -> federation watcher, churn target={}/s achieved={}/s written={} received={}: {}",
            r, String.format("%.0f", res.writesPerSecond()), res.written(), res.received(), res.latencyMillis().format("ms"));
      }
    }
  }

  interface Sample {
    double millis() throws Exception;
  }

  private static Percentiles measure(int n, Sample s) throws Exception {
    List<Double> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(s.millis());
    }
    return Percentiles.of(out.stream().mapToDouble(Double::doubleValue).toArray());
  }

  private static int arg(String[] args, String name, int fallback) {
    return Integer.parseInt(argString(args, name, Integer.toString(fallback)));
  }

  private static String argString(String[] args, String name, String fallback) {
    for (String a : args) {
      if (a.startsWith(name + "=")) {
        return a.substring(name.length() + 1);
      }
    }
    return fallback;
  }
}
