package io.tidewater.controllers.execution;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.tidewater.api.meta.ObjectMetas;
import io.tidewater.member.MemberConnector;
import io.tidewater.member.write.DeleteRequest;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes a member object only if it carries Tidewater's labels for the given binding, and only
 * in the version that was checked (a resourceVersion precondition): an object someone else took
 * over or recreated meanwhile is left alone.
 */
final class OwnedObjectDeleter {
  private static final Logger log = LoggerFactory.getLogger(OwnedObjectDeleter.class);

  /** Returns whether a deletion was requested. Throws when the member cannot be asked. */
  boolean deleteIfOwned(MemberConnector member, MemberObjectId id, String bindingId, String why) {
    Optional<ObjectNode> current = member.get(id.reference());
    if (current.isEmpty()) {
      return false;
    }
    if (!MemberOwnership.isOwnedBy(current.get(), bindingId)) {
      log.info("member object kept cluster={} object={} binding={} reason=\"{}\"", member.cluster(), id, bindingId,
          MemberOwnership.describeOwner(current.get()));
      return false;
    }
    if (ObjectMetas.isDeleting(current.get())) {
      return true;
    }
    try {
      boolean deleted = member.delete(id.reference(), new DeleteRequest(null, null, ObjectMetas.resourceVersion(current.get())));
      if (deleted) {
        log.info("member object deleted cluster={} object={} binding={} why={}", member.cluster(), id, bindingId, why);
      }
      return deleted;
    } catch (KubernetesClientException e) {
      if (e.getCode() == 404) {
        return false;
      }
      throw e;
    }
  }
}
