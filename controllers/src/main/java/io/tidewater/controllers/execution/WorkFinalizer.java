package io.tidewater.controllers.execution;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.tidewater.api.json.Json;
import io.tidewater.api.meta.ObjectMetas;
import io.tidewater.controllers.propagation.PropagationController;
import io.tidewater.controllers.runtime.FederationClient;
import io.tidewater.controllers.runtime.KindInfo;
import java.util.ArrayList;
import java.util.List;

/**
 * Adds and removes the execution finalizer on a Work with a JSON patch pinned to the version read
 * (a {@code test} of its resourceVersion). Server-side apply would be shorter, but it creates what
 * is missing: releasing the finalizer of a Work deleted meanwhile would bring back an empty one.
 */
final class WorkFinalizer {
  private final FederationClient client;
  private final String finalizer;

  WorkFinalizer(FederationClient client, String finalizer) {
    this.client = client;
    this.finalizer = finalizer;
  }

  boolean has(ObjectNode work) {
    return ObjectMetas.finalizers(work).contains(finalizer);
  }

  void add(ObjectNode work) {
    List<String> next = new ArrayList<>(ObjectMetas.finalizers(work));
    if (!next.contains(finalizer)) {
      next.add(finalizer);
      patch(work, next);
    }
  }

  /** Removes the finalizer; a Work already gone is fine. */
  void remove(ObjectNode work) {
    List<String> next = new ArrayList<>(ObjectMetas.finalizers(work));
    if (next.remove(finalizer)) {
      try {
        patch(work, next);
      } catch (KubernetesClientException e) {
        if (e.getCode() != 404) {
          throw e;
        }
      }
    }
  }

  private void patch(ObjectNode work, List<String> finalizers) {
    ArrayNode ops = Json.NODES.arrayNode();
    ops.addObject().put("op", "test").put("path", "/metadata/resourceVersion").put("value", ObjectMetas.resourceVersion(work));
    ArrayNode value = Json.NODES.arrayNode();
    finalizers.forEach(value::add);
    ops.addObject().put("op", "add").put("path", "/metadata/finalizers").set("value", value);
    client.fabric8().genericKubernetesResources(KindInfo.require(PropagationController.WORK).context())
        .inNamespace(ObjectMetas.namespace(work)).withName(ObjectMetas.name(work))
        .patch(PatchContext.of(PatchType.JSON), Json.string(ops));
  }
}
