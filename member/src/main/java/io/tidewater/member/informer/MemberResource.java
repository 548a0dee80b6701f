package io.tidewater.member.informer;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.util.List;

/**
 * A kind the connector keeps an informer for, with the names the Kubernetes API uses for it.
 *
 * @param type the fabric8 model class
 * @param plural the resource name in URLs
 */
public record MemberResource<T extends HasMetadata>(Class<T> type, String apiVersion, String kind, String plural, boolean namespaced) {

  public static final MemberResource<Node> NODES = new MemberResource<>(Node.class, "v1", "Node", "nodes", false);
  public static final MemberResource<Pod> PODS = new MemberResource<>(Pod.class, "v1", "Pod", "pods", true);
  public static final MemberResource<Event> EVENTS = new MemberResource<>(Event.class, "v1", "Event", "events", true);
  public static final MemberResource<Deployment> DEPLOYMENTS =
      new MemberResource<>(Deployment.class, "apps/v1", "Deployment", "deployments", true);
  public static final MemberResource<StatefulSet> STATEFULSETS =
      new MemberResource<>(StatefulSet.class, "apps/v1", "StatefulSet", "statefulsets", true);
  public static final MemberResource<ReplicaSet> REPLICASETS =
      new MemberResource<>(ReplicaSet.class, "apps/v1", "ReplicaSet", "replicasets", true);

  public static List<MemberResource<?>> all() {
    return List.of(NODES, PODS, EVENTS, DEPLOYMENTS, STATEFULSETS, REPLICASETS);
  }

  /** The API group, "" for core. */
  public String group() {
    int slash = apiVersion.indexOf('/');
    return slash < 0 ? "" : apiVersion.substring(0, slash);
  }

  /** The collection path, {@code /api/v1/namespaces/ns/pods} or {@code /apis/apps/v1/replicasets}. */
  public String path(String namespace) {
    String base = group().isEmpty() ? "/api/" + apiVersion : "/apis/" + apiVersion;
    return namespaced && namespace != null ? base + "/namespaces/" + namespace + "/" + plural : base + "/" + plural;
  }

  @Override
  public String toString() {
    return plural;
  }
}
