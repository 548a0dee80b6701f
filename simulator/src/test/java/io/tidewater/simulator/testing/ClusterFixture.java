package io.tidewater.simulator.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.api.json.Json;
import io.tidewater.apiserver.storage.CachedObject;
import io.tidewater.apiserver.storage.GetOptions;
import io.tidewater.apiserver.storage.ListOptions;
import io.tidewater.apiserver.storage.ResourceStorage;
import io.tidewater.apiserver.storage.WriteOptions;
import io.tidewater.simulator.SimulatedCluster;
import io.tidewater.simulator.SimulatedClusterSpec;
import io.tidewater.simulator.storage.MemberStorages;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/** One simulated cluster in process, with its storages at hand, for tests that need no HTTP. */
public final class ClusterFixture implements AutoCloseable {
  private final SimulatedCluster cluster;

  private ClusterFixture(SimulatedCluster cluster) {
    this.cluster = cluster;
  }

  public static ClusterFixture start(String name, SimulatedClusterSpec spec) throws Exception {
    return new ClusterFixture(SimulatedCluster.start(name, spec, Map.of("test-token", "admin"), Clock.systemUTC()));
  }

  public SimulatedCluster cluster() {
    return cluster;
  }

  public ResourceStorage pods() {
    return cluster.api().storage(MemberStorages.PODS);
  }

  public ResourceStorage deployments() {
    return cluster.api().storage(MemberStorages.DEPLOYMENTS);
  }

  public ResourceStorage replicaSets() {
    return cluster.api().storage(MemberStorages.REPLICA_SETS);
  }

  public ResourceStorage statefulSets() {
    return cluster.api().storage(MemberStorages.STATEFUL_SETS);
  }

  public ResourceStorage controllerRevisions() {
    return cluster.api().storage(MemberStorages.CONTROLLER_REVISIONS);
  }

  public ObjectNode create(ResourceStorage storage, String yaml) {
    ObjectNode obj = yaml(yaml);
    return storage.create(obj.path("metadata").path("namespace").asText("default"), obj, WriteOptions.of("test"));
  }

  public ObjectNode get(ResourceStorage storage, String namespace, String name) {
    return storage.get(namespace, name, GetOptions.LATEST).object();
  }

  public List<ObjectNode> list(ResourceStorage storage, String namespace) {
    return storage.list(namespace, ListOptions.everything()).items().stream().map(CachedObject::object).toList();
  }

  /** Changes an object as {@code change} says, through an update of its main resource. */
  public ObjectNode update(ResourceStorage storage, String namespace, String name, java.util.function.Consumer<ObjectNode> change) {
    return storage.update(namespace, name, current -> {
      change.accept(current);
      io.tidewater.api.meta.ObjectMetas.setResourceVersion(current, null);
      return current;
    }, WriteOptions.of("test")).object();
  }

  public long storeRevision() {
    return cluster.api().store().currentRevision();
  }

  public static ObjectNode yaml(String yaml) {
    try {
      return (ObjectNode) Json.YAML.readTree(yaml);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    cluster.close();
  }
}
