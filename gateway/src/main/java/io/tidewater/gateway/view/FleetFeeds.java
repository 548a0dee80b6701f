package io.tidewater.gateway.view;

import io.tidewater.api.controller.ControllerRunner;
import io.tidewater.api.controller.Reconciler;
import io.tidewater.api.controller.WorkQueue;
import io.tidewater.member.MemberConnector;
import io.tidewater.member.Members;
import io.tidewater.member.health.MemberHealth;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the merged view's member feeds in line with the fleet: a level-triggered reconciler, keyed
 * by cluster name, that attaches a member's feeds while the member is registered and not
 * NotReady, and detaches them (its objects leave the view with DELETED events) when it is
 * NotReady, removed or replaced. Membership and health changes only queue the cluster's name,
 * so neither the registry nor a member's probe thread ever waits for the view.
 */
public final class FleetFeeds implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(FleetFeeds.class);

  private final Map<MergedKind, MergedCache> caches;
  private final Members members;
  /** The connector each cluster should be fed from, as the registry last said. */
  private final Map<String, MemberConnector> wanted = new ConcurrentHashMap<>();
  /** What is fed now, per cluster; a cluster's entry is touched only by its reconcile. */
  private final Map<String, ClusterFeeds> fed = new ConcurrentHashMap<>();
  private final ControllerRunner<String> runner;
  private AutoCloseable membersHandle;

  private record ClusterFeeds(MemberConnector connector, Map<MergedKind, MemberFeed> feeds, AutoCloseable healthHandle) {}

  public FleetFeeds(Map<MergedKind, MergedCache> caches, Members members) {
    this.caches = Map.copyOf(caches);
    this.members = members;
    this.runner = new ControllerRunner<>("gateway-feeds", new WorkQueue<>(), this::reconcile);
  }

  public FleetFeeds start() {
    runner.start(2);
    membersHandle = members.addListener(new Members.Listener() {
      @Override
      public void added(MemberConnector connector) {
        wanted.put(connector.cluster(), connector);
        runner.queue().add(connector.cluster());
      }

      @Override
      public void removed(MemberConnector connector) {
        wanted.remove(connector.cluster(), connector);
        runner.queue().add(connector.cluster());
      }
    });
    return this;
  }

  private Reconciler.Result reconcile(String cluster) throws Exception {
    MemberConnector want = wanted.get(cluster);
    ClusterFeeds have = fed.get(cluster);
    if (have != null && have.connector() != want) {
      String reason = want == null ? "member removed" : "member connector replaced";
      have.healthHandle().close();
      have.feeds().values().forEach(f -> f.detach(reason));
      fed.remove(cluster);
      have = null;
    }
    if (want == null) {
      return Reconciler.Result.DONE;
    }
    if (have == null) {
      Map<MergedKind, MemberFeed> feeds = new EnumMap<>(MergedKind.class);
      caches.forEach((kind, cache) -> feeds.put(kind, new MemberFeed(cluster, kind, cache)));
      AutoCloseable health = want.health().addListener((c, before, after) -> runner.queue().add(cluster));
      have = new ClusterFeeds(want, feeds, health);
      fed.put(cluster, have);
    }
    MemberHealth health = want.currentHealth();
    boolean reachable = health.state() != MemberHealth.State.NOT_READY;
    for (Map.Entry<MergedKind, MemberFeed> e : have.feeds().entrySet()) {
      if (reachable) {
        e.getValue().attach(want.informer(e.getKey().member()));
      } else {
        e.getValue().detach("member NotReady: " + health.reason() + " " + health.message());
      }
    }
    return Reconciler.Result.DONE;
  }

  /** Whether every kind of the cluster's feeds has received the member's synced state. */
  public boolean hasSynced(String cluster) {
    ClusterFeeds f = fed.get(cluster);
    return f != null && f.feeds().values().stream().allMatch(MemberFeed::hasSynced);
  }

  /** Whether the cluster's objects are in the merged view (or on their way into it). */
  public boolean isAttached(String cluster) {
    ClusterFeeds f = fed.get(cluster);
    return f != null && f.feeds().values().stream().allMatch(MemberFeed::isAttached);
  }

  /** The member resourceVersion of a merged object, or null if the gateway does not hold it. */
  public String memberResourceVersion(String cluster, MergedKind kind, String key) {
    ClusterFeeds f = fed.get(cluster);
    return f == null ? null : f.feeds().get(kind).memberResourceVersion(key);
  }

  /** Stops following members. The merged caches keep their contents; nothing reads them after this. */
  @Override
  public void close() {
    if (membersHandle != null) {
      try {
        membersHandle.close();
      } catch (Exception e) {
        log.warn("could not stop listening to members: {}", e.toString());
      }
    }
    runner.close();
    for (ClusterFeeds f : fed.values()) {
      try {
        f.healthHandle().close();
      } catch (Exception e) {
        log.warn("could not stop listening to health cluster={}: {}", f.connector().cluster(), e.toString());
      }
      f.feeds().values().forEach(MemberFeed::stop);
    }
    fed.clear();
  }
}
