package io.tidewater.simulator.usage;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.api.meta.GroupVersionResource;
import io.tidewater.apiserver.registry.Columns;
import io.tidewater.apiserver.registry.PrinterColumn;
import io.tidewater.apiserver.registry.ResourceStrategy;
import io.tidewater.apiserver.registry.ResourceType;
import java.util.List;

/**
 * The resource metrics API ({@code metrics.k8s.io/v1beta1}) a metrics-server would add to a
 * cluster: PodMetrics and NodeMetrics, read-only. Registered with the member's other kinds, so
 * they appear in discovery and {@code kubectl top} finds them.
 */
public final class MetricsKinds {
  public static final String GROUP = "metrics.k8s.io";
  public static final String VERSION = "v1beta1";
  public static final GroupVersionResource PODS = new GroupVersionResource(GROUP, VERSION, "pods");
  public static final GroupVersionResource NODES = new GroupVersionResource(GROUP, VERSION, "nodes");

  private MetricsKinds() {}

  public static ResourceType podMetrics() {
    return new ResourceType(PODS, "PodMetrics", "", true, List.of(), List.of(), new Strategy(false));
  }

  public static ResourceType nodeMetrics() {
    return new ResourceType(NODES, "NodeMetrics", "", false, List.of(), List.of(), new Strategy(true));
  }

  /** Columns for {@code kubectl get podmetrics}; nothing else applies to a read-only kind. */
  private record Strategy(boolean node) implements ResourceStrategy {
    @Override
    public List<PrinterColumn> printerColumns() {
      if (node) {
        return List.of(
            PrinterColumn.of("CPU", "string", "CPU usage", o -> Columns.text(o, "usage.cpu", "")),
            PrinterColumn.of("Memory", "string", "Memory usage", o -> Columns.text(o, "usage.memory", "")),
            PrinterColumn.of("Window", "string", "Window of the measurement", o -> Columns.text(o, "window", "")));
      }
      return List.of(
          PrinterColumn.of("CPU", "string", "CPU usage of the pod's containers", o -> sum(o, "cpu")),
          PrinterColumn.of("Memory", "string", "Memory usage of the pod's containers", o -> sum(o, "memory")),
          PrinterColumn.of("Window", "string", "Window of the measurement", o -> Columns.text(o, "window", "")));
    }

    private static String sum(ObjectNode metrics, String resource) {
      StringBuilder out = new StringBuilder();
      metrics.path("containers").forEach(c -> {
        if (!out.isEmpty()) {
          out.append(',');
        }
        out.append(c.path("usage").path(resource).asText(""));
      });
      return out.toString();
    }
  }
}
