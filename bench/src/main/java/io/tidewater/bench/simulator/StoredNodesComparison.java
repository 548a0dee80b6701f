package io.tidewater.bench.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.api.meta.GroupVersionResource;
import io.tidewater.api.meta.ObjectMetas;
import io.tidewater.apiserver.ApiProfiles;
import io.tidewater.apiserver.ApiServer;
import io.tidewater.apiserver.storage.ResourceStorage;
import io.tidewater.apiserver.storage.WriteOptions;
import io.tidewater.simulator.NodePoolSpec;
import io.tidewater.simulator.nodes.NodeRecord;
import io.tidewater.simulator.nodes.NodeTemplate;
import io.tidewater.store.embedded.EmbeddedStore;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * What the simulator's node templates save: the same nodes as the scale harness renders, stored
 * as ordinary objects (store, watch cache, garbage collector's graph) in plain member API servers.
 *
 * <pre>
 * java -Xmx8g -XX:+UseParallelGC -cp 'bench/target/classes:bench/target/lib/*' \
 *     io.tidewater.bench.simulator.StoredNodesComparison 4 5000
 * </pre>
 */
public final class StoredNodesComparison {
  private StoredNodesComparison() {}

  public static void main(String[] args) throws Exception {
    int clusters = args.length > 0 ? Integer.parseInt(args[0]) : 4;
    int nodesPerCluster = args.length > 1 ? Integer.parseInt(args[1]) : 5_000;
    long baseline = heapAfterGc();
    List<ApiServer> servers = new ArrayList<>();
    List<EmbeddedStore> stores = new ArrayList<>();
    long start = System.nanoTime();
    try {
      for (int c = 0; c < clusters; c++) {
        EmbeddedStore store = EmbeddedStore.inMemory();
        stores.add(store);
        ApiServer server = ApiProfiles.memberCluster(store).name("stored-" + c).embedded().watchHistory(2_000).start();
        servers.add(server);
        ResourceStorage nodes = server.storage(new GroupVersionResource("", "v1", "nodes"));
        int poolIndex = 0;
        for (NodePoolSpec pool : SimulatorScaleHarness.spec(nodesPerCluster, c).nodePools()) {
          NodeTemplate t = new NodeTemplate("m" + c, pool, poolIndex, "v1.32.4", "region-0", "zone-0");
          for (int i = 0; i < pool.count(); i++) {
            ObjectNode node = new NodeRecord(t.nodeName(i), t, i, c, ((long) poolIndex << 32) | i, 0, 1, false, false, 0, null, null).render();
            ObjectNode meta = ObjectMetas.metadata(node);
            meta.remove("resourceVersion");
            meta.remove("uid");
            meta.remove("creationTimestamp");
            nodes.create(null, node, WriteOptions.of("kubelet"));
          }
          poolIndex++;
        }
      }
      long millis = (System.nanoTime() - start) / 1_000_000;
      long heap = heapAfterGc() - baseline;
      long total = (long) clusters * nodesPerCluster;
      System.out.printf("| stored JSON nodes | %d x %d | %,d | %.1f s | %,d MiB | %,d B |%n",
          clusters, nodesPerCluster, total, millis / 1000.0, heap >> 20, heap / total);
    } finally {
      servers.forEach(ApiServer::close);
      stores.forEach(EmbeddedStore::close);
    }
  }

  private static long heapAfterGc() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(200);
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
