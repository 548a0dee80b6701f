package io.tidewater.member.informer;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One fabric8 informer of one member, with the subscriptions listening to it. Started by the
 * connector on first use; retries its list and watch for as long as it is open, so a member that
 * is down at start-up is picked up when it comes back.
 */
public final class MemberInformer<T extends HasMetadata> implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(MemberInformer.class);

  private final String cluster;
  private final MemberResource<T> resource;
  private final SharedIndexInformer<T> informer;
  private final CompletableFuture<Void> synced = new CompletableFuture<>();
  private final List<Subscription<T>> subscriptions = new ArrayList<>();
  private volatile boolean closed;

  MemberInformer(String cluster, MemberResource<T> resource, SharedIndexInformer<T> informer) {
    this.cluster = cluster;
    this.resource = resource;
    this.informer = informer;
  }

  /** Starts listing and watching; the future from {@link #synced()} completes on the first sync. */
  void start() {
    informer.exceptionHandler((started, t) -> {
      if (!closed) {
        log.warn("informer list/watch failed, retrying cluster={} resource={} error={}", cluster, resource, t.toString());
      }
      return !closed;
    });
    informer.start().whenComplete((v, t) -> {
      if (t != null) {
        synced.completeExceptionally(t);
      } else {
        log.info("informer synced cluster={} resource={} items={}", cluster, resource, informer.getStore().list().size());
        synced.complete(null);
      }
    });
  }

  public String cluster() {
    return cluster;
  }

  public MemberResource<T> resource() {
    return resource;
  }

  public boolean hasSynced() {
    return informer.hasSynced();
  }

  /** Completes once the informer's cache has been filled by its first list. */
  public CompletableFuture<Void> synced() {
    return synced.copy();
  }

  /** Whether the watch is connected right now (false while the member is unreachable). */
  public boolean isWatching() {
    return informer.isWatching();
  }

  /** The cached objects. Meaningless before {@link #hasSynced()}: absence is not deletion. */
  public List<T> list() {
    return informer.getStore().list();
  }

  public Optional<T> get(String namespace, String name) {
    String key = resource.namespaced() ? Cache.namespaceKeyFunc(namespace, name) : Cache.namespaceKeyFunc(null, name);
    return Optional.ofNullable(informer.getStore().getByKey(key));
  }

  /** The member resourceVersion the informer has seen last. */
  public String lastSyncResourceVersion() {
    return informer.lastSyncResourceVersion();
  }

  /**
   * Subscribes {@code listener}: once the informer has synced it receives the cached objects as
   * ADDED, then {@code onSynced}, then every change, on a thread of its own named after
   * {@code subscriber}.
   */
  public Subscription<T> subscribe(String subscriber, MemberEventListener<T> listener) {
    Subscription<T> s = new Subscription<>("member-" + cluster + "-" + resource.plural() + "-" + subscriber, informer, listener);
    synchronized (subscriptions) {
      if (closed) {
        throw new IllegalStateException("informer closed: " + cluster + "/" + resource);
      }
      subscriptions.removeIf(Subscription::isClosed);
      subscriptions.add(s);
    }
    s.start();
    synced.thenRun(s::attach);
    return s;
  }

  @Override
  public void close() {
    List<Subscription<T>> toClose;
    synchronized (subscriptions) {
      closed = true;
      toClose = new ArrayList<>(subscriptions);
      subscriptions.clear();
    }
    toClose.forEach(Subscription::close);
    informer.close();
    synced.cancel(false);
  }
}
