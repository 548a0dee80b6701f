package io.tidewater.apiserver.builtin.pods;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.api.quantity.Quantities;
import io.tidewater.apiserver.builtin.support.Trees;
import java.util.List;

/**
 * Kubernetes' defaulting of a PodSpec wherever it appears (pods and every pod template):
 * {@code SetDefaults_PodSpec}, {@code SetDefaults_Container}, probes, volumes and the ResourceList
 * rounding, as generated into core/v1's {@code zz_generated.defaults.go}. Pod-only defaults live in
 * {@link PodDefaults}. Every step only fills what is unset, so applying it twice changes nothing.
 */
public final class PodSpecDefaults {
  private PodSpecDefaults() {}

  /** Every volume source a Volume may carry; a volume with none of them becomes an emptyDir. */
  static final List<String> VOLUME_SOURCES =
      List.of(
          "hostPath", "emptyDir", "gcePersistentDisk", "awsElasticBlockStore", "gitRepo", "secret", "nfs", "iscsi", "glusterfs",
          "persistentVolumeClaim", "rbd", "flexVolume", "cinder", "cephfs", "flocker", "downwardAPI", "fc", "azureFile", "configMap",
          "vsphereVolume", "quobyte", "azureDisk", "photonPersistentDisk", "projected", "portworxVolume", "scaleIO", "storageos", "csi",
          "ephemeral", "image");

  /** Default file mode of secret, configMap, downwardAPI and projected volumes (0644). */
  static final int DEFAULT_MODE = 420;

  public static void apply(ObjectNode spec) {
    if (spec == null) {
      return;
    }
    Trees.defaultText(spec, "dnsPolicy", "ClusterFirst");
    Trees.defaultText(spec, "restartPolicy", "Always");
    if (!Trees.has(spec, "securityContext")) {
      spec.putObject("securityContext");
    }
    Trees.defaultValue(spec, "terminationGracePeriodSeconds", 30);
    Trees.defaultText(spec, "schedulerName", "default-scheduler");
    Trees.objects(spec, "volumes").forEach(PodSpecDefaults::volume);
    for (String list : List.of("initContainers", "containers", "ephemeralContainers")) {
      Trees.objects(spec, list).forEach(PodSpecDefaults::container);
    }
    Quantities.canonicaliseResourceList(spec.get("overhead"));
    ObjectNode podResources = Trees.object(spec, "resources");
    if (podResources != null) {
      Quantities.canonicaliseResourceList(podResources.get("limits"));
      Quantities.canonicaliseResourceList(podResources.get("requests"));
    }
  }

