package io.tidewater.simulator.events;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.api.json.Json;
import io.tidewater.api.meta.ObjectMetas;
import io.tidewater.apiserver.errors.ApiException;
import io.tidewater.apiserver.storage.CachedObject;
import io.tidewater.apiserver.storage.DeleteOptions;
import io.tidewater.apiserver.storage.ListOptions;
import io.tidewater.apiserver.storage.RegistryStorage;
import io.tidewater.apiserver.storage.WriteOptions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records core/v1 Events about objects (Scheduled, FailedScheduling, ScalingReplicaSet, ...) so
 * that {@code kubectl describe} and {@code kubectl get events} tell what the simulated control
 * plane did. As client-go's broadcaster: asynchronous, so controllers never wait for it; repeats of
 * the same event bump its count; a full queue drops events rather than slow anyone. Events expire
 * after an hour, as Kubernetes' event TTL.
 */
public final class EventRecorder implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EventRecorder.class);
  private static final int QUEUE = 10_000;
  private static final int REMEMBERED = 4_096;
  private static final Duration TTL = Duration.ofHours(1);
  private static final Duration SWEEP = Duration.ofMinutes(1);

  private record Pending(ObjectNode involved, String type, String reason, String message, String component, Instant at) {}

  private record Recorded(String namespace, String name, int count) {}

  private final String cluster;
  private final RegistryStorage events;
  private final Clock clock;
  private final BlockingQueue<Pending> queue = new ArrayBlockingQueue<>(QUEUE);
  private final Map<String, Recorded> recent = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Recorded> eldest) {
      return size() > REMEMBERED;
    }
  };
  private final Thread writer;
  private volatile boolean closed;
  private final java.util.concurrent.atomic.AtomicLong dropped = new java.util.concurrent.atomic.AtomicLong();

  public EventRecorder(String cluster, RegistryStorage events, Clock clock) {
    this.cluster = cluster;
    this.events = events;
    this.clock = clock;
    this.writer = Thread.ofVirtual().name("events-" + cluster).unstarted(this::run);
  }

  public EventRecorder start() {
    writer.start();
    return this;
  }

  public void normal(ObjectNode involved, String reason, String message, String component) {
    record(involved, "Normal", reason, message, component);
  }

  public void warning(ObjectNode involved, String reason, String message, String component) {
    record(involved, "Warning", reason, message, component);
  }

  private void record(ObjectNode involved, String type, String reason, String message, String component) {
    if (closed || involved == null) {
      return;
    }
    if (!queue.offer(new Pending(involved, type, reason, message, component, clock.instant()))) {
      dropped.incrementAndGet();
    }
  }

  private void run() {
    Instant nextSweep = clock.instant().plus(SWEEP);
    while (!closed) {
      Pending p;
      try {
        p = queue.poll(1, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        return;
      }
      try {
        if (p != null) {
          write(p);
        }
        if (clock.instant().isAfter(nextSweep)) {
          sweep();
          nextSweep = clock.instant().plus(SWEEP);
        }
      } catch (RuntimeException e) {
        log.debug("event not recorded cluster={} error={}", cluster, e.toString());
      }
    }
  }

  private void write(Pending p) {
    String ns = ObjectMetas.namespace(p.involved());
    String namespace = ns == null || ns.isEmpty() ? "default" : ns;
    String uid = ObjectMetas.uid(p.involved());
    String key = uid + "|" + p.type() + "|" + p.reason() + "|" + p.message();
    Recorded seen = recent.get(key);
    String time = ObjectMetas.timestamp(p.at());
    if (seen != null) {
      try {
        events.update(seen.namespace(), seen.name(), current -> {
          current.put("count", seen.count() + 1);
          current.put("lastTimestamp", time);
          ObjectMetas.setResourceVersion(current, null);
          return current;
        }, WriteOptions.of(p.component()));
        recent.put(key, new Recorded(seen.namespace(), seen.name(), seen.count() + 1));
        return;
      } catch (ApiException e) {
        recent.remove(key); // expired or deleted: record it afresh
      }
    }
    ObjectNode e = Json.object();
    e.put("apiVersion", "v1");
    e.put("kind", "Event");
    String name = ObjectMetas.name(p.involved()) + "." + HexFormat.of().toHexDigits(p.at().toEpochMilli() * 1_000_000L + (System.nanoTime() % 1_000_000L));
    e.putObject("metadata").put("name", name).put("namespace", namespace);
    ObjectNode ref = e.putObject("involvedObject");
    ref.put("apiVersion", p.involved().path("apiVersion").asText(""));
    ref.put("kind", p.involved().path("kind").asText(""));
    if (ns != null && !ns.isEmpty()) {
      ref.put("namespace", ns);
    }
    ref.put("name", ObjectMetas.name(p.involved()));
    if (uid != null) {
      ref.put("uid", uid);
    }
    e.put("reason", p.reason());
    e.put("message", p.message());
    e.put("type", p.type());
    e.putObject("source").put("component", p.component());
    e.put("firstTimestamp", time);
    e.put("lastTimestamp", time);
    e.put("count", 1);
    e.put("reportingComponent", p.component());
    e.put("reportingInstance", p.component() + "-" + cluster);
    events.create(namespace, e, WriteOptions.of(p.component()));
    recent.put(key, new Recorded(namespace, name, 1));
  }

  /** Deletes events older than the TTL. */
  private void sweep() {
    Instant cutoff = clock.instant().minus(TTL);
    for (CachedObject o : events.list(null, ListOptions.everything().withResourceVersion0()).items()) {
      String last = o.object().path("lastTimestamp").asText("");
      if (!last.isEmpty() && ObjectMetas.parseTimestamp(last).isBefore(cutoff)) {
        try {
          events.delete(o.namespace(), o.name(), DeleteOptions.DEFAULT);
        } catch (ApiException e) {
          // gone already
        }
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    writer.interrupt();
    try {
      writer.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (dropped.get() > 0) {
      log.info("events dropped cluster={} count={}", cluster, dropped);
    }
  }
}
