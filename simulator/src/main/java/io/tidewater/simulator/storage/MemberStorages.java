package io.tidewater.simulator.storage;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.api.meta.GroupVersionResource;
import io.tidewater.api.meta.ObjectMetas;
import io.tidewater.apiserver.ApiServer;
import io.tidewater.apiserver.storage.CacheFeeder;
import io.tidewater.apiserver.storage.RegistryStorage;
import io.tidewater.apiserver.storage.ResourceStorage;

/**
 * The store-backed storages a member's in-process controllers read (through their watch caches)
 * and write, and a way to wait until the caches show one's own writes. Controllers wait for their
 * writes before they finish a reconcile, so the next reconcile never acts on a cache that has not
 * seen them; that is what Kubernetes' controller expectations achieve.
 */
public final class MemberStorages {
  public static final GroupVersionResource PODS = new GroupVersionResource("", "v1", "pods");
  public static final GroupVersionResource EVENTS = new GroupVersionResource("", "v1", "events");
  public static final GroupVersionResource DEPLOYMENTS = new GroupVersionResource("apps", "v1", "deployments");
  public static final GroupVersionResource REPLICA_SETS = new GroupVersionResource("apps", "v1", "replicasets");
  public static final GroupVersionResource STATEFUL_SETS = new GroupVersionResource("apps", "v1", "statefulsets");
  public static final GroupVersionResource CONTROLLER_REVISIONS = new GroupVersionResource("apps", "v1", "controllerrevisions");

  /** How long a controller waits for its writes to reach the caches; the feeder is in process, so this is generous. */
  private static final long VISIBILITY_TIMEOUT_MILLIS = 5_000;

  private final ApiServer api;
  private final RegistryStorage pods;

  public MemberStorages(ApiServer api, RegistryStorage pods) {
    this.api = api;
    this.pods = pods;
  }

  public RegistryStorage pods() {
    return pods;
  }

  public RegistryStorage events() {
    return registry(EVENTS);
  }

  public RegistryStorage deployments() {
    return registry(DEPLOYMENTS);
  }

  public RegistryStorage replicaSets() {
    return registry(REPLICA_SETS);
  }

  public RegistryStorage statefulSets() {
    return registry(STATEFUL_SETS);
  }

  public RegistryStorage controllerRevisions() {
    return registry(CONTROLLER_REVISIONS);
  }

  private RegistryStorage registry(GroupVersionResource gvr) {
    ResourceStorage s = api.storage(gvr);
    if (s instanceof RegistryStorage r) {
      return r;
    }
    throw new IllegalStateException(gvr + " is not served from the store");
  }

  public CacheFeeder feeder() {
    return api.feeder();
  }

  /** Waits until every cache reflects {@code revision}; false on timeout. */
  public boolean awaitVisible(long revision) {
    return revision <= 0 || api.feeder().awaitRevision(revision, VISIBILITY_TIMEOUT_MILLIS);
  }

  /** The revision a write returned, or 0 when it has none (a dry run). */
  public static long revisionOf(ObjectNode written) {
    String rv = written == null ? null : ObjectMetas.resourceVersion(written);
    if (rv == null || rv.isEmpty()) {
      return 0;
    }
    try {
      return Long.parseLong(rv);
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
