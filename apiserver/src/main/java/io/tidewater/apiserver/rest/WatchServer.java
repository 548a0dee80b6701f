package io.tidewater.apiserver.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.api.json.Json;
import io.tidewater.apiserver.errors.ApiException;
import io.tidewater.apiserver.http.HttpExchange;
import io.tidewater.apiserver.http.MediaTypes;
import io.tidewater.apiserver.registry.ResourceType;
import io.tidewater.apiserver.storage.EventType;
import io.tidewater.apiserver.storage.ListOptions;
import io.tidewater.apiserver.storage.ResourceStorage;
import io.tidewater.apiserver.storage.WatchItem;
import io.tidewater.apiserver.storage.WatchStream;
import io.tidewater.apiserver.table.TableConvertor;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Streams a watch as newline-delimited JSON watch events: initial events, then live ones, with
 * periodic BOOKMARKs when allowed, until {@code timeoutSeconds} or the client leaves. Runs on the
 * request's virtual thread, so a thousand watches are a thousand cheap blocked threads.
 */
final class WatchServer {
  /** Kubernetes sends bookmarks about once a minute; a shorter period keeps resumes cheap. */
  static final long BOOKMARK_PERIOD_MILLIS = 10_000;

  private final long bookmarkPeriodMillis;

  WatchServer(long bookmarkPeriodMillis) {
    this.bookmarkPeriodMillis = bookmarkPeriodMillis;
  }

  /** How long before a watch's deadline its last BOOKMARK goes out, as in Kubernetes. */
  static final long PRE_TIMEOUT_BOOKMARK_MILLIS = 2_000;

  /** Wakes watches for their deadlines and bookmarks: a handful of timers per watch, not one per event. */
  private static final ScheduledExecutorService TIMERS = timers();

