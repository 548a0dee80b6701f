package io.tidewater.bench.gateway;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.api.json.Json;

/**
 * Pods shaped like a typical Deployment's: labels, annotations, an owner, one container with
 * env, ports, probes, resources and a mount; about 2 KiB once the API server has defaulted them.
 */
final class BenchPods {
  static final String SENT_ANNOTATION = "bench.tidewater.io/sent-nanos";

  private BenchPods() {}

  static ObjectNode pod(String namespace, String name, int app, String node) {
    ObjectNode p = Json.object();
    p.put("apiVersion", "v1").put("kind", "Pod");
    ObjectNode meta = p.putObject("metadata");
    meta.put("name", name).put("namespace", namespace);
    meta.putObject("labels").put("app", "bench-" + app).put("pod-template-hash", "5d8f7c9b4").put("tier", app % 2 == 0 ? "front" : "back")
        .put("version", "v1.27.3");
    meta.putObject("annotations").put("prometheus.io/scrape", "true").put("prometheus.io/port", "9090");
    ObjectNode spec = p.putObject("spec");
    spec.put("nodeName", node);
    ObjectNode c = spec.putArray("containers").addObject();
    c.put("name", "app").put("image", "registry.example.com/team/bench-app:1.27.3");
    ArrayNode env = c.putArray("env");
    for (String k : new String[] {"LOG_LEVEL", "REGION", "ZONE", "FEATURE_FLAGS", "UPSTREAM_URL"}) {
      env.addObject().put("name", k).put("value", k.toLowerCase() + "-value-for-bench");
    }
    c.putArray("ports").addObject().put("name", "http").put("containerPort", 8080).put("protocol", "TCP");
    ObjectNode res = c.putObject("resources");
    res.putObject("requests").put("cpu", "250m").put("memory", "256Mi");
    res.putObject("limits").put("cpu", "1").put("memory", "512Mi");
    ObjectNode probe = c.putObject("readinessProbe");
    probe.putObject("httpGet").put("path", "/healthz").put("port", 8080);
    probe.put("periodSeconds", 10);
    c.putArray("volumeMounts").addObject().put("name", "config").put("mountPath", "/etc/app");
    spec.putArray("volumes").addObject().put("name", "config").putObject("configMap").put("name", "bench-config");
    return p;
  }
}
