package io.tidewater.member.informer;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One listener's view of a member informer: the informer's handler only appends to this
 * subscription's queue, and the subscription's own named thread hands events to the listener in
 * order. A slow listener therefore delays nobody but itself; its backlog grows instead.
 *
 * <p>The subscription attaches to the informer once the informer has synced, so the listener first
 * receives the complete synced cache as ADDED events, then {@link MemberEventListener#onSynced},
 * then live changes.
 */
public final class Subscription<T extends HasMetadata> implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Subscription.class);
  private static final long BACKLOG_WARNING = 100_000;

  /** Queue entries: an event, the synced marker, or the stop marker. */
  private sealed interface Entry<T extends HasMetadata> permits EventEntry, SyncedMarker, StopMarker {}

  private record EventEntry<T extends HasMetadata>(MemberEvent<T> event) implements Entry<T> {}

  private record SyncedMarker<T extends HasMetadata>() implements Entry<T> {}

  private record StopMarker<T extends HasMetadata>() implements Entry<T> {}

  private final String name;
  private final SharedIndexInformer<T> informer;
  private final MemberEventListener<T> listener;
  private final LinkedBlockingQueue<Entry<T>> queue = new LinkedBlockingQueue<>();
  private final Thread thread;
  private final ResourceEventHandler<T> handler = new ResourceEventHandler<>() {
    @Override
    public void onAdd(T obj) {
      enqueue(MemberEvent.added(obj));
    }

    @Override
    public void onUpdate(T oldObj, T newObj) {
      enqueue(MemberEvent.updated(oldObj, newObj));
    }

    @Override
    public void onDelete(T obj, boolean deletedFinalStateUnknown) {
      enqueue(MemberEvent.deleted(obj, deletedFinalStateUnknown));
    }
  };
  private volatile boolean attached;
  private volatile boolean closed;
  private volatile boolean synced;
  private boolean backlogWarned;

  Subscription(String name, SharedIndexInformer<T> informer, MemberEventListener<T> listener) {
    this.name = name;
    this.informer = informer;
    this.listener = listener;
    this.thread = Thread.ofVirtual().name(name).unstarted(this::run);
  }

  /** Starts the delivery thread; {@link #attach} follows once the informer has synced. */
  void start() {
    thread.start();
  }

  /**
   * Registers with the synced informer, which replays its cache into the queue before any later
   * change, then marks the end of the replay.
   */
  synchronized void attach() {
    if (closed || attached) {
      return;
    }
    informer.addEventHandler(handler);
    attached = true;
    queue.add(new SyncedMarker<>());
  }

  private void enqueue(MemberEvent<T> event) {
    if (closed) {
      return;
    }
    queue.add(new EventEntry<>(event));
    int size = queue.size();
    if (size > BACKLOG_WARNING && !backlogWarned) {
      backlogWarned = true;
      log.warn("subscription falling behind subscription={} backlog={}", name, size);
    }
  }

  private void run() {
    while (true) {
      Entry<T> entry;
      try {
        entry = queue.poll(1, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        return;
      }
      if (closed || entry instanceof StopMarker<T>) {
        return;
      }
      try {
        switch (entry) {
          case null -> {}
          case EventEntry<T> e -> listener.onEvent(e.event());
          case SyncedMarker<T> m -> {
            synced = true;
            listener.onSynced();
          }
          case StopMarker<T> s -> {}
        }
      } catch (RuntimeException e) {
        log.warn("subscriber failed subscription={} error={}", name, e.toString(), e);
      }
    }
  }

  public String name() {
    return name;
  }

  /** Whether the listener has received the whole synced cache. */
  public boolean hasSynced() {
    return synced;
  }

  /** Events queued but not yet handed to the listener. */
  public int backlog() {
    return queue.size();
  }

  public boolean isClosed() {
    return closed;
  }

  /** Stops delivery; events still queued are dropped. Waits briefly for the delivery thread. */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      if (attached) {
        informer.removeEventHandler(handler);
      }
    }
    queue.clear();
    queue.add(new StopMarker<>());
    if (Thread.currentThread() != thread) {
      try {
        thread.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
