package io.tidewater.bench.simulator;

import io.tidewater.simulator.Fleet;
import io.tidewater.simulator.NodePoolSpec;
import io.tidewater.simulator.NodeTaint;
import io.tidewater.simulator.SimulatedCluster;
import io.tidewater.simulator.SimulatedClusterSpec;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How much a fleet of simulated clusters costs: starts N clusters of M nodes each on one fleet
 * listener, then reports the start-up time and the heap in use after a full GC, and checks the
 * last member answers a LIST of all its nodes over HTTP.
 *
 * <pre>
 * mvn -B -o -pl bench -am package -DskipTests
 * java -Xmx8g -XX:+UseParallelGC -cp 'bench/target/classes:bench/target/lib/*' \
 *     io.tidewater.bench.simulator.SimulatorScaleHarness 100 5000
 * </pre>
 *
 * Add {@code --histogram} to print what the heap holds.
 *
 * <p>Each cluster has three pools, as a big IDC cluster might: 70% general 64-core nodes, 25%
 * 96-core high-memory nodes, 5% tainted 8-GPU nodes.
 */
public final class SimulatorScaleHarness {
  private static final Logger log = LoggerFactory.getLogger(SimulatorScaleHarness.class);

  private SimulatorScaleHarness() {}

  public static void main(String[] args) throws Exception {
    int clusters = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    int nodesPerCluster = args.length > 1 ? Integer.parseInt(args[1]) : 5_000;
    long baseline = heapAfterGc();
    var threads = ManagementFactory.getThreadMXBean();
    long startCpu = threads.getCurrentThreadCpuTime();
    long start = System.nanoTime();
    try (Fleet fleet = Fleet.start(Fleet.Options.plain())) {
      for (int i = 0; i < clusters; i++) {
        fleet.ensure(String.format("m%03d", i), spec(nodesPerCluster, i));
      }
      Duration startup = Duration.ofNanos(System.nanoTime() - start);
      Duration startupCpu = Duration.ofNanos(threads.getCurrentThreadCpuTime() - startCpu);
      long heap = heapAfterGc() - baseline;
      SimulatedCluster last = fleet.clusters().get(clusters - 1);
      long listStart = System.nanoTime();
      int listed = listNodes(fleet, last.name());
      Duration list = Duration.ofNanos(System.nanoTime() - listStart);
      // The same LIST in process, timed in CPU: the machine is shared, wall-clock times vary with its load.
      var nodeStorage = last.api().storage(new io.tidewater.api.meta.GroupVersionResource("", "v1", "nodes"));
      long listCpuStart = threads.getCurrentThreadCpuTime();
      int rendered = nodeStorage.list(null, io.tidewater.apiserver.storage.ListOptions.everything()).items().size();
      Duration listCpu = Duration.ofNanos(threads.getCurrentThreadCpuTime() - listCpuStart);
      long totalNodes = (long) clusters * nodesPerCluster;
      String row = String.format(
          "| %d x %d | %,d | %.1f s (%.1f s CPU) | %,d MiB | %,d B | %d | %d nodes: %d ms over HTTP, %d ms CPU to render %d |",
          clusters, nodesPerCluster, totalNodes, startup.toMillis() / 1000.0, startupCpu.toMillis() / 1000.0, heap >> 20,
          totalNodes == 0 ? 0 : heap / totalNodes, Thread.activeCount(), listed, list.toMillis(), listCpu.toMillis(), rendered);
      log.info("simulator scale clusters={} nodesPerCluster={} startupMillis={} heapMiB={} listMillis={}",
          clusters, nodesPerCluster, startup.toMillis(), heap >> 20, list.toMillis());
      System.out.println("| clusters x nodes | nodes | start-up (main thread CPU) | heap after GC | heap per node | platform threads | LIST of one member's nodes |");
      System.out.println("|---|---|---|---|---|---|---|");
      System.out.println(row);
      if (List.of(args).contains("--histogram")) {
        System.out.println(histogram(30));
      }
    }
  }

  /** The top of the live-object histogram (jcmd GC.class_histogram), to see what the heap holds. */
  private static String histogram(int lines) throws Exception {
    var server = ManagementFactory.getPlatformMBeanServer();
    var name = new javax.management.ObjectName("com.sun.management:type=DiagnosticCommand");
    String all = (String) server.invoke(name, "gcClassHistogram", new Object[] {new String[0]}, new String[] {String[].class.getName()});
    return String.join("\n", all.lines().limit(lines + 3).toList());
  }

  public static SimulatedClusterSpec spec(int nodes, int index) {
    int gpu = nodes / 20;
    int highMem = nodes / 4;
    int general = nodes - gpu - highMem;
    return SimulatedClusterSpec.of(
            NodePoolSpec.of("general", general, "64", "256Gi"),
            NodePoolSpec.of("highmem", highMem, "96", "768Gi"),
            NodePoolSpec.of("gpu", gpu, "96", "1Ti").withGpus(8, "nvidia-a100")
                .withTaints(List.of(NodeTaint.noSchedule("nvidia.com/gpu", "present"))).withLabels(Map.of("accelerator", "a100")))
        .withTopology("region-" + (index % 4), "zone-" + (index % 12));
  }

  private static int listNodes(Fleet fleet, String member) throws Exception {
    var entry = fleet.kubeconfigEntry(member).orElseThrow();
    HttpClient client = HttpClient.newHttpClient();
    HttpRequest req = HttpRequest.newBuilder(URI.create(entry.server() + "/api/v1/nodes"))
        .header("Authorization", "Bearer " + entry.token()).timeout(Duration.ofMinutes(2)).build();
    HttpResponse<String> resp = client.send(req, HttpResponse.BodyHandlers.ofString());
    if (resp.statusCode() != 200) {
      throw new IllegalStateException("LIST nodes answered " + resp.statusCode());
    }
    return io.tidewater.api.json.Json.parse(resp.body().getBytes(java.nio.charset.StandardCharsets.UTF_8)).path("items").size();
  }

  private static long heapAfterGc() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(200);
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
