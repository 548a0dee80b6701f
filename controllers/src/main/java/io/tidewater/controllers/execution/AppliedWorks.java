package io.tidewater.controllers.execution;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.api.meta.ObjectMetas;
import io.tidewater.api.work.Work;
import io.tidewater.controllers.propagation.PropagationController;
import io.tidewater.controllers.runtime.ObjectKey;
import io.tidewater.member.MemberConnector;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which version of each Work was last applied in full, to which connector, and when. A reconcile
 * triggered by a member status change then only reads status: applying again would change
 * nothing, yet every apply is a write that wakes the member's watchers (and this controller) again.
 */
final class AppliedWorks {
  private record Entry(String uid, long generation, String conflictResolution, MemberConnector member, long appliedAtNanos) {}

  private final Map<ObjectKey, Entry> entries = new ConcurrentHashMap<>();

  /** Whether this version of the Work was applied to this connector within {@code maxAge}. */
  boolean upToDate(ObjectKey key, ObjectNode work, MemberConnector member, Duration maxAge) {
    Entry e = entries.get(key);
    return e != null && e.member() == member && e.uid().equals(ObjectMetas.uid(work)) && e.generation() == ObjectMetas.generation(work)
        && Objects.equals(e.conflictResolution(), conflictResolution(work)) && System.nanoTime() - e.appliedAtNanos() < maxAge.toNanos();
  }

  /** Whether the Work was applied less than {@code age} ago (member caches may not show it yet). */
  boolean appliedWithin(ObjectKey key, Duration age) {
    Entry e = entries.get(key);
    return e != null && System.nanoTime() - e.appliedAtNanos() < age.toNanos();
  }

  void remember(ObjectKey key, ObjectNode work, MemberConnector member) {
    entries.put(key, new Entry(ObjectMetas.uid(work), ObjectMetas.generation(work), conflictResolution(work), member, System.nanoTime()));
  }

  void forget(ObjectKey key) {
    entries.remove(key);
  }

  /** Forgets every Work of a member, so all are applied again (the member came back, or changed). */
  void forgetCluster(String cluster) {
    String namespace = Work.executionNamespace(cluster);
    entries.keySet().removeIf(k -> k.namespace().equals(namespace));
  }

  static String conflictResolution(ObjectNode work) {
    return ObjectMetas.annotation(work, PropagationController.CONFLICT_RESOLUTION_ANNOTATION);
  }
}
