package io.tidewater.controllers.execution;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.api.meta.ObjectMetas;
import io.tidewater.api.meta.TidewaterLabels;
import io.tidewater.api.work.Work;
import io.tidewater.controllers.propagation.PropagationController;
import io.tidewater.controllers.runtime.ObjectInformer;
import io.tidewater.controllers.runtime.ObjectKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Works that one binding has in one member's execution namespace, found by their binding
 * labels rather than by name: a Work written under an earlier naming ({@code <binding name>}
 * alone, before {@link Work#nameFor}) is still the one that owns the member's objects, and must
 * neither be taken for missing (its objects would look orphaned) nor miss its member's events.
 */
final class BindingWorks {
  private BindingWorks() {}

  /** The keys of the binding's Works for {@code cluster}; empty when it has none there. */
  static List<ObjectKey> in(ObjectInformer works, String cluster, MemberOwnership.WorkName binding) {
    String namespace = Work.executionNamespace(cluster);
    List<ObjectKey> out = new ArrayList<>(1);
    for (ObjectNode w : works.listWithLabels(Map.of(TidewaterLabels.BINDING_NAMESPACE, binding.bindingNamespace(),
        TidewaterLabels.BINDING_NAME, binding.bindingName()))) {
      if (namespace.equals(ObjectMetas.namespace(w))) {
        out.add(ObjectKey.of(PropagationController.WORK, namespace, ObjectMetas.name(w)));
      }
    }
    return out;
  }
}
