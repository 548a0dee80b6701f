package io.tidewater.apiserver;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.api.json.Json;

/**
 * The Kubernetes version the server reports at {@code /version}. kubectl's dispatcher on this
 * machine picks its binary by this minor version, and clients use it for feature detection.
 */
public record KubernetesVersion(int major, int minor, int patch) {
  public static final KubernetesVersion DEFAULT = new KubernetesVersion(1, 33, 0);

  public String gitVersion() {
    return "v" + major + "." + minor + "." + patch;
  }

  public ObjectNode toJson(String tidewaterVersion) {
    ObjectNode v = Json.object();
    v.put("major", Integer.toString(major));
    v.put("minor", Integer.toString(minor));
    v.put("emulationMajor", Integer.toString(major));
    v.put("emulationMinor", Integer.toString(minor));
    v.put("gitVersion", gitVersion() + "+tidewater-" + tidewaterVersion);
    v.put("gitCommit", "tidewater");
    v.put("gitTreeState", "clean");
    v.put("buildDate", "2026-11-22T00:00:00Z");
    v.put("goVersion", "java" + Runtime.version().feature());
    v.put("compiler", "tidewater");
    v.put("platform", System.getProperty("os.name").toLowerCase() + "/" + System.getProperty("os.arch").replace("x86_64", "amd64"));
    return v;
  }
}
