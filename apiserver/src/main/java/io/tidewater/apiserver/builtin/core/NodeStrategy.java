package io.tidewater.apiserver.builtin.core;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.api.meta.ObjectMetas;
import io.tidewater.api.validation.FieldError;
import io.tidewater.api.validation.NameRules;
import io.tidewater.api.quantity.Quantities;
import io.tidewater.apiserver.builtin.support.FieldErrors;
import io.tidewater.apiserver.builtin.support.FieldPath;
import io.tidewater.apiserver.builtin.support.Trees;
import io.tidewater.apiserver.registry.Columns;
import io.tidewater.apiserver.registry.PrinterColumn;
import io.tidewater.apiserver.registry.ResourceStrategy;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/** Nodes ({@code core/v1}, cluster-scoped), registered by simulated member clusters. */
public final class NodeStrategy implements ResourceStrategy {
  /** A node registers with its status (capacity, conditions), as a kubelet does. */
  @Override
  public boolean resetsStatusOnCreate() {
    return false;
  }


  static final String ROLE_LABEL_PREFIX = "node-role.kubernetes.io/";
  static final String ROLE_LABEL = "kubernetes.io/role";
  static final List<String> TAINT_EFFECTS = List.of("NoSchedule", "PreferNoSchedule", "NoExecute");

  @Override
  public boolean hasStatus() {
    return true;
  }

  /** {@code SetDefaults_NodeStatus}: allocatable defaults to capacity; quantities canonical. */
  @Override
  public void applyDefaults(ObjectNode obj) {
    ObjectNode status = Trees.object(obj, "status");
    if (status == null) {
      return;
    }
    if (!Trees.has(status, "allocatable") && Trees.has(status, "capacity")) {
      status.set("allocatable", status.get("capacity").deepCopy());
    }
    Quantities.canonicaliseResourceList(status.get("capacity"));
    Quantities.canonicaliseResourceList(status.get("allocatable"));
  }

  @Override
  public List<FieldError> validate(ObjectNode obj) {
    FieldErrors errs = new FieldErrors();
    FieldPath path = FieldPath.of("spec", "taints");
    Set<String> seen = new HashSet<>();
    List<ObjectNode> taints = Trees.objects(Trees.object(obj, "spec"), "taints");
    for (int i = 0; i < taints.size(); i++) {
      ObjectNode t = taints.get(i);
      FieldPath p = path.index(i);
      String key = Trees.string(t, "key");
      errs.invalidEach(p.child("key"), key, NameRules.qualifiedName(key));
      String value = Trees.string(t, "value");
      List<String> valueProblems = NameRules.labelValue(value);
      if (!valueProblems.isEmpty()) {
        errs.invalid(p.child("value"), value, String.join(";", valueProblems));
      }
      String effect = Trees.string(t, "effect");
      if (effect.isEmpty()) {
        errs.required(p.child("effect"), "");
      } else if (!TAINT_EFFECTS.contains(effect)) {
        errs.notSupported(p.child("effect"), effect, TAINT_EFFECTS);
      }
      if (!seen.add(key + "\0" + effect)) {
        errs.add(new FieldError(FieldError.Type.DUPLICATE, p.path(), t, "taints must be unique by key and effect pair"));
      }
    }
    return errs.list();
  }

  @Override
  public List<PrinterColumn> printerColumns() {
    return List.of(
        PrinterColumn.of("Status", "string", "The status of the node", NodeStrategy::status),
        PrinterColumn.of("Roles", "string", "The roles of the node", NodeStrategy::roles),
        Columns.age(),
        PrinterColumn.of("Version", "string", "Kubelet Version reported by the node.", obj -> Columns.text(obj, "status.nodeInfo.kubeletVersion", "")),
        PrinterColumn.wide("Internal-IP", "string", "List of addresses reachable to the node.", obj -> address(obj, "InternalIP")),
        PrinterColumn.wide("External-IP", "string", "List of addresses reachable to the node.", obj -> address(obj, "ExternalIP")),
        PrinterColumn.wide("OS-Image", "string", "OS Image reported by the node from /etc/os-release (e.g. Debian GNU/Linux 7 (wheezy)).", obj -> info(obj, "osImage")),
        PrinterColumn.wide("Kernel-Version", "string", "Kernel Version reported by the node from 'uname -r' (e.g. 3.16.0-0.bpo.4-amd64).", obj -> info(obj, "kernelVersion")),
        PrinterColumn.wide(
            "Container-Runtime",
            "string",
            "ContainerRuntime Version reported by the node through runtime remote API (e.g. containerd://1.4.2).",
            obj -> info(obj, "containerRuntimeVersion")));
  }

  /** "Ready", "NotReady" or "Unknown", then ",SchedulingDisabled" when cordoned. */
  static String status(ObjectNode node) {
    List<String> parts = new ArrayList<>();
    for (ObjectNode c : Trees.objects(Trees.object(node, "status"), "conditions")) {
      if (Trees.string(c, "type").equals("Ready")) {
        parts.clear(); // the last Ready condition wins, as kubectl's condition map does
        parts.add(Trees.string(c, "status").equals("True") ? "Ready" : "NotReady");
      }
    }
    if (parts.isEmpty()) {
      parts.add("Unknown");
    }
    if (Trees.bool(Trees.object(node, "spec"), "unschedulable")) {
      parts.add("SchedulingDisabled");
    }
    return String.join(",", parts);
  }

  /** Roles from {@code node-role.kubernetes.io/<role>} and {@code kubernetes.io/role}, sorted; "<none>". */
  static String roles(ObjectNode node) {
    Set<String> roles = new TreeSet<>();
    for (Map.Entry<String, String> e : ObjectMetas.labels(node).entrySet()) {
      if (e.getKey().startsWith(ROLE_LABEL_PREFIX)) {
        String role = e.getKey().substring(ROLE_LABEL_PREFIX.length());
        if (!role.isEmpty()) {
          roles.add(role);
        }
      } else if (e.getKey().equals(ROLE_LABEL) && !e.getValue().isEmpty()) {
        roles.add(e.getValue());
      }
    }
    return roles.isEmpty() ? "<none>" : String.join(",", roles);
  }

  private static String address(ObjectNode node, String type) {
    for (ObjectNode a : Trees.objects(Trees.object(node, "status"), "addresses")) {
      if (Trees.string(a, "type").equals(type)) {
        return Trees.string(a, "address");
      }
    }
    return "<none>";
  }

  private static String info(ObjectNode node, String field) {
    String v = Columns.text(node, "status.nodeInfo." + field, "");
    return v.isEmpty() ? "<unknown>" : v;
  }

  @Override
  public Map<String, Function<ObjectNode, String>> selectableFields() {
    return Map.of("spec.unschedulable", obj -> Boolean.toString(Trees.bool(Trees.object(obj, "spec"), "unschedulable")));
  }
}
