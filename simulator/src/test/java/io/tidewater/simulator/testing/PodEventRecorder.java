package io.tidewater.simulator.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.apiserver.storage.EventType;
import io.tidewater.apiserver.storage.ListOptions;
import io.tidewater.apiserver.storage.ResourceStorage;
import io.tidewater.apiserver.storage.WatchItem;
import io.tidewater.apiserver.storage.WatchStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Watches a namespace's pods from a list's revision and hands every event, with the pods as they
 * stand after it, to a checker: so invariants are checked at every single event, not at samples.
 */
public final class PodEventRecorder implements AutoCloseable {
  private final WatchStream stream;
  private final Thread thread;
  private final Map<String, ObjectNode> pods = new LinkedHashMap<>();
  private final List<String> violations = Collections.synchronizedList(new ArrayList<>());
  private volatile int events;
  private volatile boolean closed;

  /** @param check receives each event and the pods after it; returns a violation or null */
  public PodEventRecorder(ResourceStorage podStorage, String namespace, BiConsumerWithResult check) {
    var list = podStorage.list(namespace, ListOptions.everything());
    list.items().forEach(o -> pods.put(o.name(), o.object()));
    ListOptions from = new ListOptions(
        io.tidewater.api.selection.LabelSelector.EVERYTHING, io.tidewater.api.selection.FieldSelector.EVERYTHING,
        Long.toString(list.resourceVersion()), "", 0, null, false, null, null);
    this.stream = podStorage.watch(namespace, from);
    this.thread = Thread.ofVirtual().name("pod-event-recorder").start(() -> run(check));
  }

  /** A check of one event: returns a description of what is wrong, or null. */
  @FunctionalInterface
  public interface BiConsumerWithResult {
    String check(WatchItem event, Map<String, ObjectNode> podsAfter);
  }

  private void run(BiConsumerWithResult check) {
    try {
      while (!closed) {
        WatchItem item = stream.poll(200);
        if (item == null) {
          continue;
        }
        synchronized (pods) {
          if (item.type() == EventType.DELETED) {
            pods.remove(item.object().name());
          } else {
            pods.put(item.object().name(), item.object().object());
          }
          events++;
          String v = check.check(item, Collections.unmodifiableMap(pods));
          if (v != null) {
            violations.add("event " + events + " " + item.type() + " " + item.object().name() + ": " + v);
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  public int events() {
    return events;
  }

  public List<String> violations() {
    return List.copyOf(violations);
  }

  public void inspect(BiConsumer<Integer, Map<String, ObjectNode>> action) {
    synchronized (pods) {
      action.accept(events, Collections.unmodifiableMap(pods));
    }
  }

  @Override
  public void close() throws InterruptedException {
    closed = true;
    stream.close();
    thread.join(5_000);
  }
}
