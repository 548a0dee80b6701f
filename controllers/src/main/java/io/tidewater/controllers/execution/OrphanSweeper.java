package io.tidewater.controllers.execution;

import io.tidewater.controllers.propagation.PropagationController;
import io.tidewater.controllers.runtime.ObjectInformer;
import io.tidewater.controllers.runtime.ObjectKey;
import io.tidewater.member.MemberConnector;
import io.tidewater.member.Members;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds Tidewater's objects in members whose Work no longer exists (a Work removed without its
 * finalizer running, say) and hands their Work keys to the controller, which deletes them.
 *
 * <p>Absence from a cache is not deletion: a member is swept only while it is Ready, the
 * federation's Work informer and the member's informers have synced, and an object counts as
 * orphaned only when two consecutive sweeps found its Work missing. The deletion itself runs in
 * the Work's own reconcile (serialised with everything else done for that key), which checks
 * again that the Work is absent.
 */
final class OrphanSweeper {
  private static final Logger log = LoggerFactory.getLogger(OrphanSweeper.class);

  private final Members members;
  private final ObjectInformer works;
  private final ManagedObjectLister lister;
  private final Consumer<ObjectKey> requeue;
  /** Work keys found orphaned by the last sweep, with their binding id. */
  private Map<ObjectKey, String> suspects = new HashMap<>();
  /** Work keys found orphaned by two sweeps in a row, waiting for their reconcile. */
  private final Map<ObjectKey, String> confirmed = new ConcurrentHashMap<>();

  OrphanSweeper(Members members, ObjectInformer works, ManagedObjectLister lister, Consumer<ObjectKey> requeue) {
    this.members = members;
    this.works = works;
    this.lister = lister;
    this.requeue = requeue;
  }

  /** One pass over every member. Called from one thread at a time. */
  synchronized void sweep() {
    if (!works.hasSynced()) {
      return;
    }
    Map<ObjectKey, String> found = new HashMap<>();
    for (MemberConnector member : members.all()) {
      if (member.isClosed() || !member.currentHealth().isReady() || !ManagedObjectLister.informersSynced(member)) {
        continue;
      }
      try {
        for (ManagedObjectLister.ManagedObject o : lister.list(member, null)) {
          if (!member.cluster().equals(o.clusterLabel())) {
            continue; // another registration of the same cluster manages it
          }
          MemberOwnership.WorkName w = MemberOwnership.workOf(member.cluster(), o.bindingId());
          if (w != null && BindingWorks.in(works, member.cluster(), w).isEmpty()) {
            found.put(ObjectKey.of(PropagationController.WORK, w.namespace(), w.name()), o.bindingId());
          }
        }
      } catch (RuntimeException e) {
        log.debug("orphan sweep skipped cluster={} error={}", member.cluster(), e.toString());
      }
    }
    for (Map.Entry<ObjectKey, String> e : found.entrySet()) {
      if (e.getValue().equals(suspects.get(e.getKey())) && confirmed.put(e.getKey(), e.getValue()) == null) {
        log.info("orphaned member objects found work={} binding={}", e.getKey().storeKey(), e.getValue());
        requeue.accept(e.getKey());
      }
    }
    confirmed.keySet().retainAll(found.keySet());
    suspects = found;
  }

  /** The binding id of a Work key confirmed orphaned, or null. */
  String confirmedOrphan(ObjectKey work) {
    return confirmed.get(work);
  }

  void settled(ObjectKey work) {
    confirmed.remove(work);
  }
}
