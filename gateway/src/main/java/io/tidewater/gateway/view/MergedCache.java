package io.tidewater.gateway.view;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.api.json.Json;
import io.tidewater.api.meta.ObjectMetas;
import io.tidewater.apiserver.registry.ResourceType;
import io.tidewater.apiserver.storage.CacheEvent;
import io.tidewater.apiserver.storage.CachedObject;
import io.tidewater.apiserver.storage.EventType;
import io.tidewater.apiserver.storage.KeyLayout;
import io.tidewater.apiserver.storage.WatchCache;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The merged view of one kind across all members: a {@link WatchCache} (current objects, bounded
 * history, watchers) fed with the gateway's own revisions. Every member feed of the kind writes
 * through here; the lock makes "take the next revision, encode, apply" one step, so the history
 * stays in revision order. Writes hold it only for in-memory work (never for I/O), which is what
 * keeps a slow member from stalling the others.
 */
public final class MergedCache {
  private final ResourceType type;
  private final GatewayRevisions revisions;
  private final WatchCache cache;
  private final ReentrantLock lock = new ReentrantLock();

  public MergedCache(ResourceType type, GatewayRevisions revisions, int historyCapacity) {
    this.type = type;
    this.revisions = revisions;
    this.cache = new WatchCache(type, historyCapacity);
    // Everything before the seed belongs to another run of the gateway: resuming there is 410.
    cache.replace(List.of(), revisions.current(), null);
  }

  public ResourceType type() {
    return type;
  }

  public WatchCache watchCache() {
    return cache;
  }

  public GatewayRevisions revisions() {
    return revisions;
  }

  /** The key of a merged object in the cache: {@code namespace/name}, or the name. */
  public String keyOf(ObjectNode merged) {
    return KeyLayout.objectKey(type.namespaced() ? ObjectMetas.namespace(merged) : null, ObjectMetas.name(merged));
  }

  public String key(String namespace, String mergedName) {
    return KeyLayout.objectKey(type.namespaced() ? namespace : null, mergedName);
  }

  public CachedObject get(String key) {
    return cache.get(key);
  }

  /** Adds or replaces an object (already in merged form, owned by the caller) under a new revision. */
  void put(ObjectNode merged) {
    String key = keyOf(merged);
    lock.lock();
    try {
      long rv = revisions.next();
      CachedObject next = encode(key, rv, merged);
      CachedObject previous = cache.get(key);
      cache.apply(new CacheEvent(previous == null ? EventType.ADDED : EventType.MODIFIED, next, previous, rv));
    } finally {
      lock.unlock();
    }
  }

  /**
   * Removes an object with a DELETED event carrying {@code finalState} (or the cached state when
   * null) at a new revision. Does nothing if the object is not there.
   */
  void remove(String key, ObjectNode finalState) {
    lock.lock();
    try {
      CachedObject previous = cache.get(key);
      if (previous == null) {
        return;
      }
      long rv = revisions.next();
      ObjectNode last = finalState != null ? finalState : previous.object().deepCopy();
      cache.apply(new CacheEvent(EventType.DELETED, encode(key, rv, last), previous, rv));
    } finally {
      lock.unlock();
    }
  }

  private CachedObject encode(String key, long rv, ObjectNode obj) {
    ObjectMetas.setResourceVersion(obj, Long.toString(rv));
    return CachedObject.of(key, rv, obj, Json.bytes(obj), cache.fieldIndexer().index(obj));
  }
}
