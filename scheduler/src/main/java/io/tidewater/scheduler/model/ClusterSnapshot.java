package io.tidewater.scheduler.model;

import java.util.List;

/**
 * A member cluster as the scheduler sees it at one moment.
 *
 * @param ready whether the member is reachable and healthy
 * @param allocatable the sum of node allocatable
 * @param requested the sum of requests of the pods running there
 * @param classes node equivalence classes with their free resources
 */
public record ClusterSnapshot(ClusterInfo info, boolean ready, Resources allocatable, Resources requested, List<NodeClass> classes) {
  public String name() {
    return info.name();
  }
}
