package io.tidewater.controllers.execution;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.tidewater.api.meta.ObjectMetas;
import io.tidewater.api.meta.TidewaterLabels;
import io.tidewater.member.MemberConnector;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies one manifest to a member with server-side apply (field manager {@code tidewater},
 * forced: Tidewater owns what it applies), under the conflict rule: an object that already exists
 * without Tidewater's labels, or that belongs to another binding, is left untouched unless the
 * binding's conflictResolution is Overwrite.
 */
final class ManifestApplier {
  private static final Logger log = LoggerFactory.getLogger(ManifestApplier.class);

  /** What became of one manifest. */
  sealed interface Result permits Applied, Conflict, Failed {
    MemberObjectId id();
  }

  /** Applied; {@code object} is the member object as the member stored it. */
  record Applied(MemberObjectId id, ObjectNode object) implements Result {}

  /** Not applied: the object is someone else's. */
  record Conflict(MemberObjectId id, String owner) implements Result {}

  /** Not applied: the member refused or could not be reached. */
  record Failed(MemberObjectId id, String message) implements Result {}

  private final MemberNamespaces namespaces;

  ManifestApplier(MemberNamespaces namespaces) {
    this.namespaces = namespaces;
  }

  Result apply(MemberConnector member, ObjectNode manifest, String bindingId, boolean overwrite) {
    MemberObjectId id = MemberObjectId.of(manifest);
    try {
      Optional<ObjectNode> existing = member.get(id.reference());
      if (existing.isPresent() && !MemberOwnership.isOwnedBy(existing.get(), bindingId)) {
        String owner = MemberOwnership.describeOwner(existing.get());
        if (!overwrite) {
          return new Conflict(id, owner);
        }
        log.info("member object taken over cluster={} object={} binding={} previously={}", member.cluster(), id, bindingId, owner);
      }
      if (id.namespace() != null) {
        namespaces.ensure(member, id.namespace());
      }
      ObjectNode desired = manifest.deepCopy();
      // Ownership is what makes later updates and deletions safe: enforce it whatever the Work says.
      ObjectMetas.setLabel(desired, TidewaterLabels.MANAGED_BY, TidewaterLabels.MANAGED_BY_VALUE);
      ObjectMetas.setLabel(desired, TidewaterLabels.BINDING, bindingId);
      ObjectMetas.setLabel(desired, TidewaterLabels.CLUSTER, member.cluster());
      return new Applied(id, member.apply(desired, true));
    } catch (KubernetesClientException e) {
      if (e.getCode() == 404 && id.namespace() != null) {
        namespaces.forget(member.cluster(), id.namespace()); // deleted behind our back: create it next time
      }
      return new Failed(id, describe(e));
    } catch (RuntimeException e) {
      return new Failed(id, e.toString());
    }
  }

  private static String describe(KubernetesClientException e) {
    String message = e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage() : e.getMessage();
    return e.getCode() > 0 ? "HTTP " + e.getCode() + ": " + message : String.valueOf(message);
  }
}
