package io.tidewater.simulator.nodes;

import io.tidewater.apiserver.errors.ApiException;
import io.tidewater.apiserver.storage.CachedObject;
import io.tidewater.apiserver.storage.EventType;
import io.tidewater.apiserver.storage.ObjectFilter;
import io.tidewater.apiserver.storage.WatchItem;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The nodes of one simulated cluster and their change log: the current record of every node by
 * name, a bounded history of changes for watches that resume from a resourceVersion, and the live
 * watchers. Every change gets its own revision from a counter private to the nodes, so a watch
 * resumed from any event's resourceVersion misses nothing.
 *
 * <p>All changes go through {@link #commit}, under one lock; reads of single nodes and of the
 * snapshot take no lock.
 */
public final class NodeBook {
  private static final int WATCH_QUEUE = 100_000;

  /** One change to commit: a new state for a node, or its removal (record null). */
  public record Change(String name, NodeRecord record, long expectedRevision) {
    /** A change that applies whatever the node's current revision. */
    public static Change of(String name, NodeRecord record) {
      return new Change(name, record, -1);
    }
  }

  private final NodeObjects objects;
  private final int historyCapacity;
  private final ReentrantLock lock = new ReentrantLock();
  private final TreeMap<String, NodeRecord> nodes = new TreeMap<>();
  private final ArrayDeque<NodeEvent> history = new ArrayDeque<>();
  private final List<NodeWatch> watchers = new ArrayList<>();
  private final List<NodeListener> listeners = new CopyOnWriteArrayList<>();
  private volatile long revision = 1;
  private long historyStart = 1;
  /** Every node in name order, replaced on each commit; lookups binary-search it without a lock. */
  private volatile List<NodeRecord> snapshot = List.of();

  NodeBook(NodeObjects objects, int historyCapacity) {
    this.objects = objects;
    this.historyCapacity = historyCapacity;
  }

  public void addListener(NodeListener l) {
    listeners.add(l);
  }

  public long revision() {
    return revision;
  }

  /** The current record of a node, or null. */
  public NodeRecord get(String name) {
    List<NodeRecord> s = snapshot;
    int lo = 0;
    int hi = s.size() - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      int c = s.get(mid).name().compareTo(name);
      if (c < 0) {
        lo = mid + 1;
      } else if (c > 0) {
        hi = mid - 1;
      } else {
        return s.get(mid);
      }
    }
    return null;
  }

  /** Every node, in name order; an immutable snapshot. */
  public List<NodeRecord> snapshot() {
    return snapshot;
  }

  public int size() {
    return snapshot.size();
  }

  /**
   * Applies changes atomically, each with the next revision.
   *
   * @throws ApiException 409 when a change's expected revision is not the node's current one
   */
  public List<NodeRecord> commit(List<Change> changes) {
    List<NodeRecord> committed = new ArrayList<>(changes.size());
    List<NodeEvent> events = new ArrayList<>(changes.size());
    lock.lock();
    try {
      for (Change c : changes) {
        NodeRecord before = nodes.get(c.name());
        if (c.expectedRevision() >= 0 && (before == null ? 0 : before.revision()) != c.expectedRevision()) {
          throw ApiException.staleResourceVersion("", "nodes", c.name());
        }
      }
      for (Change c : changes) {
        NodeRecord before = nodes.get(c.name());
        if (c.record() == null && before == null) {
          continue;
        }
        long rev = revision + 1;
        NodeEvent event;
        if (c.record() == null) {
          nodes.remove(c.name());
          event = new NodeEvent(EventType.DELETED, before, before, rev);
          committed.add(before);
        } else {
          NodeRecord after = c.record().withRevision(rev);
          nodes.put(after.name(), after); // the record's own name: one String per node, not two
          event = new NodeEvent(before == null ? EventType.ADDED : EventType.MODIFIED, after, before, rev);
          committed.add(after);
        }
        revision = rev;
        history.addLast(event);
        if (history.size() > historyCapacity) {
          historyStart = history.removeFirst().revision();
        }
        for (NodeWatch w : watchers) {
          w.offer(event);
        }
        events.add(event);
      }
      if (!events.isEmpty()) {
        snapshot = List.copyOf(nodes.values());
      }
      // Listeners hear of changes only once reads show them: what they queue may run at once.
      for (NodeEvent event : events) {
        for (NodeListener l : listeners) {
          l.onChange(event);
        }
      }
      return committed;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Starts a watch: with {@code fromRevision} &lt; 0 it begins with every matching node as ADDED;
   * otherwise it replays every change after {@code fromRevision}.
   *
   * @throws ApiException 410 Gone when the history no longer reaches back to {@code fromRevision}
   */
  NodeWatch watch(ObjectFilter filter, long fromRevision) {
    lock.lock();
    try {
      List<WatchItem> initial = new ArrayList<>();
      if (fromRevision < 0) {
        for (NodeRecord r : nodes.values()) {
          if (NodeObjects.labelsMayMatch(filter, r)) {
            CachedObject o = objects.cached(r);
            if (filter.matches(o)) {
              initial.add(new WatchItem(EventType.ADDED, o, r.revision()));
            }
          }
        }
      } else if (fromRevision < historyStart) {
        throw ApiException.gone("too old resource version: " + fromRevision + " (" + historyStart + ")");
      }
      NodeWatch w = new NodeWatch(objects, filter, initial, WATCH_QUEUE, this::revision, this::unregister);
      if (fromRevision >= 0) {
        for (NodeEvent e : history) {
          if (e.revision() > fromRevision) {
            w.offer(e);
          }
        }
      }
      watchers.add(w);
      return w;
    } finally {
      lock.unlock();
    }
  }

  private void unregister(NodeWatch w) {
    lock.lock();
    try {
      watchers.remove(w);
    } finally {
      lock.unlock();
    }
  }

  /** Ends every watch (the cluster is closing). */
  void terminateWatchers() {
    List<NodeWatch> all;
    lock.lock();
    try {
      all = new ArrayList<>(watchers);
    } finally {
      lock.unlock();
    }
    all.forEach(w -> w.terminate(null));
  }
}
