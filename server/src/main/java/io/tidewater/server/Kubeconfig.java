package io.tidewater.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.api.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A kubeconfig with one context per endpoint: the federation first (the current context), then
 * any member clusters. Written with owner-only permissions: it holds bearer tokens.
 */
public final class Kubeconfig {
  /** One endpoint: a context, cluster and user of the same name. */
  public record Entry(String name, String server, String caPem, String token) {}

  private final List<Entry> entries = new ArrayList<>();

  public Kubeconfig add(Entry e) {
    entries.add(e);
    return this;
  }

  public String render() {
    ObjectNode root = Json.object();
    root.put("apiVersion", "v1");
    root.put("kind", "Config");
    ArrayNode clusters = root.putArray("clusters");
    ArrayNode users = root.putArray("users");
    ArrayNode contexts = root.putArray("contexts");
    for (Entry e : entries) {
      ObjectNode c = clusters.addObject();
      c.put("name", e.name());
      ObjectNode cluster = c.putObject("cluster");
      cluster.put("server", e.server());
      if (e.caPem() != null) {
        cluster.put("certificate-authority-data", Base64.getEncoder().encodeToString(e.caPem().getBytes(StandardCharsets.US_ASCII)));
      }
      ObjectNode u = users.addObject();
      u.put("name", e.name());
      u.putObject("user").put("token", e.token());
      ObjectNode ctx = contexts.addObject();
      ctx.put("name", e.name());
      ctx.putObject("context").put("cluster", e.name()).put("user", e.name());
    }
    if (!entries.isEmpty()) {
      root.put("current-context", entries.get(0).name());
    }
    root.putObject("preferences");
    try {
      return Json.YAML.writeValueAsString(root);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public void write(Path path) {
    try {
      Files.createDirectories(path.toAbsolutePath().getParent());
      Path tmp = path.resolveSibling(path.getFileName() + ".tmp");
      Files.writeString(tmp, render());
      try {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException e) {
        // not POSIX
      }
      Files.move(tmp, path, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
