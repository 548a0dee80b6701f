package io.tidewater.apiserver.builtin.pods;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.api.validation.FieldError;
import io.tidewater.apiserver.builtin.support.FieldErrors;
import io.tidewater.apiserver.builtin.support.FieldPath;
import io.tidewater.apiserver.builtin.support.Trees;
import io.tidewater.apiserver.registry.Columns;
import io.tidewater.apiserver.registry.PrinterColumn;
import io.tidewater.apiserver.registry.ResourceStrategy;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Pods ({@code core/v1}), served by simulated member clusters. Status belongs to the kubelet (here:
 * the simulator), which also sets the QoS class; a new pod starts Pending.
 */
public final class PodStrategy implements ResourceStrategy {

  static final String UPDATE_FORBIDDEN =
      "pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,"
          + "`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),"
          + "`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)";

  @Override
  public boolean hasStatus() {
    return true;
  }

  @Override
  public void applyDefaults(ObjectNode obj) {
    PodDefaults.apply(obj);
  }

  @Override
  public void prepareForCreate(ObjectNode obj) {
    obj.putObject("status").put("phase", "Pending");
  }

  @Override
  public List<FieldError> validate(ObjectNode obj) {
    FieldErrors errs = new FieldErrors();
    JsonNode spec = obj.get("spec");
    PodSpecValidation.validate(spec, FieldPath.of("spec"), true, errs);
    if (Trees.size(spec, "ephemeralContainers") > 0) {
      errs.forbidden(FieldPath.of("spec", "ephemeralContainers"), "cannot be set on create");
    }
    return errs.list();
  }

  /**
   * Kubernetes' {@code ValidatePodUpdate}: a pod's spec is immutable but for images, deadlines,
   * tolerations and grace period. One more change is allowed here: setting {@code spec.nodeName} on
   * an unbound pod, which Kubernetes does through the {@code pods/binding} subresource that this
   * server does not have yet.
   */
  @Override
  public List<FieldError> validateUpdate(ObjectNode obj, ObjectNode old) {
    FieldErrors errs = new FieldErrors();
    PodSpecValidation.validate(obj.get("spec"), FieldPath.of("spec"), true, errs);
    ObjectNode newSpec = obj.get("spec") instanceof ObjectNode s ? s.deepCopy() : obj.objectNode();
    ObjectNode oldSpec = old.get("spec") instanceof ObjectNode s ? s : old.objectNode();
    for (String list : List.of("containers", "initContainers")) {
      copyImages(Trees.array(oldSpec, list), Trees.array(newSpec, list));
    }
    for (String f : List.of("activeDeadlineSeconds", "tolerations", "terminationGracePeriodSeconds")) {
      copyField(oldSpec, newSpec, f);
    }
    if (Trees.string(oldSpec, "nodeName").isEmpty()) {
      copyField(oldSpec, newSpec, "nodeName");
    }
    if (!newSpec.equals(oldSpec)) {
      errs.forbidden(FieldPath.of("spec"), UPDATE_FORBIDDEN);
    }
    return errs.list();
  }

  private static void copyImages(ArrayNode from, ArrayNode to) {
    if (from == null || to == null || from.size() != to.size()) {
      return;
    }
    for (int i = 0; i < to.size(); i++) {
      if (to.get(i) instanceof ObjectNode t && from.get(i) instanceof ObjectNode f) {
        copyField(f, t, "image");
      }
    }
  }

  private static void copyField(ObjectNode from, ObjectNode to, String field) {
    JsonNode v = from.get(field);
    if (v == null) {
      to.remove(field);
    } else {
      to.set(field, v.deepCopy());
    }
  }

