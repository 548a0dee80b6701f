package io.tidewater.scheduler.model;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Selects clusters, with the semantics of Karmada's ClusterAffinity: every set part must hold.
 *
 * @param labels required label values (matchLabels), or empty
 * @param labelExpressions label requirements (matchExpressions), or empty
 * @param fields requirements on provider, region, zone and tier (In / NotIn)
 * @param names when non-empty, only these clusters
 * @param exclude never these clusters
 */
public record ClusterSelector(
    Map<String, String> labels, List<NodeSelectorRequirement> labelExpressions, List<NodeSelectorRequirement> fields, Set<String> names,
    Set<String> exclude) {

  public static final ClusterSelector ANY = new ClusterSelector(Map.of(), List.of(), List.of(), Set.of(), Set.of());

  public static ClusterSelector tier(String tier) {
    return new ClusterSelector(Map.of(), List.of(), List.of(new NodeSelectorRequirement("tier", "In", List.of(tier))), Set.of(), Set.of());
  }

  public static ClusterSelector names(String... names) {
    return new ClusterSelector(Map.of(), List.of(), List.of(), Set.of(names), Set.of());
  }

  public boolean matches(ClusterInfo c) {
    if (exclude.contains(c.name())) {
      return false;
    }
    if (!names.isEmpty() && !names.contains(c.name())) {
      return false;
    }
    for (Map.Entry<String, String> e : labels.entrySet()) {
      if (!e.getValue().equals(c.labels().get(e.getKey()))) {
        return false;
      }
    }
    for (NodeSelectorRequirement r : labelExpressions) {
      if (!r.matches(c.labels())) {
        return false;
      }
    }
    for (NodeSelectorRequirement r : fields) {
      String v = c.field(r.key());
      if (!r.matches(v == null ? Map.of() : Map.of(r.key(), v))) {
        return false;
      }
    }
    return true;
  }
}
