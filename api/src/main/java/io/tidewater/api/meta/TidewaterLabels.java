package io.tidewater.api.meta;

/** The labels and annotations Tidewater puts on the objects it manages. */
public final class TidewaterLabels {
  private TidewaterLabels() {}

  /** On member objects Tidewater applied: their manager. Objects without it are never touched. */
  public static final String MANAGED_BY = "tidewater.io/managed-by";
  public static final String MANAGED_BY_VALUE = "tidewater";
  /** On member objects: {@code <namespace>.<binding name>} of the binding they come from. */
  public static final String BINDING = "tidewater.io/binding";
  /** On member objects and Works: the member cluster. Also on objects in the Cluster Gateway's merged view. */
  public static final String CLUSTER = "tidewater.io/cluster";
  /** On Works: the binding's namespace and name. */
  public static final String BINDING_NAMESPACE = "tidewater.io/binding-namespace";
  public static final String BINDING_NAME = "tidewater.io/binding-name";
  /** Annotation on member objects: the federation template's generation they were rendered from. */
  public static final String TEMPLATE_GENERATION = "tidewater.io/template-generation";
  /** Annotation on bindings: when the scheduler last moved replicas home, for its cool-down. */
  public static final String LAST_COME_HOME = "tidewater.io/last-come-home";
  /**
   * Annotation on bindings, written by the descheduler: a JSON object from cluster name to
   * {@code {"maxReplicas": n, "until": time}}. Until then the cluster keeps at most {@code n}
   * replicas of the workload and takes no new ones, because its pods stayed unschedulable there.
   */
  public static final String DESCHEDULED = "tidewater.io/descheduled";
}
