package io.tidewater.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The fleet's life cycle: ensure creates once and then updates, remove takes a member off the port. */
class FleetTest {
  private static int status(HttpClient client, KubeconfigEntry e, String path) throws Exception {
    HttpRequest r = HttpRequest.newBuilder(URI.create(e.server() + path)).header("Authorization", "Bearer " + e.token()).build();
    return client.send(r, HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  @Test
  void ensureIsIdempotentUpdatesPoolsAndRemoveTakesTheMemberAway() throws Exception {
    HttpClient client = HttpClient.newHttpClient();
    try (Fleet fleet = Fleet.start(Fleet.Options.plain())) {
      SimulatedClusterSpec spec = SimulatedClusterSpec.of(NodePoolSpec.of("general", 2, "8", "32Gi"));
      SimulatedCluster first = fleet.ensure("alpha", spec);
      long revision = first.nodes().revision();
      assertThat(fleet.ensure("alpha", spec)).isSameAs(first);
      assertThat(first.nodes().revision()).isEqualTo(revision);

      fleet.ensure("alpha", spec.withPools(List.of(NodePoolSpec.of("general", 3, "8", "32Gi"), NodePoolSpec.of("gpu", 1, "32", "128Gi").withGpus(4, "nvidia-l4"))));
      assertThat(first.nodes().snapshot()).extracting(r -> r.name()).containsExactly("alpha-general-0", "alpha-general-1", "alpha-general-2", "alpha-gpu-0");
      assertThat(first.nodes().get("alpha-gpu-0").profile().labels()).containsEntry("nvidia.com/gpu.product", "nvidia-l4");
      assertThat(first.nodes().get("alpha-gpu-0").profile().allocatable("nvidia.com/gpu")).isEqualTo(4);
      fleet.ensure("alpha", spec.withPools(List.of(NodePoolSpec.of("general", 1, "8", "32Gi"))));
      assertThat(first.nodes().snapshot()).extracting(r -> r.name()).containsExactly("alpha-general-0");

      KubeconfigEntry entry = fleet.kubeconfigEntry("alpha").orElseThrow();
      assertThat(entry.server()).isEqualTo(fleet.url() + "/clusters/alpha");
      assertThat(entry.caPem()).isNull(); // plain HTTP
      assertThat(status(client, entry, "/api/v1/nodes")).isEqualTo(200);
      assertThat(status(client, new KubeconfigEntry("alpha", entry.server(), null, "wrong"), "/api/v1/nodes")).isEqualTo(401);
      assertThat(status(client, new KubeconfigEntry("alpha", entry.server(), null, fleet.adminToken()), "/api/v1/nodes")).isEqualTo(200);

      assertThat(fleet.remove("alpha")).isTrue();
      assertThat(fleet.get("alpha")).isEmpty();
      assertThat(fleet.kubeconfigEntry("alpha")).isEmpty();
      assertThat(status(client, entry, "/api/v1/nodes")).isEqualTo(404);
      assertThat(fleet.remove("alpha")).isFalse();
      assertThatThrownBy(() -> fleet.ensure("Not_A_Label", spec)).isInstanceOf(IllegalArgumentException.class);
    }
  }
}
