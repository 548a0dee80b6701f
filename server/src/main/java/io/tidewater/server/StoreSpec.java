package io.tidewater.server;

import io.tidewater.store.Store;
import io.tidewater.store.embedded.EmbeddedStore;
import io.tidewater.store.etcd.EtcdStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the control plane keeps its state: {@code embedded} (SQLite under the data directory, the
 * default), {@code memory} (nothing survives a restart), or {@code etcd://host:port[,host:port]}.
 */
public record StoreSpec(String kind, List<String> endpoints) {

  public static StoreSpec parse(String spec) {
    if (spec == null || spec.isBlank() || spec.equals("embedded")) {
      return new StoreSpec("embedded", List.of());
    }
    if (spec.equals("memory")) {
      return new StoreSpec("memory", List.of());
    }
    if (spec.startsWith("etcd://") || spec.startsWith("etcds://")) {
      String scheme = spec.startsWith("etcds://") ? "https://" : "http://";
      List<String> eps = new ArrayList<>();
      for (String hp : spec.substring(spec.indexOf("://") + 3).split(",")) {
        if (!hp.isBlank()) {
          eps.add(scheme + hp.trim());
        }
      }
      if (eps.isEmpty()) {
        throw new IllegalArgumentException("no etcd endpoint in '" + spec + "'");
      }
      return new StoreSpec("etcd", eps);
    }
    throw new IllegalArgumentException("unknown store '" + spec + "': use embedded, memory or etcd://host:port[,host:port]");
  }

  public Store open(Path dataDir) {
    return switch (kind) {
      case "embedded" -> EmbeddedStore.open(dataDir.resolve("store"));
      case "memory" -> EmbeddedStore.inMemory();
      case "etcd" -> EtcdStore.connect(endpoints.toArray(String[]::new));
      default -> throw new IllegalStateException(kind);
    };
  }

  @Override
  public String toString() {
    return kind.equals("etcd") ? "etcd " + String.join(",", endpoints) : kind;
  }
}
