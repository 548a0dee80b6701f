package io.tidewater.gateway.view;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.tidewater.api.meta.ObjectMetas;
import io.tidewater.member.MemberObjects;
import io.tidewater.member.informer.MemberEvent;
import io.tidewater.member.informer.MemberEventListener;
import io.tidewater.member.informer.MemberInformer;
import io.tidewater.member.informer.Subscription;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One member's objects of one kind in the merged view. While attached it follows the member's
 * informer through a subscription of its own (so its conversions run on its own thread, in
 * parallel with other members); detached, it has removed everything it added, with DELETED
 * events. It remembers each object's member resourceVersion to skip no-op updates (a re-list
 * after a reconnect repeats objects unchanged).
 */
final class MemberFeed {
  private static final Logger log = LoggerFactory.getLogger(MemberFeed.class);

  private final String cluster;
  private final MergedKind kind;
  private final MergedCache cache;
  private final ReentrantLock lock = new ReentrantLock();
  /** Merged keys of the objects this feed has put into the cache, with their member resourceVersion. */
  private final Map<String, String> memberVersions = new HashMap<>();
  private Subscription<? extends HasMetadata> subscription;

  MemberFeed(String cluster, MergedKind kind, MergedCache cache) {
    this.cluster = cluster;
    this.kind = kind;
    this.cache = cache;
  }

  /** Starts following the informer, unless already attached: its synced cache is replayed first. */
  <T extends HasMetadata> void attach(MemberInformer<T> informer) {
    lock.lock();
    try {
      if (subscription != null) {
        return;
      }
      // The listener may run before subscribe() returns; it reads its own subscription from this
      // holder under the lock, which attach() holds until the holder is filled.
      Subscription<T>[] self = newHolder();
      self[0] = informer.subscribe("gateway", new MemberEventListener<T>() {
        @Override
        public void onEvent(MemberEvent<T> event) {
          apply(self, event);
        }

        @Override
        public void onSynced() {
          log.info("gateway feed synced cluster={} kind={} objects={}", cluster, kind, size());
        }
      });
      subscription = self[0];
    } finally {
      lock.unlock();
    }
  }

  @SuppressWarnings("unchecked")
  private static <T extends HasMetadata> Subscription<T>[] newHolder() {
    return (Subscription<T>[]) new Subscription<?>[1];
  }

  boolean isAttached() {
    lock.lock();
    try {
      return subscription != null;
    } finally {
      lock.unlock();
    }
  }

  boolean hasSynced() {
    lock.lock();
    try {
      return subscription != null && subscription.hasSynced();
    } finally {
      lock.unlock();
    }
  }

  int size() {
    lock.lock();
    try {
      return memberVersions.size();
    } finally {
      lock.unlock();
    }
  }

  /** The member resourceVersion of a merged object this feed holds, or null. */
  String memberResourceVersion(String key) {
    lock.lock();
    try {
      return memberVersions.get(key);
    } finally {
      lock.unlock();
    }
  }

  private <T extends HasMetadata> void apply(Subscription<T>[] from, MemberEvent<T> event) {
    // Conversion happens before taking any lock: it is the costly part, and it is per member.
    ObjectNode json = MemberObjects.toJson(event.object());
    String memberRv = ObjectMetas.resourceVersion(json);
    ObjectNode merged = ObjectRewriter.toMerged(kind, cluster, json);
    String key = cache.keyOf(merged);
    lock.lock();
    try {
      if (from[0] != subscription) {
        return; // detached meanwhile: this event belongs to a subscription that is going away
      }
      if (event.type() == MemberEvent.Type.DELETED) {
        if (memberVersions.remove(key) != null) {
          cache.remove(key, merged);
        }
        return;
      }
      String seen = memberVersions.put(key, memberRv == null ? "" : memberRv);
      if (seen != null && seen.equals(memberRv)) {
        return;
      }
      cache.put(merged);
    } finally {
      lock.unlock();
    }
  }

  /** Stops following the member but leaves its objects in place (the gateway is shutting down). */
  void stop() {
    Subscription<? extends HasMetadata> old;
    lock.lock();
    try {
      old = subscription;
      subscription = null;
    } finally {
      lock.unlock();
    }
    if (old != null) {
      old.close();
    }
  }

  /** Stops following the member and removes its objects from the merged view. */
  void detach(String reason) {
    Subscription<? extends HasMetadata> old;
    int removed;
    lock.lock();
    try {
      old = subscription;
      subscription = null;
      List<String> keys = new ArrayList<>(memberVersions.keySet());
      memberVersions.clear();
      keys.forEach(k -> cache.remove(k, null));
      removed = keys.size();
    } finally {
      lock.unlock();
    }
    if (old != null) {
      old.close();
      log.info("gateway feed detached cluster={} kind={} removed={} reason={}", cluster, kind, removed, reason);
    }
  }
}
