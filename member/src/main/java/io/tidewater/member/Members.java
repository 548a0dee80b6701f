package io.tidewater.member;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connectors of the fleet, by cluster name: the single owner of every connector. Adding a
 * connector under a name that is taken replaces (and closes) the old one; closing the registry
 * closes them all. Listeners hear about every change, in order.
 */
public final class Members implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Members.class);

  /** Told about connectors joining and leaving. Called under the registry's lock: return quickly. */
  public interface Listener {
    void added(MemberConnector connector);

    void removed(MemberConnector connector);
  }

  private final Map<String, MemberConnector> connectors = new TreeMap<>();
  private final List<Listener> listeners = new CopyOnWriteArrayList<>();
  private boolean closed;

  /** Adds a connector, replacing and closing any other of the same cluster name. */
  public void put(MemberConnector connector) {
    MemberConnector old;
    synchronized (this) {
      if (closed) {
        connector.close();
        throw new IllegalStateException("members registry closed");
      }
      old = connectors.put(connector.cluster(), connector);
      if (old != null && old != connector) {
        listeners.forEach(l -> l.removed(old));
      }
      if (old != connector) {
        listeners.forEach(l -> l.added(connector));
      }
    }
    if (old != null && old != connector) {
      log.info("member replaced cluster={}", connector.cluster());
      old.close();
    } else if (old == null) {
      log.info("member added cluster={}", connector.cluster());
    }
  }

  /** Removes and closes the named member's connector; false if there was none. */
  public boolean remove(String cluster) {
    MemberConnector old;
    synchronized (this) {
      old = connectors.remove(cluster);
      if (old != null) {
        listeners.forEach(l -> l.removed(old));
      }
    }
    if (old == null) {
      return false;
    }
    log.info("member removed cluster={}", cluster);
    old.close();
    return true;
  }

  public synchronized Optional<MemberConnector> get(String cluster) {
    return Optional.ofNullable(connectors.get(cluster));
  }

  /** The connectors now, by cluster name. */
  public synchronized Collection<MemberConnector> all() {
    return List.copyOf(connectors.values());
  }

  /**
   * Adds a listener and tells it about the connectors already present; returns a handle that
   * removes it.
   */
  public AutoCloseable addListener(Listener listener) {
    synchronized (this) {
      listeners.add(listener);
      connectors.values().forEach(listener::added);
    }
    return () -> listeners.remove(listener);
  }

  @Override
  public void close() {
    List<MemberConnector> toClose;
    synchronized (this) {
      closed = true;
      toClose = new ArrayList<>(connectors.values());
      connectors.clear();
      for (MemberConnector c : toClose) {
        listeners.forEach(l -> l.removed(c));
      }
    }
    toClose.forEach(MemberConnector::close);
  }
}
