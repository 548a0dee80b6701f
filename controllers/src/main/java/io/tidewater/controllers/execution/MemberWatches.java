package io.tidewater.controllers.execution;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.tidewater.api.meta.TidewaterLabels;
import io.tidewater.member.MemberConnector;
import io.tidewater.member.Members;
import io.tidewater.member.informer.MemberEvent;
import io.tidewater.member.informer.MemberEventListener;
import io.tidewater.member.informer.MemberResource;
import io.tidewater.member.informer.Subscription;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns what happens in members into Work keys: a change of a Tidewater workload in a member
 * requeues the Work it came from (so member status flows back promptly), and a member joining,
 * leaving, or turning Ready or NotReady requeues all of that member's Works.
 */
final class MemberWatches implements Members.Listener, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(MemberWatches.class);
  private static final String SUBSCRIBER = "execution";

  /** What the controller does about member changes. */
  interface Sink {
    /** An object of {@code work}'s binding changed in member {@code cluster}. */
    void workChanged(String cluster, MemberOwnership.WorkName work);

    void memberChanged(String cluster);

    /** The member turned Ready after being NotReady or unknown. */
    void memberRecovered(String cluster);
  }

  private record Watch(List<Subscription<?>> subscriptions, AutoCloseable health) {}

  private final Sink sink;
  private final Map<MemberConnector, Watch> watches = new IdentityHashMap<>();
  private AutoCloseable registration;

  MemberWatches(Sink sink) {
    this.sink = sink;
  }

  MemberWatches start(Members members) {
    registration = members.addListener(this);
    return this;
  }

  @Override
  public void added(MemberConnector connector) {
    String cluster = connector.cluster();
    List<Subscription<?>> subs = new ArrayList<>();
    AutoCloseable health = null;
    try {
      for (MemberResource<?> r : ManagedObjectLister.INFORMED) {
        subs.add(subscribe(connector, r));
      }
      health = connector.health().addListener((c, before, now) -> {
        if (now.isReady() && !before.isReady()) {
          sink.memberRecovered(c);
        }
        sink.memberChanged(c);
      });
    } catch (IllegalStateException e) {
      log.warn("member not watched cluster={} error={}", cluster, e.toString()); // closed while joining; removed() follows
    }
    synchronized (watches) {
      watches.put(connector, new Watch(subs, health));
    }
    sink.memberChanged(cluster);
  }

  private <T extends HasMetadata> Subscription<T> subscribe(MemberConnector connector, MemberResource<T> resource) {
    String cluster = connector.cluster();
    return connector.informer(resource).subscribe(SUBSCRIBER, new MemberEventListener<T>() {
      @Override
      public void onEvent(MemberEvent<T> event) {
        Map<String, String> labels = event.object().getMetadata().getLabels();
        if (labels == null || !TidewaterLabels.MANAGED_BY_VALUE.equals(labels.get(TidewaterLabels.MANAGED_BY))) {
          return;
        }
        MemberOwnership.WorkName work = MemberOwnership.workOf(cluster, labels.get(TidewaterLabels.BINDING));
        if (work != null) {
          sink.workChanged(cluster, work);
        }
      }
    });
  }

  @Override
  public void removed(MemberConnector connector) {
    Watch w;
    synchronized (watches) {
      w = watches.remove(connector);
    }
    if (w != null) {
      stop(w);
    }
    sink.memberChanged(connector.cluster());
  }

  private static void stop(Watch w) {
    w.subscriptions().forEach(Subscription::close);
    if (w.health() != null) {
      try {
        w.health().close();
      } catch (Exception e) {
        // removing a listener from a list does not fail
      }
    }
  }

  @Override
  public void close() {
    if (registration != null) {
      try {
        registration.close();
      } catch (Exception e) {
        // removing a listener from a list does not fail
      }
    }
    List<Watch> all;
    synchronized (watches) {
      all = new ArrayList<>(watches.values());
      watches.clear();
    }
    all.forEach(MemberWatches::stop);
  }
}