  /**
   * As Kubernetes' pod strategy: the requested period, else the pod's
   * {@code terminationGracePeriodSeconds}; 0 for a pod no node runs (unbound) or that has finished;
   * a negative period becomes 1.
   */
  @Override
  public Long gracefulDeletionPeriod(ObjectNode pod, Long requestedSeconds) {
    long period = requestedSeconds != null ? requestedSeconds : Trees.longValue(pod.path("spec"), "terminationGracePeriodSeconds");
    if (Trees.string(pod.path("spec"), "nodeName").isEmpty()) {
      period = 0;
    }
    String phase = Trees.string(pod.path("status"), "phase");
    if (phase.equals("Failed") || phase.equals("Succeeded")) {
      period = 0;
    }
    return period < 0 ? 1 : period;
  }

  @Override
  public List<PrinterColumn> printerColumns() {
    return List.of(
        PrinterColumn.of("Ready", "string", "The aggregate readiness state of this pod for accepting traffic.", obj -> PodStatusSummary.of(obj).readyCell()),
        PrinterColumn.of("Status", "string", "The aggregate status of the containers in this pod.", obj -> PodStatusSummary.of(obj).reason()),
        PrinterColumn.of(
            "Restarts",
            "string",
            "The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.",
            obj -> PodStatusSummary.of(obj).restarts()),
        Columns.age(),
        PrinterColumn.wide("IP", "string", "podIP address allocated to the pod. Routable at least within the cluster. Empty if not yet allocated.", PodStrategy::podIp),
        PrinterColumn.wide("Node", "string", "NodeName indicates in which node this pod is scheduled.", obj -> orNone(Columns.text(obj, "spec.nodeName", ""))),
        PrinterColumn.wide(
            "Nominated Node",
            "string",
            "nominatedNodeName is set only when this pod preempts other pods on the node, but it cannot be scheduled right away as"
                + " preemption victims receive their graceful termination periods.",
            obj -> orNone(Columns.text(obj, "status.nominatedNodeName", ""))),
        PrinterColumn.wide(
            "Readiness Gates",
            "string",
            "If specified, all readiness gates will be evaluated for pod readiness.",
            PodStrategy::readinessGates));
  }

  private static String podIp(ObjectNode pod) {
    List<ObjectNode> ips = Trees.objects(pod.path("status"), "podIPs");
    String ip = ips.isEmpty() ? Columns.text(pod, "status.podIP", "") : Trees.string(ips.get(0), "ip");
    return orNone(ip);
  }

  private static String readinessGates(ObjectNode pod) {
    List<ObjectNode> gates = Trees.objects(pod.path("spec"), "readinessGates");
    if (gates.isEmpty()) {
      return "<none>";
    }
    int trueConditions = 0;
    for (ObjectNode gate : gates) {
      String type = Trees.string(gate, "conditionType");
      for (ObjectNode c : Trees.objects(pod.path("status"), "conditions")) {
        if (Trees.string(c, "type").equals(type)) {
          if (Trees.string(c, "status").equals("True")) {
            trueConditions++;
          }
          break;
        }
      }
    }
    return trueConditions + "/" + gates.size();
  }

  private static String orNone(String s) {
    return s.isEmpty() ? "<none>" : s;
  }

  @Override
  public Map<String, Function<ObjectNode, String>> selectableFields() {
    Map<String, Function<ObjectNode, String>> f = new LinkedHashMap<>();
    f.put("spec.nodeName", o -> Columns.text(o, "spec.nodeName", ""));
    f.put("spec.restartPolicy", o -> Columns.text(o, "spec.restartPolicy", ""));
    f.put("spec.schedulerName", o -> Columns.text(o, "spec.schedulerName", ""));
    f.put("spec.serviceAccountName", o -> Columns.text(o, "spec.serviceAccountName", ""));
    f.put("spec.hostNetwork", o -> Boolean.toString(Trees.bool(o.path("spec"), "hostNetwork")));
    f.put("status.phase", o -> Columns.text(o, "status.phase", ""));
    f.put("status.podIP", o -> Columns.text(o, "status.podIP", ""));
    f.put("status.nominatedNodeName", o -> Columns.text(o, "status.nominatedNodeName", ""));
    return f;
  }
}
