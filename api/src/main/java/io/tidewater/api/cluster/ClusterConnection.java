package io.tidewater.api.cluster;

/** How Tidewater reaches a member: through a kubeconfig, or by simulating it in process. */
public sealed interface ClusterConnection permits ClusterSecretReference, SimulatedCluster {

  /** The spec field that holds this connection, for messages. */
  String field();
}
