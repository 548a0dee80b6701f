package io.tidewater.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.tidewater.api.json.Json;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code tidewater cluster join}: registers a real member from its kubeconfig. It stores the
 * kubeconfig in a Secret in {@value #SECRET_NAMESPACE} and creates the {@code Cluster} that points
 * at it, exactly what {@code kubectl apply} of the two objects would do.
 */
@Command(name = "join", mixinStandardHelpOptions = true, description = "Register a member cluster from its kubeconfig.")
final class ClusterJoinCommand implements Callable<Integer> {
  static final String SECRET_NAMESPACE = "tidewater-system";

  @Spec CommandSpec spec;

  @Parameters(index = "0", description = "The member's name in the federation (an RFC 1123 label).")
  String name;

  @Option(names = "--kubeconfig", required = true, description = "The member's kubeconfig file.")
  Path memberKubeconfig;

  @Option(names = "--context", description = "The context to use from the member's kubeconfig (default: its current context).")
  String context;

  @Option(names = "--tier", required = true, description = "idc or cloud (or another tier your policies name).")
  String tier;

  @Option(names = "--region") String region;

  @Option(names = "--zone") String zone;

  @Option(names = "--provider") String provider;

  @Option(names = "--price-cpu-hour", description = "Price of one core for an hour, for example 0.045.") String priceCpuHour;

  @Option(names = "--price-memory-gib-hour") String priceMemoryGiBHour;

  @Option(names = "--price-gpu-hour") String priceGpuHour;

  @Option(names = "--watermark", description = "Admission ceiling, percent of allocatable (1-100).") Integer watermark;

  @Option(names = "--federation-kubeconfig", description = "Kubeconfig of the federation (default: $KUBECONFIG, else ~/.tidewater/kubeconfig).")
  Path federationKubeconfig;

  @Override
  public Integer call() throws Exception {
    String kubeconfig;
    try {
      kubeconfig = Files.readString(memberKubeconfig);
      // Fails here, before anything is written, when the file is not a kubeconfig with that context.
      Config member = Config.fromKubeconfig(context, kubeconfig, null);
      if (member.getMasterUrl() == null || member.getMasterUrl().isBlank()) {
        throw new IllegalArgumentException("it names no server");
      }
      if (context != null) {
        ObjectNode parsed = (ObjectNode) Json.YAML.readTree(kubeconfig);
        parsed.put("current-context", context);
        kubeconfig = Json.YAML.writeValueAsString(parsed);
      }
    } catch (Exception e) {
      spec.commandLine().getErr().println("tidewater: " + memberKubeconfig + " is not a usable kubeconfig" + (context != null ? " for context " + context : "")
          + ": " + e.getMessage());
      return 1;
    }
    try (KubernetesClient federation = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(Files.readString(federationKubeconfig()))).build()) {
      if (federation.namespaces().withName(SECRET_NAMESPACE).get() == null) {
        federation.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(SECRET_NAMESPACE).endMetadata().build()).create();
      }
      String secretName = name + "-kubeconfig";
      federation.secrets().inNamespace(SECRET_NAMESPACE).resource(new SecretBuilder()
          .withNewMetadata().withName(secretName).endMetadata()
          .addToData("kubeconfig", Base64.getEncoder().encodeToString(kubeconfig.getBytes(StandardCharsets.UTF_8)))
          .build()).serverSideApply();
      federation.resource(cluster(secretName)).serverSideApply();
    } catch (KubernetesClientException e) {
      spec.commandLine().getErr().println("tidewater: " + (e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage() : e.getMessage()));
      return 1;
    }
    PrintWriter out = spec.commandLine().getOut();
    out.println("cluster.cluster.tidewater.io/" + name + " joined (tier " + tier + "); watch it become Ready with: kubectl get clusters -w");
    out.flush();
    return 0;
  }

  private GenericKubernetesResource cluster(String secretName) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("tier", tier);
    putIfSet(s, "region", region);
    putIfSet(s, "zone", zone);
    putIfSet(s, "provider", provider);
    s.put("secretRef", Map.of("namespace", SECRET_NAMESPACE, "name", secretName, "key", "kubeconfig"));
    Map<String, Object> price = new LinkedHashMap<>();
    putIfSet(price, "cpuHour", priceCpuHour);
    putIfSet(price, "memoryGiBHour", priceMemoryGiBHour);
    putIfSet(price, "gpuHour", priceGpuHour);
    if (!price.isEmpty()) {
      s.put("price", price);
    }
    if (watermark != null) {
      s.put("watermark", watermark);
    }
    GenericKubernetesResource c = new GenericKubernetesResource();
    c.setApiVersion("cluster.tidewater.io/v1alpha1");
    c.setKind("Cluster");
    c.setMetadata(new ObjectMetaBuilder().withName(name).build());
    c.setAdditionalProperties(Map.of("spec", s));
    return c;
  }

  private static void putIfSet(Map<String, Object> m, String key, String value) {
    if (value != null && !value.isBlank()) {
      m.put(key, value);
    }
  }

  private Path federationKubeconfig() {
    if (federationKubeconfig != null) {
      return federationKubeconfig;
    }
    String env = System.getenv("KUBECONFIG");
    if (env != null && !env.isBlank() && !env.contains(java.io.File.pathSeparator)) {
      return Path.of(env);
    }
    return Path.of(System.getProperty("user.home"), ".tidewater", "kubeconfig");
  }
}
