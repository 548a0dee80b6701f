package io.tidewater.simulator.usage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.apiserver.storage.CachedObject;
import io.tidewater.apiserver.storage.GetOptions;
import io.tidewater.apiserver.storage.ListOptions;
import io.tidewater.apiserver.storage.ListResult;
import io.tidewater.apiserver.storage.ObjectFilter;
import io.tidewater.apiserver.storage.RegistryStorage;
import io.tidewater.simulator.pods.Pods;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** {@code podmetrics}: one PodMetrics per running pod, its usage split over its containers by CPU request. */
public final class PodMetricsStorage extends MetricsStorage {
  private final Supplier<RegistryStorage> pods;
  private final UsageModel usage;

  public PodMetricsStorage(Supplier<RegistryStorage> pods, UsageModel usage, Clock clock) {
    super(MetricsKinds.podMetrics(), clock);
    this.pods = pods;
    this.usage = usage;
  }

  @Override
  public CachedObject get(String namespace, String name, GetOptions options) {
    CachedObject pod = pods.get().cache().get(namespace + "/" + name);
    if (pod == null || !UsageModel.isRunning(pod.object())) {
      throw notFound(name);
    }
    // A pod's share of a total load depends on its siblings: compute over the namespace.
    List<ObjectNode> all = namespacePods(namespace);
    PodUsage u = usage.usage(all).getOrDefault(namespace + "/" + name, PodUsage.NONE);
    return cached(render(pod.object(), u));
  }

  @Override
  public ListResult list(String namespace, ListOptions options) {
    ObjectFilter filter = filter(namespace, options);
    List<ObjectNode> all = namespacePods(namespace);
    Map<String, PodUsage> byPod = usage.usage(all);
    List<CachedObject> items = new ArrayList<>();
    for (ObjectNode pod : all) {
      PodUsage u = byPod.get(Pods.key(pod));
      if (u == null) {
        continue;
      }
      CachedObject o = cached(render(pod, u));
      if (filter.matches(o)) {
        items.add(o);
      }
    }
    return new ListResult(items, pods.get().cache().revision(), null, null);
  }

  private List<ObjectNode> namespacePods(String namespace) {
    List<ObjectNode> out = new ArrayList<>();
    for (CachedObject o : pods.get().list(namespace, ListOptions.everything().withResourceVersion0()).items()) {
      out.add(o.object());
    }
    return out;
  }

  private ObjectNode render(ObjectNode pod, PodUsage u) {
    ObjectNode o = metricsObject(pod.path("metadata").path("namespace").asText(), pod.path("metadata").path("name").asText(), pod);
    ArrayNode containers = o.putArray("containers");
    JsonNode specs = pod.path("spec").path("containers");
    long totalRequest = 0;
    for (JsonNode c : specs) {
      totalRequest += cpuRequest(c);
    }
    long cpuLeft = u.cpuMillis();
    long memLeft = u.memoryBytes();
    for (int i = 0; i < specs.size(); i++) {
      JsonNode c = specs.get(i);
      boolean last = i == specs.size() - 1;
      double share = totalRequest > 0 ? (double) cpuRequest(c) / totalRequest : 1.0 / specs.size();
      long cpu = last ? cpuLeft : Math.round(u.cpuMillis() * share);
      long mem = last ? memLeft : Math.round(u.memoryBytes() * share);
      cpuLeft -= cpu;
      memLeft -= mem;
      ObjectNode entry = containers.addObject();
      entry.put("name", c.path("name").asText());
      entry.putObject("usage").put("cpu", cpu(cpu)).put("memory", memory(mem));
    }
    return o;
  }

  private static long cpuRequest(JsonNode container) {
    String r = container.path("resources").path("requests").path("cpu").asText("");
    return r.isEmpty() ? 0 : io.tidewater.api.quantity.Quantities.milliValue(r);
  }
}
