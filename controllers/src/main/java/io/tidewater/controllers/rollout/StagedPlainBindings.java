package io.tidewater.controllers.rollout;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.controllers.runtime.ObjectKey;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The bindings of plain objects (ConfigMaps, Secrets, Services: no replicas) that are in the middle
 * of a staged rollout, by namespace. A workload's status change may open their gate; keeping them
 * here lets that change wake exactly them instead of copying every binding of the namespace out of
 * the informer on every status write of every workload.
 */
final class StagedPlainBindings {
  private final Map<String, Set<ObjectKey>> byNamespace = new ConcurrentHashMap<>();

  /** Records a binding's latest state ({@code binding} null once deleted). */
  void update(ObjectKey key, ObjectNode binding) {
    boolean staged = binding != null && plain(binding) && StageState.on(binding) != null;
    if (staged) {
      byNamespace.computeIfAbsent(key.namespace(), ns -> ConcurrentHashMap.newKeySet()).add(key);
    } else {
      byNamespace.computeIfPresent(key.namespace(), (ns, keys) -> {
        keys.remove(key);
        return keys.isEmpty() ? null : keys;
      });
    }
  }

  /** The staged plain bindings of a namespace (a snapshot). */
  Set<ObjectKey> in(String namespace) {
    Set<ObjectKey> keys = byNamespace.get(namespace);
    return keys == null ? Set.of() : Set.copyOf(keys);
  }

  static boolean plain(ObjectNode binding) {
    return binding.path("spec").path("replicas").asInt(0) == 0;
  }
}
