package io.tidewater.gateway.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidewater.apiserver.registry.PrinterColumn;
import io.tidewater.apiserver.registry.ResourceType;
import io.tidewater.gateway.view.MergedKind;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The merged kinds keep the built-in names and columns, with CLUSTER after the default columns. */
class GatewayResourceTypesTest {

  static List<String> columns(ResourceType t) {
    return t.strategy().printerColumns().stream().map(c -> c.name() + (c.priority() > 0 ? "*" : "")).toList();
  }

  @Test
  void podsPrintClusterAfterAgeAndBeforeTheWideColumns() {
    ResourceType pods = GatewayResourceTypes.of(MergedKind.PODS);
    assertThat(pods.kind()).isEqualTo("Pod");
    assertThat(pods.shortNames()).containsExactly("po");
    assertThat(columns(pods)).startsWith("Ready", "Status", "Restarts", "Age", "Cluster", "IP*", "Node*");
    assertThat(pods.strategy().selectableFields()).containsKeys("spec.nodeName", "status.phase");
  }

  @Test
  void everyMergedKindHasTheColumn() {
    for (MergedKind k : MergedKind.values()) {
      ResourceType t = GatewayResourceTypes.of(k);
      assertThat(t.gvr()).isEqualTo(k.gvr());
      List<PrinterColumn> cols = t.strategy().printerColumns();
      assertThat(cols).contains(ClusterColumnStrategy.CLUSTER);
      int cluster = cols.indexOf(ClusterColumnStrategy.CLUSTER);
      // After every default column (events print MESSAGE after some wide ones), so kubectl shows it last.
      assertThat(cols.subList(cluster + 1, cols.size())).allMatch(c -> c.priority() > 0);
    }
  }
}
