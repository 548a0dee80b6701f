package io.tidewater.member.write;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.api.model.StatusDetails;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.tidewater.api.meta.ObjectMetas;
import io.tidewater.member.MemberObjects;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Writes to one member: server-side apply with Tidewater's field manager, get and delete. Every
 * write is idempotent, so a reconciler may repeat it after any failure.
 */
public final class ManifestWriter {
  /** The field manager that owns what Tidewater applies to members. */
  public static final String FIELD_MANAGER = "tidewater";

  private final String cluster;
  private final KubernetesClient client;

  public ManifestWriter(String cluster, KubernetesClient client) {
    this.cluster = cluster;
    this.client = client;
  }

  /**
   * Server-side applies {@code manifest} (apiVersion, kind, metadata.name and, for namespaced
   * kinds, metadata.namespace set) as field manager {@code tidewater}, and returns the object as
   * the member stored it. Re-applying the same manifest changes nothing.
   *
   * @param force take over fields another manager owns; without it such a conflict throws
   * @throws ApplyConflictException when not forced and another manager owns an applied field
   */
  public ObjectNode apply(ObjectNode manifest, boolean force) {
    ObjectNode cleaned = manifest.deepCopy();
    ObjectNode meta = ObjectMetas.metadata(cleaned);
    // Server-side apply rejects these in an apply configuration, and they are not ours to set.
    meta.remove("resourceVersion");
    meta.remove("managedFields");
    meta.remove("uid");
    meta.remove("creationTimestamp");
    GenericKubernetesResource resource = MemberObjects.serialization().convertValue(cleaned, GenericKubernetesResource.class);
    try {
      var op = client.resource(resource).fieldManager(FIELD_MANAGER);
      GenericKubernetesResource applied = (force ? op.forceConflicts() : op).serverSideApply();
      return MemberObjects.toJson(applied);
    } catch (KubernetesClientException e) {
      if (e.getCode() == 409 && !force) {
        throw conflict(e);
      }
      throw e;
    }
  }

  private ApplyConflictException conflict(KubernetesClientException e) {
    List<ApplyConflictException.Conflict> conflicts = new ArrayList<>();
    if (e.getStatus() != null && e.getStatus().getDetails() != null && e.getStatus().getDetails().getCauses() != null) {
      for (StatusCause c : e.getStatus().getDetails().getCauses()) {
        conflicts.add(new ApplyConflictException.Conflict(c.getField(), c.getMessage()));
      }
    }
    String message = e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage() : e.getMessage();
    return new ApplyConflictException("apply conflict on member " + cluster + ": " + message, conflicts);
  }

  /** The object as the member has it now, or empty if it does not exist. */
  public Optional<ObjectNode> get(ObjectReference ref) {
    GenericKubernetesResource found = resource(ref).get();
    return Optional.ofNullable(found).map(MemberObjects::toJson);
  }

  /**
   * Deletes the object. Returns false if it did not exist (deleting is then already done); true
   * once the member accepted the deletion, which may still wait for finalizers or a grace period.
   *
   * @throws KubernetesClientException 409 when a resourceVersion precondition no longer holds
   */
  public boolean delete(ObjectReference ref, DeleteRequest request) {
    Resource<GenericKubernetesResource> r = resource(ref);
    List<StatusDetails> details;
    if (request.resourceVersion() != null) {
      details = r.lockResourceVersion(request.resourceVersion()).delete();
    } else if (request.propagationPolicy() != null && request.gracePeriodSeconds() != null) {
      details = r.withPropagationPolicy(DeletionPropagation.valueOf(request.propagationPolicy().toUpperCase(java.util.Locale.ROOT)))
          .withGracePeriod(request.gracePeriodSeconds()).delete();
    } else if (request.propagationPolicy() != null) {
      details = r.withPropagationPolicy(DeletionPropagation.valueOf(request.propagationPolicy().toUpperCase(java.util.Locale.ROOT))).delete();
    } else if (request.gracePeriodSeconds() != null) {
      details = r.withGracePeriod(request.gracePeriodSeconds()).delete();
    } else {
      details = r.delete();
    }
    return !details.isEmpty();
  }

  private Resource<GenericKubernetesResource> resource(ObjectReference ref) {
    var op = client.genericKubernetesResources(ref.apiVersion(), ref.kind());
    return ref.namespace() == null ? op.withName(ref.name()) : op.inNamespace(ref.namespace()).withName(ref.name());
  }
}
