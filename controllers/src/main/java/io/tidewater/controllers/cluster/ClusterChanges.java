package io.tidewater.controllers.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.api.json.JsonValues;
import io.tidewater.controllers.runtime.ObjectInformer;
import java.util.Objects;

/**
 * Which changes to a Cluster object matter to the controllers that fan out over every binding.
 * The status controller rewrites each Cluster every few seconds (heartbeat, resource summary);
 * requeueing every binding on each of those writes would make the work per heartbeat grow with
 * the number of workloads, and delay the changes that do matter.
 */
public final class ClusterChanges {
  private ClusterChanges() {}

  /** Joined, left, or its spec, labels, deletion or readiness changed: what placement and rendering read. */
  public static boolean affectsPlacement(ObjectInformer.Change c) {
    if (c.before() == null || c.after() == null) {
      return true;
    }
    return !JsonValues.equal(c.before().path("spec"), c.after().path("spec"))
        || !JsonValues.equal(c.before().path("metadata").path("labels"), c.after().path("metadata").path("labels"))
        || c.before().path("metadata").has("deletionTimestamp") != c.after().path("metadata").has("deletionTimestamp")
        || readinessChanged(c);
  }

  /** Joined, left, or its Ready condition's status changed. */
  public static boolean readinessChanged(ObjectInformer.Change c) {
    if (c.before() == null || c.after() == null) {
      return true;
    }
    return !Objects.equals(ready(c.before()), ready(c.after()));
  }

  private static String ready(ObjectNode cluster) {
    for (JsonNode cond : cluster.path("status").path("conditions")) {
      if ("Ready".equals(cond.path("type").asText())) {
        return cond.path("status").asText();
      }
    }
    return null;
  }
}
