package io.tidewater.simulator.testing;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.api.json.Json;
import io.tidewater.simulator.KubeconfigEntry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

/** Writes a kubeconfig with one context per simulated member, as the server will. */
public final class Kubeconfigs {
  private Kubeconfigs() {}

  public static Path write(Path dir, List<KubeconfigEntry> entries) {
    ObjectNode root = Json.object();
    root.put("apiVersion", "v1");
    root.put("kind", "Config");
    ArrayNode clusters = root.putArray("clusters");
    ArrayNode users = root.putArray("users");
    ArrayNode contexts = root.putArray("contexts");
    for (KubeconfigEntry e : entries) {
      ObjectNode cluster = clusters.addObject().put("name", e.name()).putObject("cluster");
      cluster.put("server", e.server());
      if (e.caPem() != null) {
        cluster.put("certificate-authority-data", Base64.getEncoder().encodeToString(e.caPem().getBytes(StandardCharsets.US_ASCII)));
      }
      users.addObject().put("name", e.name()).putObject("user").put("token", e.token());
      contexts.addObject().put("name", e.name()).putObject("context").put("cluster", e.name()).put("user", e.name());
    }
    root.put("current-context", entries.get(0).name());
    try {
      Path file = dir.resolve("kubeconfig");
      Files.writeString(file, Json.YAML.writeValueAsString(root));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
