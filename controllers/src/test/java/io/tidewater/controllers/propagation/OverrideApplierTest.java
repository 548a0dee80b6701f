package io.tidewater.controllers.propagation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.api.json.Json;
import io.tidewater.api.kinds.TidewaterJson;
import io.tidewater.api.policy.OverridePolicy;
import io.tidewater.scheduler.model.ClusterInfo;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OverrideApplierTest {
  private static final String DEPLOYMENT = """
      {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","namespace":"shop","labels":{"app":"web"},"uid":"u1","generation":3,
       "resourceVersion":"9","annotations":{"kubectl.kubernetes.io/last-applied-configuration":"{}"}},
       "spec":{"replicas":10,"template":{"spec":{"containers":[{"name":"web","image":"docker.io/shop/web:1.2","env":[{"name":"A","value":"1"}]}],
       "initContainers":[{"name":"init","image":"busybox"}]}}},"status":{"replicas":10}}""";

  private static final String CLOUD_REGISTRY = """
      {"apiVersion":"policy.tidewater.io/v1alpha1","kind":"OverridePolicy","metadata":{"name":"cloud-registry","namespace":"shop"},
       "spec":{"resourceSelectors":[{"apiVersion":"apps/v1","kind":"Deployment","name":"web"}],
        "overrideRules":[{"targetCluster":{"fieldSelector":{"matchExpressions":[{"key":"tier","operator":"In","values":["cloud"]}]}},
          "overriders":{"imageOverrider":[{"component":"Registry","operator":"replace","value":"registry.cloud.example.com"}],
                        "envOverrider":[{"containerName":"web","operator":"add","value":[{"name":"CLOUD","value":"true"}]}],
                        "labelsOverrider":[{"operator":"add","value":{"cost":"high"}}],
                        "plaintext":[{"path":"/spec/template/spec/terminationGracePeriodSeconds","operator":"add","value":5}]}}]}}""";

  private static ClusterInfo cluster(String name, String tier) {
    return new ClusterInfo(name, tier, "", "", "", Map.of(), List.of(), 100, 0);
  }

  private static ObjectNode render(String cluster, String tier) {
    ObjectNode template = Json.parseObject(DEPLOYMENT.getBytes());
    OverridePolicy p = TidewaterJson.decode(Json.parseObject(CLOUD_REGISTRY.getBytes()), OverridePolicy.class);
    return OverrideApplier.apply(ManifestRenderer.render(template, 4, "shop.web-deployment", cluster), template, List.of(p), cluster(cluster, tier));
  }

  @Test
  void rewritesTheImageRegistryForTheCloudTierOnly() {
    ObjectNode cloud = render("cloud-1", "cloud");
    ObjectNode idc = render("idc-1", "idc");
    assertThat(cloud.at("/spec/template/spec/containers/0/image").asText()).isEqualTo("registry.cloud.example.com/shop/web:1.2");
    assertThat(cloud.at("/spec/template/spec/initContainers/0/image").asText()).isEqualTo("registry.cloud.example.com/busybox");
    assertThat(idc.at("/spec/template/spec/containers/0/image").asText()).isEqualTo("docker.io/shop/web:1.2");
    assertThat(cloud.at("/spec/template/spec/containers/0/env").toString()).contains("CLOUD").contains("\"A\"");
    assertThat(cloud.at("/metadata/labels/cost").asText()).isEqualTo("high");
    assertThat(cloud.at("/spec/template/spec/terminationGracePeriodSeconds").asInt()).isEqualTo(5);
    assertThat(idc.at("/metadata/labels").has("cost")).isFalse();
  }

  @Test
  void rendersIntentOnlyWithThisMembersReplicasAndTidewaterLabels() {
    ObjectNode m = render("idc-1", "idc");
    assertThat(m.has("status")).isFalse();
    assertThat(m.at("/metadata").has("uid")).isFalse();
    assertThat(m.at("/metadata").has("resourceVersion")).isFalse();
    assertThat(m.at("/metadata/annotations").has("kubectl.kubernetes.io/last-applied-configuration")).isFalse();
    assertThat(m.at("/metadata/annotations/tidewater.io~1template-generation").asText()).isEqualTo("3");
    assertThat(m.at("/metadata/labels/tidewater.io~1managed-by").asText()).isEqualTo("tidewater");
    assertThat(m.at("/spec/replicas").asInt()).isEqualTo(4);
  }

  @Test
  void parsesImageReferencesLikeDocker() {
    assertThat(ImageReference.parse("nginx").toString()).isEqualTo("nginx");
    assertThat(ImageReference.parse("nginx:1.27").tag()).isEqualTo("1.27");
    assertThat(ImageReference.parse("localhost:5000/app:v1").registry()).isEqualTo("localhost:5000");
    assertThat(ImageReference.parse("shop/web").registry()).isNull();
    assertThat(ImageReference.parse("gcr.io/x/y@sha256:abc").digest()).isEqualTo("sha256:abc");
  }
}
