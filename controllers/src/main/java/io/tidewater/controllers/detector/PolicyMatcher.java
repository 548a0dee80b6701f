package io.tidewater.controllers.detector;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.api.meta.ObjectMetas;
import io.tidewater.api.policy.AnyPropagationPolicy;
import io.tidewater.api.policy.ClusterPropagationPolicy;
import io.tidewater.api.policy.PropagationPolicy;
import io.tidewater.api.policy.ResourceSelector;
import io.tidewater.api.selection.LabelSelector;
import io.tidewater.api.json.Json;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Finds the policy that governs a template: among policies with a matching resource selector, the
 * highest {@code priority} wins; then a namespaced PropagationPolicy over a
 * ClusterPropagationPolicy; then the most specific selector (by name, then by labels, then by kind
 * only); then the name, so the choice is deterministic.
 */
public final class PolicyMatcher {
  private PolicyMatcher() {}

  /** A policy and how specifically it selected the template. */
  public record Match(AnyPropagationPolicy policy, int specificity) {
    public boolean namespaced() {
      return policy instanceof PropagationPolicy;
    }

    public String name() {
      return policy.metadata().getName();
    }
  }

  public static Optional<Match> best(ObjectNode template, List<PropagationPolicy> namespaced, List<ClusterPropagationPolicy> cluster) {
    String ns = ObjectMetas.namespace(template);
    Match best = null;
    Comparator<Match> order = Comparator.<Match>comparingInt(m -> priority(m.policy()))
        .thenComparing(m -> m.namespaced() ? 1 : 0)
        .thenComparingInt(Match::specificity)
        .thenComparing(m -> m.name(), Comparator.reverseOrder());
    for (PropagationPolicy p : namespaced) {
      if (ns != null && ns.equals(p.metadata().getNamespace()) && !deleting(p)) {
        int s = specificity(p, template, ns);
        if (s > 0 && (best == null || order.compare(new Match(p, s), best) > 0)) {
          best = new Match(p, s);
        }
      }
    }
    for (ClusterPropagationPolicy p : cluster) {
      if (deleting(p)) {
        continue;
      }
      int s = specificity(p, template, null);
      if (s > 0 && (best == null || order.compare(new Match(p, s), best) > 0)) {
        best = new Match(p, s);
      }
    }
    return Optional.ofNullable(best);
  }

  private static boolean deleting(AnyPropagationPolicy p) {
    return p.metadata().getDeletionTimestamp() != null;
  }

  private static int priority(AnyPropagationPolicy p) {
    return p.spec().priority() == null ? 0 : p.spec().priority();
  }

  /** 0 when no selector matches; 3 by name, 2 by labels, 1 by kind. */
  static int specificity(AnyPropagationPolicy p, ObjectNode template, String policyNamespace) {
    int best = 0;
    if (p.spec().resourceSelectors() == null) {
      return 0;
    }
    for (ResourceSelector s : p.spec().resourceSelectors()) {
      best = Math.max(best, match(s, template, policyNamespace));
    }
    return best;
  }

  private static int match(ResourceSelector s, ObjectNode template, String policyNamespace) {
    if (!s.apiVersion().equals(ObjectMetas.apiVersion(template)) || !s.kind().equals(ObjectMetas.kind(template))) {
      return 0;
    }
    String ns = ObjectMetas.namespace(template);
    String wantNs = policyNamespace != null ? policyNamespace : s.namespace();
    if (wantNs != null && !wantNs.isEmpty() && !wantNs.equals(ns)) {
      return 0;
    }
    if (s.name() != null && !s.name().isEmpty()) {
      return s.name().equals(ObjectMetas.name(template)) ? 3 : 0;
    }
    if (s.labelSelector() != null) {
      LabelSelector sel = LabelSelector.fromObject(Json.MAPPER.valueToTree(s.labelSelector()));
      return sel.matches(ObjectMetas.labels(template)) ? 2 : 0;
    }
    return 1;
  }
}
