package io.tidewater.controllers.cluster;

import io.tidewater.api.cluster.SimulatedCluster;
import io.tidewater.member.MemberConnection;

/**
 * Brings simulated members into being for Clusters with {@code spec.simulated}. The server wires
 * the simulator in; the controllers never see it, and reach the member like any other, through
 * the connection returned.
 */
public interface MemberProvisioner {

  /** Creates or updates the simulated member; returns how to reach its API. */
  MemberConnection provision(String cluster, SimulatedCluster spec);

  /** Removes the simulated member, if there is one. */
  void deprovision(String cluster);

  /** For deployments without a simulator: simulated Clusters stay NotReady with a clear reason. */
  MemberProvisioner NONE = new MemberProvisioner() {
    @Override
    public MemberConnection provision(String cluster, SimulatedCluster spec) {
      throw new IllegalStateException("this control plane runs no simulator; simulated clusters are not available");
    }

    @Override
    public void deprovision(String cluster) {}
  };
}
