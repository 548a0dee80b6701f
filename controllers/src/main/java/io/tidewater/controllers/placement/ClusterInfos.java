package io.tidewater.controllers.placement;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.scheduler.model.ClusterInfo;
import io.tidewater.scheduler.model.Taint;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads a Cluster object's identity, location, cost and taints for selectors and the scheduler. */
public final class ClusterInfos {
  private ClusterInfos() {}

  public static ClusterInfo from(ObjectNode cluster) {
    JsonNode spec = cluster.path("spec");
    Map<String, String> labels = new HashMap<>();
    cluster.path("metadata").path("labels").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
    List<Taint> taints = new ArrayList<>();
    for (JsonNode t : spec.path("taints")) {
      taints.add(new Taint(t.path("key").asText(""), t.path("value").asText(""), t.path("effect").asText("")));
    }
    double price = 0;
    try {
      price = Double.parseDouble(spec.path("price").path("cpuHour").asText("0"));
    } catch (NumberFormatException e) {
      // an unparseable price orders as free; validation keeps these out
    }
    return new ClusterInfo(
        cluster.path("metadata").path("name").asText(), spec.path("tier").asText(""), spec.path("provider").asText(""),
        spec.path("region").asText(""), spec.path("zone").asText(""), labels, taints, spec.path("watermark").asInt(100), price);
  }
}
