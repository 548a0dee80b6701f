package io.tidewater.controllers.execution;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.tidewater.api.meta.GroupVersionKind;
import io.tidewater.api.meta.TidewaterLabels;
import io.tidewater.controllers.runtime.KindInfo;
import io.tidewater.controllers.runtime.Templates;
import io.tidewater.member.MemberConnector;
import io.tidewater.member.MemberObjects;
import io.tidewater.member.informer.MemberInformer;
import io.tidewater.member.informer.MemberResource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Tidewater's objects in one member. Workloads come from the connector's informers (which the
 * controller watches anyway for status); the other kinds a Work may hold have no informer and are
 * listed from the member by label, which is authoritative (a live list, not a cache).
 */
final class ManagedObjectLister {

  /** Kinds read from the connector's informers. */
  static final List<MemberResource<?>> INFORMED = List.of(MemberResource.DEPLOYMENTS, MemberResource.STATEFULSETS);

  /** Kinds listed live: the templates' other kinds. */
  static final List<GroupVersionKind> LISTED = Templates.ALL.stream()
      .filter(k -> !k.equals(Templates.DEPLOYMENT) && !k.equals(Templates.STATEFULSET))
      .toList();

  /** One managed object: what it is, the binding it belongs to and the cluster its labels name. */
  record ManagedObject(MemberObjectId id, String bindingId, String clusterLabel) {}

  /** The connector's informer for an object's kind, if it has one. */
  static Optional<MemberResource<?>> informedResource(MemberObjectId id) {
    for (MemberResource<?> r : INFORMED) {
      if (r.group().equals(id.group()) && r.kind().equals(id.kind())) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }

  /** The member object from the connector's informer cache; empty when absent or not informed. */
  static Optional<ObjectNode> cached(MemberConnector member, MemberObjectId id) {
    return informedResource(id).flatMap(r -> member.informer(r).get(id.namespace(), id.name())).map(MemberObjects::toJson);
  }

  /** Whether the informers of an object's kind have synced (true for kinds without one). */
  static boolean cacheSynced(MemberConnector member, MemberObjectId id) {
    return informedResource(id).map(r -> member.informer(r).hasSynced()).orElse(true);
  }

  static boolean informersSynced(MemberConnector member) {
    return INFORMED.stream().allMatch(r -> member.informer(r).hasSynced());
  }

  /**
   * Every object labelled managed-by Tidewater (and, when {@code bindingId} is not null, belonging
   * to that binding). Call only once {@link #informersSynced}; throws when the member cannot be
   * listed, never answers with a partial list.
   */
  List<ManagedObject> list(MemberConnector member, String bindingId) {
    List<ManagedObject> out = new ArrayList<>();
    for (MemberResource<?> r : INFORMED) {
      collectInformed(member.informer(r), bindingId, out);
    }
    for (GroupVersionKind k : LISTED) {
      var op = member.client().genericKubernetesResources(KindInfo.require(k).context()).inAnyNamespace()
          .withLabel(TidewaterLabels.MANAGED_BY, TidewaterLabels.MANAGED_BY_VALUE);
      if (bindingId != null) {
        op = op.withLabel(TidewaterLabels.BINDING, bindingId);
      }
      for (GenericKubernetesResource o : op.list().getItems()) {
        add(o, k.group(), k.version(), k.kind(), bindingId, out);
      }
    }
    return out;
  }

  private static <T extends HasMetadata> void collectInformed(MemberInformer<T> informer, String bindingId, List<ManagedObject> out) {
    MemberResource<T> r = informer.resource();
    String version = r.apiVersion().substring(r.apiVersion().indexOf('/') + 1);
    for (T o : informer.list()) {
      add(o, r.group(), version, r.kind(), bindingId, out);
    }
  }

  private static void add(HasMetadata o, String group, String version, String kind, String bindingId, List<ManagedObject> out) {
    Map<String, String> labels = o.getMetadata().getLabels();
    if (labels == null || !TidewaterLabels.MANAGED_BY_VALUE.equals(labels.get(TidewaterLabels.MANAGED_BY))) {
      return;
    }
    String binding = labels.get(TidewaterLabels.BINDING);
    if (binding == null || (bindingId != null && !bindingId.equals(binding))) {
      return;
    }
    out.add(new ManagedObject(new MemberObjectId(group, version, kind, o.getMetadata().getNamespace(), o.getMetadata().getName()), binding,
        labels.get(TidewaterLabels.CLUSTER)));
  }
}
