package io.tidewater.apiserver.builtin.pods;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.api.validation.NameRules;
import io.tidewater.apiserver.builtin.support.FieldErrors;
import io.tidewater.apiserver.builtin.support.FieldPath;
import io.tidewater.apiserver.builtin.support.Labels;
import io.tidewater.apiserver.builtin.support.NameChecks;
import io.tidewater.apiserver.builtin.support.Trees;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The important rules of Kubernetes' {@code ValidatePodSpec}, with its messages and paths: volumes,
 * containers and init containers (names, images, ports, env, mounts, resources, probes), restart
 * and DNS policies, node selector, tolerations and the name-valued fields. Shared by pods and
 * every pod template.
 */
public final class PodSpecValidation {
  private PodSpecValidation() {}

  static final List<String> RESTART_POLICIES = List.of("Always", "OnFailure", "Never");
  static final List<String> DNS_POLICIES = List.of("ClusterFirstWithHostNet", "ClusterFirst", "Default", "None");
  static final List<String> PROTOCOLS = List.of("SCTP", "TCP", "UDP");
  static final List<String> PULL_POLICIES = List.of("Always", "IfNotPresent", "Never");
  static final List<String> TAINT_EFFECTS = List.of("NoSchedule", "PreferNoSchedule", "NoExecute");

  /**
   * @param isPod true for a Pod's own spec (stricter host-network port rule), false for templates
   */
  public static void validate(JsonNode spec, FieldPath path, boolean isPod, FieldErrors errs) {
    if (spec == null || !spec.isObject()) {
      errs.required(path.child("containers"), "");
      return;
    }
    Set<String> volumes = volumes(spec, path.child("volumes"), errs);
    containers(Trees.objects(spec, "containers"), false, volumes, path.child("containers"), errs);
    initContainers(spec, volumes, path.child("initContainers"), errs);
    hostNetworkPorts(spec, path, isPod, errs);
    oneOf(spec, "restartPolicy", RESTART_POLICIES, path.child("restartPolicy"), errs);
    oneOf(spec, "dnsPolicy", DNS_POLICIES, path.child("dnsPolicy"), errs);
    Labels.validate(spec.get("nodeSelector"), path.child("nodeSelector"), errs);
    subdomain(spec, "serviceAccountName", path, errs);
    subdomain(spec, "nodeName", path, errs);
    subdomain(spec, "priorityClassName", path, errs);
    Long deadline = Trees.integer(spec, "activeDeadlineSeconds");
    if (deadline != null && (deadline < 1 || deadline > Integer.MAX_VALUE)) {
      errs.invalid(path.child("activeDeadlineSeconds"), deadline, "must be between 1 and 2147483647, inclusive");
    }
    for (String f : List.of("hostname", "subdomain")) {
      String v = Trees.string(spec, f);
      if (!v.isEmpty()) {
        errs.invalidEach(path.child(f), v, NameRules.dns1123Label(v));
      }
    }
    tolerations(spec, path.child("tolerations"), errs);
  }

  /** {@code ValidateVolumes}: returns the names of the valid volumes, which mounts may refer to. */
  static Set<String> volumes(JsonNode spec, FieldPath path, FieldErrors errs) {
    Set<String> names = new HashSet<>();
    List<ObjectNode> volumes = Trees.objects(spec, "volumes");
    for (int i = 0; i < volumes.size(); i++) {
      ObjectNode v = volumes.get(i);
      FieldPath p = path.index(i);
      FieldErrors local = new FieldErrors();
      List<String> sources = PodSpecDefaults.VOLUME_SOURCES.stream().filter(s -> Trees.has(v, s)).toList();
      if (sources.isEmpty()) {
        local.required(p, "must specify a volume type");
      }
      for (String extra : sources.stream().skip(1).toList()) {
        local.forbidden(p.child(extra), "may not specify more than 1 volume type");
      }
      String name = Trees.string(v, "name");
      if (name.isEmpty()) {
        local.required(p.child("name"), "");
      } else {
        local.invalidEach(p.child("name"), name, NameRules.dns1123Label(name));
      }
      if (names.contains(name)) {
        local.duplicate(p.child("name"), name);
      }
      if (local.isEmpty()) {
        names.add(name);
      } else {
        errs.addAll(local.list());
      }
    }
    return names;
  }