  static void container(ObjectNode c) {
    if (!Trees.has(c, "imagePullPolicy") || Trees.string(c, "imagePullPolicy").isEmpty()) {
      c.put("imagePullPolicy", ImageReference.tag(Trees.string(c, "image")).equals("latest") ? "Always" : "IfNotPresent");
    }
    Trees.defaultText(c, "terminationMessagePath", "/dev/termination-log");
    Trees.defaultText(c, "terminationMessagePolicy", "File");
    Trees.objects(c, "ports").forEach(p -> Trees.defaultText(p, "protocol", "TCP"));
    for (ObjectNode env : Trees.objects(c, "env")) {
      fieldRef(Trees.object(Trees.object(env, "valueFrom"), "fieldRef"));
    }
    ObjectNode resources = Trees.object(c, "resources");
    if (resources != null) {
      Quantities.canonicaliseResourceList(resources.get("limits"));
      Quantities.canonicaliseResourceList(resources.get("requests"));
    }
    for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
      probe(Trees.object(c, probe));
    }
    ObjectNode lifecycle = Trees.object(c, "lifecycle");
    if (lifecycle != null) {
      for (String hook : List.of("postStart", "preStop")) {
        httpGet(Trees.object(Trees.object(lifecycle, hook), "httpGet"));
      }
    }
  }

  /** {@code SetDefaults_Probe} and its handlers. */
  static void probe(ObjectNode probe) {
    if (probe == null) {
      return;
    }
    Trees.defaultNonZero(probe, "timeoutSeconds", 1);
    Trees.defaultNonZero(probe, "periodSeconds", 10);
    Trees.defaultNonZero(probe, "successThreshold", 1);
    Trees.defaultNonZero(probe, "failureThreshold", 3);
    httpGet(Trees.object(probe, "httpGet"));
    ObjectNode grpc = Trees.object(probe, "grpc");
    if (grpc != null) {
      Trees.defaultPointerText(grpc, "service", "");
    }
  }

  /** {@code SetDefaults_HTTPGetAction}. */
  static void httpGet(ObjectNode action) {
    if (action != null) {
      Trees.defaultText(action, "path", "/");
      Trees.defaultText(action, "scheme", "HTTP");
    }
  }

  /** {@code SetDefaults_ObjectFieldSelector}. */
  static void fieldRef(ObjectNode ref) {
    if (ref != null) {
      Trees.defaultText(ref, "apiVersion", "v1");
    }
  }

  /** {@code SetDefaults_Volume} and the defaulters of each volume source. */
  static void volume(ObjectNode v) {
    boolean hasSource = VOLUME_SOURCES.stream().anyMatch(s -> Trees.has(v, s));
    if (!hasSource) {
      v.putObject("emptyDir");
    }
    ObjectNode hostPath = Trees.object(v, "hostPath");
    if (hostPath != null) {
      Trees.defaultPointerText(hostPath, "type", "");
    }
    for (String s : List.of("secret", "configMap", "downwardAPI", "projected")) {
      ObjectNode src = Trees.object(v, s);
      if (src != null) {
        Trees.defaultValue(src, "defaultMode", DEFAULT_MODE);
      }
    }
    Trees.objects(Trees.object(v, "downwardAPI"), "items").forEach(i -> fieldRef(Trees.object(i, "fieldRef")));
    for (ObjectNode source : Trees.objects(Trees.object(v, "projected"), "sources")) {
      Trees.objects(Trees.object(source, "downwardAPI"), "items").forEach(i -> fieldRef(Trees.object(i, "fieldRef")));
      ObjectNode token = Trees.object(source, "serviceAccountToken");
      if (token != null) {
        Trees.defaultValue(token, "expirationSeconds", 3600);
      }
    }
    ObjectNode iscsi = Trees.object(v, "iscsi");
    if (iscsi != null) {
      Trees.defaultText(iscsi, "iscsiInterface", "default");
    }
    ObjectNode rbd = Trees.object(v, "rbd");
    if (rbd != null) {
      Trees.defaultText(rbd, "pool", "rbd");
      Trees.defaultText(rbd, "user", "admin");
      Trees.defaultText(rbd, "keyring", "/etc/ceph/keyring");
    }
    ObjectNode azureDisk = Trees.object(v, "azureDisk");
    if (azureDisk != null) {
      Trees.defaultPointerText(azureDisk, "cachingMode", "ReadWrite");
      Trees.defaultPointerText(azureDisk, "kind", "Shared");
      Trees.defaultPointerText(azureDisk, "fsType", "ext4");
      Trees.defaultValue(azureDisk, "readOnly", false);
    }
    ObjectNode scaleIO = Trees.object(v, "scaleIO");
    if (scaleIO != null) {
      Trees.defaultText(scaleIO, "storageMode", "ThinProvisioned");
      Trees.defaultText(scaleIO, "fsType", "xfs");
    }
    ObjectNode claimTemplate = Trees.object(Trees.object(v, "ephemeral"), "volumeClaimTemplate");
    if (claimTemplate != null) {
      claimSpec(Trees.object(claimTemplate, "spec"));
    }
  }

  /** {@code SetDefaults_PersistentVolumeClaimSpec} plus its ResourceLists. */
  public static void claimSpec(ObjectNode spec) {
    if (spec == null) {
      return;
    }
    Trees.defaultPointerText(spec, "volumeMode", "Filesystem");
    ObjectNode resources = Trees.object(spec, "resources");
    if (resources != null) {
      Quantities.canonicaliseResourceList(resources.get("limits"));
      Quantities.canonicaliseResourceList(resources.get("requests"));
    }
  }

  /** The pod template's spec of a workload ({@code spec.template.spec}), or null. */
  public static ObjectNode templateSpec(JsonNode workload) {
    return Trees.object(Trees.object(Trees.object(workload, "spec"), "template"), "spec");
  }
}
