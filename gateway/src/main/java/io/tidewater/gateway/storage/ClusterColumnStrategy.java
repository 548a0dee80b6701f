package io.tidewater.gateway.storage;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.apiserver.registry.PrinterColumn;
import io.tidewater.apiserver.registry.ResourceStrategy;
import io.tidewater.gateway.view.ObjectRewriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A built-in kind's strategy as the merged view serves it: the same printer columns plus CLUSTER
 * after the last default column (so {@code -o wide} columns follow it), and the same selectable
 * fields. The merged view accepts no creates or updates, so nothing else of the strategy applies.
 */
final class ClusterColumnStrategy implements ResourceStrategy {
  static final PrinterColumn CLUSTER = PrinterColumn.of(
      "Cluster", "string", "The member cluster that holds the object (label tidewater.io/cluster).",
      obj -> {
        String c = obj.path("metadata").path("labels").path(ObjectRewriter.CLUSTER_LABEL).asText("");
        return c.isEmpty() ? "<none>" : c;
      });

  private final ResourceStrategy builtin;
  private final List<PrinterColumn> columns;

  ClusterColumnStrategy(ResourceStrategy builtin) {
    this.builtin = builtin;
    List<PrinterColumn> cols = new ArrayList<>(builtin.printerColumns());
    int at = 0;
    for (int i = 0; i < cols.size(); i++) {
      if (cols.get(i).priority() == 0) {
        at = i + 1;
      }
    }
    cols.add(at, CLUSTER);
    this.columns = List.copyOf(cols);
  }

  @Override
  public boolean hasStatus() {
    return builtin.hasStatus();
  }

  @Override
  public List<PrinterColumn> printerColumns() {
    return columns;
  }

  @Override
  public Map<String, Function<ObjectNode, String>> selectableFields() {
    return builtin.selectableFields();
  }
}
