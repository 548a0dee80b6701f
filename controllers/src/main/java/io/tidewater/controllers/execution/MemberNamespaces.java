package io.tidewater.controllers.execution;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.tidewater.api.meta.TidewaterLabels;
import io.tidewater.member.MemberConnector;
import io.tidewater.member.write.ObjectReference;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure the namespaces manifests go to exist in the member. A missing namespace is created
 * with Tidewater's managed-by label; an existing one is never modified (it may be the team's own,
 * with quotas and labels Tidewater knows nothing of). Namespaces known to exist are remembered per
 * member, so the common case costs no request.
 */
final class MemberNamespaces {
  private static final Logger log = LoggerFactory.getLogger(MemberNamespaces.class);

  private final Map<String, Set<String>> known = new ConcurrentHashMap<>();

  void ensure(MemberConnector member, String namespace) {
    Set<String> seen = known.computeIfAbsent(member.cluster(), c -> ConcurrentHashMap.newKeySet());
    if (seen.contains(namespace)) {
      return;
    }
    if (member.get(new ObjectReference("v1", "Namespace", null, namespace)).isEmpty()) {
      try {
        // Create, not apply: should the namespace appear meanwhile, apply would modify it.
        member.client().namespaces().resource(new NamespaceBuilder()
            .withNewMetadata().withName(namespace).addToLabels(TidewaterLabels.MANAGED_BY, TidewaterLabels.MANAGED_BY_VALUE).endMetadata()
            .build()).create();
        log.info("member namespace created cluster={} namespace={}", member.cluster(), namespace);
      } catch (KubernetesClientException e) {
        if (e.getCode() != 409) {
          throw e;
        }
      }
    }
    seen.add(namespace);
  }

  /** Forgets that a namespace exists (a write found it gone). */
  void forget(String cluster, String namespace) {
    Set<String> seen = known.get(cluster);
    if (seen != null) {
      seen.remove(namespace);
    }
  }

  void forgetCluster(String cluster) {
    known.remove(cluster);
  }
}