  private static ScheduledExecutorService timers() {
    ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, Thread.ofPlatform().daemon().name("watch-timers").factory());
    t.setRemoveOnCancelPolicy(true); // a finished watch's timers must not hold it for an hour
    return t;
  }

  /** Kubernetes' default watch length is a random 30 to 60 minutes. */
  private static long defaultTimeoutMillis() {
    return ThreadLocalRandom.current().nextLong(1_800_000, 3_600_000);
  }

  void serve(HttpExchange ex, ResourceStorage storage, String namespace, ListOptions options) {
    String upgrade = ex.header("Upgrade");
    if (upgrade != null && upgrade.toLowerCase(java.util.Locale.ROOT).contains("websocket")) {
      // WebSocket watches are not served. A WebSocket client (the JDK's, under fabric8) waits for
      // a 101 or a complete response, so streaming the watch would hold its handshake for the
      // whole watch. Ignore the upgrade and end the watch at once instead: a complete 200 is what
      // fabric8 takes as "fall back to an HTTP watch" (503 makes it retry with back-off).
      ex.respond(200, MediaTypes.JSON, new byte[0]);
      return;
    }
    MediaTypes.Accept accept = MediaTypes.negotiate(ex.header("Accept"));
    ResourceType type = storage.type();
    TableConvertor.IncludeObject include =
        accept.rendering() == MediaTypes.Rendering.TABLE ? TableConvertor.IncludeObject.parse(ex.query("includeObject")) : null;
    long timeoutMillis = options.timeoutSeconds() != null && options.timeoutSeconds() > 0 ? options.timeoutSeconds() * 1000L : defaultTimeoutMillis();
    long deadline = System.currentTimeMillis() + timeoutMillis;
    List<ScheduledFuture<?>> timers = new ArrayList<>();
    Encoder encoder = new Encoder(type, accept, include);
    WatchStream opened;
    try {
      opened = storage.watch(namespace, options);
    } catch (ApiException e) {
      if (e.code() != 410) {
        throw e;
      }
      // As Kubernetes does once a watch request is accepted: a resourceVersion too old to resume
      // from is an ERROR event in the stream (which informers turn into a relist), not a 410 reply.
      ex.startStream(200, MediaTypes.JSON);
      ex.write(encoder.error(e));
      ex.endStream();
      return;
    }
    try (WatchStream stream = opened) {
      ex.onFailure(stream::close);
      ex.startStream(200, accept.yaml() ? MediaTypes.JSON : MediaTypes.JSON);
      for (WatchItem item : stream.initial()) {
        if (!ex.write(encoder.event(item))) {
          return;
        }
      }
      if (Boolean.TRUE.equals(options.sendInitialEvents()) && options.allowWatchBookmarks()) {
        if (!ex.write(encoder.bookmark(stream.currentRevision(), true))) {
          return;
        }
      }
      long lastSent = System.currentTimeMillis();
      // As Kubernetes' cacher: one last BOOKMARK shortly before the deadline, so a client can
      // resume from the newest revision however quiet or busy the watch was.
      long preTimeout = deadline - PRE_TIMEOUT_BOOKMARK_MILLIS;
      boolean preTimeoutPending = options.allowWatchBookmarks() && preTimeout > lastSent;
      // The loop waits for events without a timer; these few timers per watch wake it instead.
      timers.add(TIMERS.schedule(stream::wake, deadline - lastSent, TimeUnit.MILLISECONDS));
      if (options.allowWatchBookmarks()) {
        timers.add(TIMERS.scheduleAtFixedRate(stream::wake, bookmarkPeriodMillis, bookmarkPeriodMillis, TimeUnit.MILLISECONDS));
        if (preTimeoutPending) {
          timers.add(TIMERS.schedule(stream::wake, preTimeout - lastSent, TimeUnit.MILLISECONDS));
        }
      }
      while (true) {
        long now = System.currentTimeMillis();
        if (now >= deadline) {
          break;
        }
        WatchItem item;
        try {
          item = stream.poll(-1);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
        if (item != null) {
          if (!ex.write(encoder.event(item))) {
            return;
          }
          lastSent = System.currentTimeMillis();
        } else if (stream.isClosed()) {
          ApiException err = stream.terminalError();
          if (err != null) {
            ex.write(encoder.error(err));
          }
          break;
        }
        if (options.allowWatchBookmarks()) {
          now = System.currentTimeMillis();
          boolean preTimeoutDue = preTimeoutPending && now >= preTimeout;
          boolean idle = item == null && now - lastSent >= bookmarkPeriodMillis;
          if (preTimeoutDue || idle) {
            if (!ex.write(encoder.bookmark(stream.currentRevision(), false))) {
              return;
            }
            lastSent = now;
            preTimeoutPending = preTimeoutPending && !preTimeoutDue;
          }
        }
      }
      ex.endStream();
    } finally {
      timers.forEach(t -> t.cancel(false));
    }
  }

  /** Encodes events for one watch; the first Table event carries the column definitions. */
  private static final class Encoder {
    private final ResourceType type;
    private final MediaTypes.Accept accept;
    private final TableConvertor.IncludeObject include;
    private boolean columnsSent;

    Encoder(ResourceType type, MediaTypes.Accept accept, TableConvertor.IncludeObject include) {
      this.type = type;
      this.accept = accept;
      this.include = include;
    }

    byte[] event(WatchItem item) {
      return switch (accept.rendering()) {
        case OBJECT -> item.object().watchFrame(item.type());
        case PARTIAL_METADATA -> frame(item.type(), Json.bytes(TableConvertor.partialMetadata(item.object().object(), accept.tableVersion())));
        case TABLE -> {
          ObjectNode table = TableConvertor.table(
              type, List.of(item.object().object()), include, accept.tableVersion(), Long.toString(item.revision()), null, null, !columnsSent);
          columnsSent = true;
          yield frame(item.type(), Json.bytes(table));
        }
      };
    }

    byte[] bookmark(long revision, boolean initialEventsEnd) {
      ObjectNode o = Json.object();
      o.put("kind", type.kind());
      o.put("apiVersion", type.apiVersion());
      ObjectNode meta = o.putObject("metadata");
      meta.put("resourceVersion", Long.toString(revision));
      meta.putNull("creationTimestamp");
      if (initialEventsEnd) {
        meta.putObject("annotations").put("k8s.io/initial-events-end", "true");
      }
      return frame(EventType.BOOKMARK, Json.bytes(o));
    }

    byte[] error(ApiException e) {
      return frame(EventType.ERROR, Json.bytes(e.toStatus()));
    }

    private static byte[] frame(EventType type, byte[] object) {
      ByteArrayOutputStream out = new ByteArrayOutputStream(object.length + 32);
      out.writeBytes(("{\"type\":\"" + type.name() + "\",\"object\":").getBytes(StandardCharsets.UTF_8));
      out.writeBytes(object);
      out.writeBytes("}\n".getBytes(StandardCharsets.UTF_8));
      return out.toByteArray();
    }
  }
}