  static void initContainers(JsonNode spec, Set<String> volumes, FieldPath path, FieldErrors errs) {
    List<ObjectNode> inits = Trees.objects(spec, "initContainers");
    if (inits.isEmpty()) {
      return;
    }
    containers(inits, true, volumes, path, errs);
    Set<String> others = new HashSet<>();
    Trees.objects(spec, "containers").forEach(c -> others.add(Trees.string(c, "name")));
    for (int i = 0; i < inits.size(); i++) {
      ObjectNode c = inits.get(i);
      String name = Trees.string(c, "name");
      FieldPath p = path.index(i);
      if (others.contains(name)) {
        errs.duplicate(p.child("name"), name);
      }
      if (!name.isEmpty()) {
        others.add(name);
      }
      boolean sidecar = "Always".equals(Trees.text(c, "restartPolicy"));
      if (!sidecar) {
        for (String f : List.of("lifecycle", "livenessProbe", "readinessProbe", "startupProbe")) {
          if (Trees.has(c, f)) {
            errs.forbidden(p.child(f), "may not be set for init containers without restartPolicy=Always");
          }
        }
      }
    }
  }

  /** {@code validateContainers}: the rules every container shares. */
  static void containers(List<ObjectNode> containers, boolean init, Set<String> volumes, FieldPath path, FieldErrors errs) {
    if (containers.isEmpty()) {
      if (!init) {
        errs.required(path, "");
      }
      return;
    }
    Set<String> names = new HashSet<>();
    for (int i = 0; i < containers.size(); i++) {
      ObjectNode c = containers.get(i);
      FieldPath p = path.index(i);
      String name = Trees.string(c, "name");
      if (name.isEmpty()) {
        errs.required(p.child("name"), "");
      } else {
        errs.invalidEach(p.child("name"), name, NameRules.dns1123Label(name));
      }
      if (!names.add(name)) {
        errs.duplicate(p.child("name"), name);
      }
      if (Trees.string(c, "image").isEmpty()) {
        errs.required(p.child("image"), "");
      }
      probes(c, p, errs);
      String tmp = Trees.string(c, "terminationMessagePolicy");
      if (tmp.isEmpty()) {
        errs.required(p.child("terminationMessagePolicy"), "must be 'File' or 'FallbackToLogsOnError'");
      } else if (!tmp.equals("File") && !tmp.equals("FallbackToLogsOnError")) {
        errs.invalid(p.child("terminationMessagePolicy"), tmp, "must be 'File' or 'FallbackToLogsOnError'");
      }
      ports(c, p.child("ports"), errs);
      env(c, p.child("env"), errs);
      volumeMounts(c, volumes, p.child("volumeMounts"), errs);
      oneOf(c, "imagePullPolicy", PULL_POLICIES, p.child("imagePullPolicy"), errs);
      ResourceRequirementsValidation.validate(c.get("resources"), p.child("resources"), errs);
    }
  }

  private static void probes(ObjectNode c, FieldPath p, FieldErrors errs) {
    for (String probeName : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
      ObjectNode probe = Trees.object(c, probeName);
      if (probe == null) {
        continue;
      }
      FieldPath pp = p.child(probeName);
      long handlers = java.util.stream.Stream.of("exec", "httpGet", "tcpSocket", "grpc").filter(h -> Trees.has(probe, h)).count();
      if (handlers == 0) {
        errs.required(pp, "must specify a handler type");
      }
      for (String f : List.of("initialDelaySeconds", "timeoutSeconds", "periodSeconds", "successThreshold", "failureThreshold")) {
        errs.nonNegative(pp.child(f), Trees.integer(probe, f));
      }
      if (!probeName.equals("readinessProbe")) {
        long success = Trees.longValue(probe, "successThreshold");
        if (success != 1) {
          errs.invalid(pp.child("successThreshold"), success, "must be 1");
        }
      } else if (Trees.has(probe, "terminationGracePeriodSeconds")) {
        errs.invalid(pp.child("terminationGracePeriodSeconds"), probe.get("terminationGracePeriodSeconds").asLong(), "must not be set for readinessProbes");
      }
    }
  }

