package io.tidewater.member.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The scheduler's view of what a pod takes. */
class PodRequestsTest {

  @Test
  void sumsContainersAndAddsAPodSlot() {
    Pod pod = new PodBuilder().withNewSpec()
        .addNewContainer().withName("a").withNewResources().withRequests(Map.of("cpu", new Quantity("250m"), "memory", new Quantity("1Gi"))).endResources().endContainer()
        .addNewContainer().withName("b").withNewResources().withRequests(Map.of("cpu", new Quantity("0.5"), "memory", new Quantity("512M"))).endResources().endContainer()
        .endSpec().build();
    var r = PodRequests.of(pod);
    assertThat(r.get("cpu")).isEqualTo(750);
    assertThat(r.get("memory")).isEqualTo(1024L * 1024 * 1024 + 512_000_000L);
    assertThat(r.get("pods")).isEqualTo(1);
  }

  @Test
  void initContainersCountAtTheirPeakAndSidecarsRunAlongside() {
    Pod pod = new PodBuilder().withNewSpec()
        .addNewInitContainer().withName("sidecar").withRestartPolicy("Always").withNewResources().withRequests(Map.of("cpu", new Quantity("100m"))).endResources().endInitContainer()
        .addNewInitContainer().withName("migrate").withNewResources().withRequests(Map.of("cpu", new Quantity("2"))).endResources().endInitContainer()
        .addNewContainer().withName("app").withNewResources().withRequests(Map.of("cpu", new Quantity("1"))).endResources().endContainer()
        .withOverhead(Map.of("cpu", new Quantity("10m")))
        .endSpec().build();
    // app phase: 1000 + 100 (sidecar) = 1100; init peak: 2000 + 100 (sidecar started before it) = 2100; plus overhead.
    assertThat(PodRequests.of(pod).get("cpu")).isEqualTo(2110);
  }

  @Test
  void roundsFractionalMillicoresUp() {
    assertThat(CanonicalQuantities.of("cpu", new Quantity("0.0005"))).isEqualTo(1);
    assertThat(CanonicalQuantities.of("memory", new Quantity("1.5Ki"))).isEqualTo(1536);
    assertThat(CanonicalQuantities.of("nvidia.com/gpu", new Quantity("2"))).isEqualTo(2);
  }
}
