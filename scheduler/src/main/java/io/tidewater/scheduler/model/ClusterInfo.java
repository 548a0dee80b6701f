package io.tidewater.scheduler.model;

import java.util.List;
import java.util.Map;

/**
 * What placement policies select on: a member's identity, location and cost tier.
 *
 * @param watermarkPercent the admission ceiling: above this share of allocatable no new workload
 *     is placed here (100 = none)
 * @param costPerCpuHour relative cost, for ordering within a tier
 */
public record ClusterInfo(
    String name, String tier, String provider, String region, String zone, Map<String, String> labels, List<Taint> taints,
    int watermarkPercent, double costPerCpuHour) {

  /** The value of a spread or selector field: cluster, provider, region, zone or tier. */
  public String field(String field) {
    return switch (field) {
      case "cluster" -> name;
      case "provider" -> provider;
      case "region" -> region;
      case "zone" -> zone;
      case "tier" -> tier;
      default -> null;
    };
  }
}
