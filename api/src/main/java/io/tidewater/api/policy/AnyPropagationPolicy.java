package io.tidewater.api.policy;

import io.tidewater.api.kinds.TidewaterObject;

/** Either kind of propagation policy; both carry the same spec. */
public sealed interface AnyPropagationPolicy extends TidewaterObject permits PropagationPolicy, ClusterPropagationPolicy {
  PropagationSpec spec();
}
