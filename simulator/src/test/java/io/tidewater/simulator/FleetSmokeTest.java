package io.tidewater.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidewater.apiserver.testing.Kubectl;
import io.tidewater.apiserver.tls.TlsMaterial;
import io.tidewater.simulator.testing.Kubeconfigs;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FleetSmokeTest {
  @TempDir Path dir;

  @Test
  void kubectlDeploys() throws Exception {
    try (Fleet fleet = Fleet.start(Fleet.Options.tls(TlsMaterial.loadOrCreate(dir.resolve("tls"), List.of())))) {
      fleet.ensure("east", SimulatedClusterSpec.of(NodePoolSpec.of("general", 3, "8", "32Gi")).withPodTimings(PodTimings.FAST));
      Kubectl kubectl = new Kubectl(Kubeconfigs.write(dir, fleet.kubeconfigEntries()));
      String deploy = """
          apiVersion: apps/v1
          kind: Deployment
          metadata: {name: web, namespace: default}
          spec:
            replicas: 3
            selector: {matchLabels: {app: web}}
            template:
              metadata: {labels: {app: web}}
              spec:
                containers:
                - name: web
                  image: nginx:1.27
                  resources: {requests: {cpu: 500m, memory: 256Mi}}
          """;
      System.err.println(kubectl.runWithInput(deploy, "--context", "east", "apply", "-f", "-").out());
      var r = kubectl.run("--context", "east", "rollout", "status", "deployment/web", "--timeout=60s");
      System.err.println(r.out() + r.stderr());
      System.err.println(kubectl.run("--context", "east", "get", "pods", "-o", "wide").out());
      System.err.println(kubectl.run("--context", "east", "get", "deploy,rs").out());
      System.err.println(kubectl.run("--context", "east", "set", "image", "deployment/web", "web=nginx:1.28").out());
      r = kubectl.run("--context", "east", "rollout", "status", "deployment/web", "--timeout=60s");
      System.err.println(r.out() + r.stderr());
      System.err.println(kubectl.run("--context", "east", "get", "deploy,rs,pods").out());
      System.err.println(kubectl.run("--context", "east", "rollout", "history", "deployment/web").out());
      r = kubectl.run("--context", "east", "rollout", "undo", "deployment/web");
      System.err.println(r.out() + r.stderr());
      r = kubectl.run("--context", "east", "rollout", "status", "deployment/web", "--timeout=60s");
      System.err.println(r.out() + r.stderr());
      System.err.println(kubectl.run("--context", "east", "get", "deploy,rs,pods", "-o", "wide").out());
      System.err.println(kubectl.run("--context", "east", "describe", "deploy", "web").out());
      System.err.println(kubectl.run("--context", "east", "get", "events").out());
      assertThat(r.exitCode()).isZero();
    }
  }
}
