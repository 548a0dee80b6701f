package io.tidewater.simulator.logs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.api.meta.ObjectMetas;
import io.tidewater.apiserver.errors.ApiException;
import io.tidewater.apiserver.http.HttpExchange;
import io.tidewater.apiserver.storage.CachedObject;
import io.tidewater.apiserver.storage.RegistryStorage;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * {@code pods/log} for simulated pods: synthetic lines from the container's start
 * ({@code container}, {@code tailLines}, {@code sinceSeconds}, {@code limitBytes},
 * {@code timestamps}), and with {@code follow=true} a new line every second until the pod stops
 * running, the client leaves or the cluster closes. Errors read as the kubelet's do.
 */
final class PodLogs {
  /** A kubelet rotates logs; this many lines are kept. */
  static final int MAX_LINES = 10_000;
  private static final Duration FOLLOW_STEP = Duration.ofSeconds(1);

  private final RegistryStorage pods;
  private final Predicate<String> failingImage;
  private final Clock clock;
  private final BooleanSupplier open;

  PodLogs(RegistryStorage pods, Predicate<String> failingImage, Clock clock, BooleanSupplier open) {
    this.pods = pods;
    this.failingImage = failingImage;
    this.clock = clock;
    this.open = open;
  }

  static boolean follows(HttpExchange ex) {
    return "true".equals(ex.query("follow")) || "1".equals(ex.query("follow"));
  }

  void serve(HttpExchange ex, String namespace, String name) throws InterruptedException {
    ObjectNode pod = pod(namespace, name);
    String container = container(pod, ex.query("container"));
    SyntheticLog log = log(pod, container);
    boolean timestamps = "true".equals(ex.query("timestamps"));
    Instant now = clock.instant();
    long total = Math.max(0, log.linesAt(now));
    long first = Math.max(0, total - MAX_LINES);
    Long tail = longParam(ex, "tailLines");
    if (tail != null) {
      first = Math.max(first, total - tail);
    }
    Long since = longParam(ex, "sinceSeconds");
    if (since != null) {
      Instant from = now.minusSeconds(since);
      while (first < total && log.timeOf(first).isBefore(from)) {
        first++;
      }
    }
    Long limitBytes = longParam(ex, "limitBytes");
    StringBuilder out = new StringBuilder();
    for (long n = first; n < total; n++) {
      append(out, log, n, timestamps);
    }
    byte[] body = out.toString().getBytes(StandardCharsets.UTF_8);
    if (limitBytes != null && body.length > limitBytes) {
      body = java.util.Arrays.copyOf(body, (int) Math.max(0, limitBytes));
    }
    if (!follows(ex)) {
      ex.respond(200, "text/plain", body);
      return;
    }
    ex.startStream(200, "text/plain");
    if (body.length > 0 && !ex.write(body)) {
      return;
    }
    long next = total;
    while (open.getAsBoolean()) {
      Thread.sleep(FOLLOW_STEP);
      CachedObject current = pods.cache().get(namespace + "/" + name);
      if (current == null || !ObjectMetas.uid(current.object()).equals(ObjectMetas.uid(pod)) || !running(current.object(), container)) {
        break;
      }
      long upTo = log.linesAt(clock.instant());
      StringBuilder chunk = new StringBuilder();
      for (; next < upTo; next++) {
        append(chunk, log, next, timestamps);
      }
      if (!chunk.isEmpty() && !ex.write(chunk.toString().getBytes(StandardCharsets.UTF_8))) {
        return; // the client left
      }
    }
    ex.endStream();
  }

  private static void append(StringBuilder out, SyntheticLog log, long n, boolean timestamps) {
    if (timestamps) {
      out.append(log.timeOf(n)).append(' ');
    }
    out.append(log.line(n)).append('\n');
  }

  private ObjectNode pod(String namespace, String name) {
    CachedObject cached = pods.cache().get(namespace + "/" + name);
    if (cached == null) {
      throw ApiException.notFound("", "pods", name);
    }
    return cached.object();
  }

  /** The container to read: the one named, or the pod's only container. */
  private static String container(ObjectNode pod, String requested) {
    List<String> containers = names(pod, "containers");
    List<String> init = names(pod, "initContainers");
    String name = ObjectMetas.name(pod);
    if (requested == null || requested.isEmpty()) {
      if (containers.size() == 1) {
        return containers.get(0);
      }
      String msg = "a container name must be specified for pod " + name + ", choose one of: " + goList(containers);
      if (!init.isEmpty()) {
        msg += " or one of the init containers: " + goList(init);
      }
      throw ApiException.badRequest(msg);
    }
    if (!containers.contains(requested) && !init.contains(requested)) {
      throw ApiException.badRequest("container " + requested + " is not valid for pod " + name);
    }
    return requested;
  }

  /** A list as Go prints a slice: [a b c]. */
  private static String goList(List<String> items) {
    return "[" + String.join(" ", items) + "]";
  }

  private static List<String> names(JsonNode pod, String list) {
    List<String> out = new ArrayList<>();
    pod.path("spec").path(list).forEach(c -> out.add(c.path("name").asText()));
    return out;
  }

  private SyntheticLog log(ObjectNode pod, String container) {
    JsonNode status = containerStatus(pod, container);
    JsonNode state = status == null ? null : status.path("state");
    String started = null;
    if (state != null && state.has("running")) {
      started = state.path("running").path("startedAt").asText(null);
    } else if (state != null && state.has("terminated")) {
      started = state.path("terminated").path("startedAt").asText(null);
    } else if (status != null && status.path("lastState").has("terminated")) {
      started = status.path("lastState").path("terminated").path("startedAt").asText(null);
    }
    if (started == null) {
      String reason = state == null ? "ContainerCreating" : state.path("waiting").path("reason").asText("ContainerCreating");
      throw ApiException.badRequest("container \"" + container + "\" in pod \"" + ObjectMetas.name(pod) + "\" is waiting to start: " + reason);
    }
    String image = status.path("image").asText("");
    return new SyntheticLog(ObjectMetas.name(pod), container, ObjectMetas.parseTimestamp(started), failingImage.test(image));
  }

  private static JsonNode containerStatus(JsonNode pod, String container) {
    for (String list : List.of("containerStatuses", "initContainerStatuses")) {
      for (JsonNode s : pod.path("status").path(list)) {
        if (container.equals(s.path("name").asText())) {
          return s;
        }
      }
    }
    return null;
  }

  private static boolean running(JsonNode pod, String container) {
    JsonNode s = containerStatus(pod, container);
    return s != null && s.path("state").has("running") && !ObjectMetas.isDeleting((ObjectNode) pod);
  }

  private static Long longParam(HttpExchange ex, String name) {
    String v = ex.query(name);
    if (v == null || v.isEmpty()) {
      return null;
    }
    try {
      long n = Long.parseLong(v);
      if (n < 0) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw ApiException.badRequest(name + ": Invalid value: \"" + v + "\": must be a non-negative integer");
    }
  }
}
