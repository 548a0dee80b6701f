package io.tidewater.apiserver.builtin.core;

import static io.tidewater.apiserver.builtin.StrategyHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.apiserver.builtin.StrategyHarness;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

class EventStrategyTest {
  private final EventStrategy strategy = new EventStrategy();
  private final StrategyHarness harness = new StrategyHarness(strategy);

  static ObjectNode event() {
    String first = Instant.now().minus(20, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS).toString();
    String last = Instant.now().minus(5, ChronoUnit.HOURS).plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).toString();
    return json(
        """
        {"apiVersion":"v1","kind":"Event","metadata":{"name":"web-0.17a","namespace":"default"},
         "involvedObject":{"apiVersion":"v1","kind":"Pod","name":"web-0","namespace":"default","uid":"u1","fieldPath":"spec.containers{web}"},
         "reason":"BackOff","message":"Back-off restarting failed container\\n","type":"Warning","count":7,
         "source":{"component":"kubelet","host":"node-1"},"firstTimestamp":"%s","lastTimestamp":"%s"}
        """
            .formatted(first, last));
  }

  @Test
  void printsAsKubectlGetEvents() {
    ObjectNode e = event();
    e.put("lastTimestamp", Instant.now().minus(3, ChronoUnit.MINUTES).minusSeconds(20).truncatedTo(ChronoUnit.SECONDS).toString());
    assertThat(harness.columnNames())
        .containsExactly("Last Seen", "Type", "Reason", "Object", "Subobject*", "Source*", "Message", "First Seen*", "Count*");
    assertThat(harness.cells(e))
        .containsExactly("3m20s", "Warning", "BackOff", "pod/web-0", "spec.containers{web}", "kubelet, node-1", "Back-off restarting failed container", "20m", 7L);
  }

  @Test
  void eventsOfTheNewApiCountOnceAndFallBackToReportingFields() {
    ObjectNode e = json(
        """
        {"metadata":{"name":"x","namespace":"default"},"involvedObject":{"kind":"Node","name":"node-1"},
         "eventTime":"2024-01-01T00:00:00.000000Z","reportingComponent":"tidewater/simulator","reportingInstance":"sim-1",
         "action":"Registered","reason":"Registered","type":"Normal"}
        """);
    assertThat(harness.cell(e, "Count")).isEqualTo(1L);
    assertThat(harness.cell(e, "Source")).isEqualTo("tidewater/simulator, sim-1");
    assertThat(strategy.selectableFields().get("source").apply(e)).isEqualTo("tidewater/simulator");
    assertThat(harness.errors(e)).isEmpty();
  }

  @Test
  void theInvolvedObjectIsRequiredAndInTheEventsNamespace() {
    ObjectNode noObject = event();
    noObject.remove("involvedObject");
    assertThat(harness.errors(noObject)).containsExactly("involvedObject: Required value");
    ObjectNode elsewhere = event();
    elsewhere.withObject("/involvedObject").put("namespace", "kube-system");
    assertThat(harness.errors(elsewhere)).containsExactly("involvedObject.namespace: Invalid value: \"kube-system\": does not match event.namespace");
    ObjectNode newStyle = event();
    newStyle.put("eventTime", "2024-01-01T00:00:00.000000Z");
    assertThat(harness.errors(newStyle))
        .containsExactly(
            "reportingComponent: Required value",
            "reportingComponent: Invalid value: \"\": name part must be non-empty",
            "reportingInstance: Required value",
            "action: Required value");
  }

  @Test
  void selectableFieldsCoverTheInvolvedObject() {
    var f = strategy.selectableFields();
    ObjectNode e = event();
    assertThat(f.get("involvedObject.kind").apply(e)).isEqualTo("Pod");
    assertThat(f.get("involvedObject.name").apply(e)).isEqualTo("web-0");
    assertThat(f.get("involvedObject.uid").apply(e)).isEqualTo("u1");
    assertThat(f.get("involvedObject.fieldPath").apply(e)).isEqualTo("spec.containers{web}");
    assertThat(f.get("reason").apply(e)).isEqualTo("BackOff");
    assertThat(f.get("type").apply(e)).isEqualTo("Warning");
    assertThat(f.get("source").apply(e)).isEqualTo("kubelet");
    assertThat(f).containsKeys("involvedObject.namespace", "involvedObject.apiVersion", "involvedObject.resourceVersion", "reportingComponent");
  }
}
