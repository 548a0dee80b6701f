package io.tidewater.server.fleet;

import io.tidewater.controllers.cluster.ClusterController;
import io.tidewater.controllers.cluster.MemberFleetSnapshots;
import io.tidewater.controllers.cluster.MemberProvisioner;
import io.tidewater.controllers.detector.BindingDetector;
import io.tidewater.controllers.execution.ExecutionController;
import io.tidewater.controllers.execution.ExecutionOptions;
import io.tidewater.controllers.descheduler.Descheduler;
import io.tidewater.controllers.failover.FailoverController;
import io.tidewater.controllers.propagation.PropagationController;
import io.tidewater.controllers.runtime.FederationClient;
import io.tidewater.controllers.scheduling.SchedulingController;
import io.tidewater.controllers.rollout.StagedRolloutController;
import io.tidewater.controllers.status.StatusAggregator;
import io.tidewater.member.ConnectorOptions;
import io.tidewater.member.Members;
import io.tidewater.scheduler.Scheduler;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The federation's controllers, started in data-flow order (DESIGN §3): cluster registry, then
 * detector → scheduler → propagation → execution → status, plus failover. They reach the API
 * server through {@link FederationClient}, exactly as they would from another process; closing
 * stops them in reverse order.
 */
public final class FederationControllers implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(FederationControllers.class);

  /**
   * Tuning.
   *
   * @param clusterStatusPeriod how often each Cluster's status is refreshed
   * @param snapshotPollPeriod how often member snapshots are checked for capacity changes
   * @param reservationTtl how long an in-flight placement is held if the member never shows it
   */
  public record Options(Duration clusterStatusPeriod, Duration snapshotPollPeriod, Duration reservationTtl, ExecutionOptions execution,
      SchedulingController.Options scheduling, ConnectorOptions connector, Descheduler.Options descheduling) {
    public static Options defaults() {
      return new Options(Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofMinutes(2), ExecutionOptions.defaults(),
          SchedulingController.Options.DEFAULT, ConnectorOptions.defaults(), Descheduler.Options.DEFAULT);
    }

    public Options withDescheduling(Descheduler.Options d) {
      return new Options(clusterStatusPeriod, snapshotPollPeriod, reservationTtl, execution, scheduling, connector, d);
    }

    public Options withExecution(ExecutionOptions e) {
      return new Options(clusterStatusPeriod, snapshotPollPeriod, reservationTtl, e, scheduling, connector, descheduling);
    }

    public Options withScheduling(SchedulingController.Options s) {
      return new Options(clusterStatusPeriod, snapshotPollPeriod, reservationTtl, execution, s, connector, descheduling);
    }

    public Options withConnector(ConnectorOptions c) {
      return new Options(clusterStatusPeriod, snapshotPollPeriod, reservationTtl, execution, scheduling, c, descheduling);
    }
  }

  private final Deque<AutoCloseable> started = new ArrayDeque<>();

  private FederationControllers() {}

  /** Starts every controller; on failure, stops the ones already started and rethrows. */
  public static FederationControllers start(
      FederationClient client, Members members, MemberProvisioner provisioner, Options options, Clock clock) {
    FederationControllers c = new FederationControllers();
    try {
      c.started.push(new ClusterController(client, members, provisioner, options.connector(), options.clusterStatusPeriod(), clock).start());
      MemberFleetSnapshots snapshots = new MemberFleetSnapshots(client, members, options.snapshotPollPeriod());
      c.started.push(snapshots);
      c.started.push(new BindingDetector(client).start());
      c.started.push(new SchedulingController(client, snapshots, Scheduler.withDefaults(clock, options.reservationTtl()), options.scheduling(), clock).start());
      c.started.push(new PropagationController(client).start());
      c.started.push(new ExecutionController(client, members, options.execution(), clock).start());
      c.started.push(new StatusAggregator(client, clock).start());
      c.started.push(new StagedRolloutController(client, clock).start());
      c.started.push(new FailoverController(client, clock).start());
      c.started.push(new Descheduler(client, members, options.descheduling(), clock).start());
      log.info("federation controllers started count={}", c.started.size());
      return c;
    } catch (RuntimeException | Error e) {
      c.close();
      throw e;
    }
  }

  @Override
  public void close() {
    while (!started.isEmpty()) {
      AutoCloseable next = started.pop();
      try {
        next.close();
      } catch (Exception e) {
        log.warn("controller did not stop cleanly controller={} error={}", next.getClass().getSimpleName(), e.toString());
      }
    }
  }
}