  /** {@code validateContainerPorts}. */
  static void ports(ObjectNode c, FieldPath path, FieldErrors errs) {
    Set<String> names = new HashSet<>();
    List<ObjectNode> ports = Trees.objects(c, "ports");
    for (int i = 0; i < ports.size(); i++) {
      ObjectNode port = ports.get(i);
      FieldPath p = path.index(i);
      String name = Trees.string(port, "name");
      if (!name.isEmpty()) {
        List<String> problems = NameChecks.portName(name);
        if (!problems.isEmpty()) {
          errs.invalidEach(p.child("name"), name, problems);
        } else if (!names.add(name)) {
          errs.duplicate(p.child("name"), name);
        }
      }
      long containerPort = Trees.longValue(port, "containerPort");
      if (containerPort == 0) {
        errs.required(p.child("containerPort"), "");
      } else {
        errs.invalidEach(p.child("containerPort"), containerPort, NameChecks.portNumber(containerPort));
      }
      long hostPort = Trees.longValue(port, "hostPort");
      if (hostPort != 0) {
        errs.invalidEach(p.child("hostPort"), hostPort, NameChecks.portNumber(hostPort));
      }
      String protocol = Trees.string(port, "protocol");
      if (protocol.isEmpty()) {
        errs.required(p.child("protocol"), "");
      } else if (!PROTOCOLS.contains(protocol)) {
        errs.notSupported(p.child("protocol"), protocol, PROTOCOLS);
      }
    }
  }

  /** {@code ValidateEnv}: names, and exactly one source in {@code valueFrom}. */
  static void env(ObjectNode c, FieldPath path, FieldErrors errs) {
    List<ObjectNode> env = Trees.objects(c, "env");
    for (int i = 0; i < env.size(); i++) {
      ObjectNode e = env.get(i);
      FieldPath p = path.index(i);
      String name = Trees.string(e, "name");
      if (name.isEmpty()) {
        errs.required(p.child("name"), "");
      } else {
        errs.invalidEach(p.child("name"), name, NameChecks.envVarName(name));
      }
      ObjectNode from = Trees.object(e, "valueFrom");
      if (from == null) {
        continue;
      }
      long sources =
          java.util.stream.Stream.of("fieldRef", "resourceFieldRef", "configMapKeyRef", "secretKeyRef").filter(s -> Trees.has(from, s)).count();
      FieldPath fp = p.child("valueFrom");
      if (sources == 0) {
        errs.invalid(fp, "", "must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`");
      } else if (!Trees.string(e, "value").isEmpty()) {
        errs.invalid(fp, "", "may not be specified when `value` is not empty");
      } else if (sources > 1) {
        errs.invalid(fp, "", "may not have more than one field specified at a time");
      }
      for (String ref : List.of("configMapKeyRef", "secretKeyRef")) {
        ObjectNode r = Trees.object(from, ref);
        if (r != null) {
          String key = Trees.string(r, "key");
          if (key.isEmpty()) {
            errs.required(fp.child(ref, "key"), "");
          } else {
            errs.invalidEach(fp.child(ref, "key"), key, NameRules.configMapKey(key));
          }
        }
      }
    }
  }

