package io.tidewater.controllers.descheduler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.api.meta.ObjectMetas;
import io.tidewater.api.meta.TidewaterLabels;
import io.tidewater.api.work.ResourceBinding;
import io.tidewater.controllers.detector.BindingDetector;
import io.tidewater.controllers.runtime.FederationClient;
import io.tidewater.controllers.runtime.ObjectInformer;
import io.tidewater.controllers.scheduling.Descheduled;
import io.tidewater.member.MemberConnector;
import io.tidewater.member.Members;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Descheduling (issue 4 §3): replicas a member could not run for longer than a threshold are
 * handed back to the scheduler. For each binding whose pods stay {@code Unschedulable} in a
 * member, it caps that member's share at what it can run (annotation
 * {@link TidewaterLabels#DESCHEDULED}) for a cool-down; the scheduler then places the difference
 * by the usual tier rules in clusters that have room, and sends no new replicas to the capped
 * member until the cool-down ends.
 *
 * <p>It scans on a period rather than on every pod event: a pod must stay stuck for the
 * threshold anyway, and one pass over each member's cached pods is cheap.
 */
public final class Descheduler implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Descheduler.class);
  public static final String MANAGER = "tidewater-descheduler";

  /**
   * @param period how often members are scanned
   * @param threshold how long a pod must stay unschedulable before its replica is moved
   * @param coolDown how long the member then takes no new replicas of the workload
   */
  public record Options(Duration period, Duration threshold, Duration coolDown) {
    public static final Options DEFAULT = new Options(Duration.ofSeconds(30), Duration.ofMinutes(2), Duration.ofMinutes(5));
  }

  private final FederationClient client;
  private final Members members;
  private final Options options;
  private final Clock clock;
  private ObjectInformer bindings;
  private Thread loop;
  private volatile boolean closed;

  public Descheduler(FederationClient client, Members members, Options options, Clock clock) {
    this.client = client;
    this.members = members;
    this.options = options;
    this.clock = clock;
  }

  public Descheduler start() {
    bindings = client.inform(BindingDetector.BINDING);
    loop = Thread.ofVirtual().name("descheduler").start(() -> {
      while (!closed) {
        try {
          Thread.sleep(options.period().toMillis());
        } catch (InterruptedException e) {
          return;
        }
        try {
          scan();
        } catch (RuntimeException e) {
          log.warn("descheduler pass failed error={}", e.toString());
        }
      }
    });
    return this;
  }

  /** One pass over every member. */
  void scan() {
    if (!bindings.hasSynced()) {
      return;
    }
    Instant now = clock.instant();
    for (MemberConnector member : members.all()) {
      if (member.isClosed() || !member.currentHealth().isReady()) {
        continue; // an unreachable member is failover's business, and its cache is stale
      }
      for (Map.Entry<String, StuckPods.Stuck> stuck : StuckPods.count(member, now.minus(options.threshold())).entrySet()) {
        deschedule(stuck.getKey(), member.cluster(), stuck.getValue(), now);
      }
    }
  }

  private void deschedule(String bindingId, String cluster, StuckPods.Stuck stuckPods, Instant now) {
    int dot = bindingId.indexOf('.');
    if (dot <= 0) {
      return;
    }
    ObjectNode binding = bindings.get(bindingId.substring(0, dot), bindingId.substring(dot + 1));
    if (binding == null || ObjectMetas.isDeleting(binding)) {
      return;
    }
    int assigned = assigned(binding, cluster);
    if (assigned == 0 || assigned != stuckPods.memberReplicas() || !stuckPods.settled()) {
      return; // the member has not caught up with its share yet: its stuck pods may be the ones already handed back
    }
    int stuck = stuckPods.pods();
    int keep = Math.max(0, assigned - stuck);
    Descheduled current = Descheduled.of(binding, now);
    Descheduled next = current.with(cluster, keep, now.plus(options.coolDown()));
    ObjectNode patch = io.tidewater.api.json.Json.object();
    patch.put("apiVersion", ResourceBinding.API_VERSION);
    patch.put("kind", ResourceBinding.KIND);
    patch.putObject("metadata")
        .put("name", ObjectMetas.name(binding))
        .put("namespace", ObjectMetas.namespace(binding))
        .putObject("annotations")
        .put(TidewaterLabels.DESCHEDULED, next.encode());
    client.apply(patch, MANAGER);
    log.info("descheduled binding={}/{} cluster={} stuck={} keep={} coolDown={}s", ObjectMetas.namespace(binding), ObjectMetas.name(binding),
        cluster, stuck, keep, options.coolDown().toSeconds());
    client.event(binding, "Normal", "Descheduled",
        stuck + " replica(s) stayed unschedulable in cluster " + cluster + " for more than " + options.threshold().toSeconds()
            + "s: they are re-placed where there is room, and " + cluster + " takes no new ones for " + options.coolDown().toSeconds() + "s",
        MANAGER);
  }

  private static int assigned(ObjectNode binding, String cluster) {
    for (JsonNode t : binding.path("spec").path("clusters")) {
      if (cluster.equals(t.path("name").asText())) {
        return t.path("replicas").asInt(0);
      }
    }
    return 0;
  }

  @Override
  public void close() {
    closed = true;
    if (loop != null) {
      loop.interrupt();
    }
  }
}