  /** {@code ValidateVolumeMounts}: names refer to volumes; mount paths required and unique. */
  static void volumeMounts(ObjectNode c, Set<String> volumes, FieldPath path, FieldErrors errs) {
    Set<String> mountPaths = new HashSet<>();
    List<ObjectNode> mounts = Trees.objects(c, "volumeMounts");
    for (int i = 0; i < mounts.size(); i++) {
      ObjectNode m = mounts.get(i);
      FieldPath p = path.index(i);
      String name = Trees.string(m, "name");
      if (name.isEmpty()) {
        errs.required(p.child("name"), "");
      }
      if (!volumes.contains(name)) {
        errs.notFound(p.child("name"), name);
      }
      String mountPath = Trees.string(m, "mountPath");
      if (mountPath.isEmpty()) {
        errs.required(p.child("mountPath"), "");
      }
      if (!mountPaths.add(mountPath)) {
        errs.invalid(p.child("mountPath"), mountPath, "must be unique");
      }
    }
  }

  /** {@code validatePodHostNetworkDeps}: with hostNetwork, host ports equal container ports. */
  private static void hostNetworkPorts(JsonNode spec, FieldPath path, boolean isPod, FieldErrors errs) {
    if (!Trees.bool(spec, "hostNetwork")) {
      return;
    }
    List<ObjectNode> containers = Trees.objects(spec, "containers");
    for (int i = 0; i < containers.size(); i++) {
      List<ObjectNode> ports = Trees.objects(containers.get(i), "ports");
      for (int j = 0; j < ports.size(); j++) {
        long hp = Trees.longValue(ports.get(j), "hostPort");
        long cp = Trees.longValue(ports.get(j), "containerPort");
        if ((isPod || hp != 0) && hp != cp) {
          errs.invalid(path.child("containers").index(i).child("ports").index(j).child("hostPort"), hp, "must match `containerPort` when `hostNetwork` is true");
        }
      }
    }
  }

  /** {@code ValidateTolerations}. */
  private static void tolerations(JsonNode spec, FieldPath path, FieldErrors errs) {
    List<ObjectNode> tolerations = Trees.objects(spec, "tolerations");
    for (int i = 0; i < tolerations.size(); i++) {
      ObjectNode t = tolerations.get(i);
      FieldPath p = path.index(i);
      String key = Trees.string(t, "key");
      String operator = Trees.string(t, "operator");
      String effect = Trees.string(t, "effect");
      String value = Trees.string(t, "value");
      if (!key.isEmpty()) {
        errs.invalidEach(p.child("key"), key, NameRules.qualifiedName(key));
      } else if (!operator.equals("Exists")) {
        errs.invalid(p.child("operator"), operator, "operator must be Exists when `key` is empty, which means \"match all values and all keys\"");
      }
      if (Trees.has(t, "tolerationSeconds") && !effect.equals("NoExecute")) {
        errs.invalid(p.child("effect"), effect, "effect must be 'NoExecute' when `tolerationSeconds` is set");
      }
      switch (operator) {
        case "Equal", "" -> {
          List<String> problems = NameRules.labelValue(value);
          if (!problems.isEmpty()) {
            errs.invalid(p.child("operator"), value, String.join(";", problems));
          }
        }
        case "Exists" -> {
          if (!value.isEmpty()) {
            errs.invalid(p.child("operator"), t, "value must be empty when `operator` is 'Exists'");
          }
        }
        default -> errs.notSupported(p.child("operator"), operator, List.of("Equal", "Exists"));
      }
      if (!effect.isEmpty() && !TAINT_EFFECTS.contains(effect)) {
        errs.notSupported(p.child("effect"), effect, TAINT_EFFECTS);
      }
    }
  }

  /** Required when empty, NotSupported when not one of {@code allowed}. */
  static void oneOf(JsonNode parent, String field, List<String> allowed, FieldPath path, FieldErrors errs) {
    String v = Trees.string(parent, field);
    if (v.isEmpty()) {
      errs.required(path, "");
    } else if (!allowed.contains(v)) {
      errs.notSupported(path, v, allowed);
    }
  }

  private static void subdomain(JsonNode spec, String field, FieldPath path, FieldErrors errs) {
    String v = Trees.string(spec, field);
    if (!v.isEmpty()) {
      errs.invalidEach(path.child(field), v, NameRules.dns1123Subdomain(v));
    }
  }
}
