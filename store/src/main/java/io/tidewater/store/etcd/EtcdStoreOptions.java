package io.tidewater.store.etcd;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How to connect an {@link EtcdStore}.
 *
 * @param endpoints etcd client URLs, for example {@code http://127.0.0.1:2379}
 * @param namespace a key prefix that this store's keys live under in etcd, invisible to its
 *     callers ("" for none); lets several stores share one etcd
 * @param requestTimeout the longest any single etcd request may take before it fails
 * @param watchBufferSize how many events a watch may have waiting for its listener before it ends
 *     with an overflow error
 */
public record EtcdStoreOptions(List<String> endpoints, String namespace, Duration requestTimeout, int watchBufferSize) {
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);
  public static final int DEFAULT_WATCH_BUFFER = 10_000;

  public EtcdStoreOptions {
    endpoints = List.copyOf(endpoints);
    if (endpoints.isEmpty()) {
      throw new IllegalArgumentException("at least one etcd endpoint is required");
    }
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(requestTimeout, "requestTimeout");
    if (requestTimeout.isNegative() || requestTimeout.isZero()) {
      throw new IllegalArgumentException("requestTimeout must be positive: " + requestTimeout);
    }
    if (watchBufferSize < 1) {
      throw new IllegalArgumentException("watchBufferSize must be positive: " + watchBufferSize);
    }
  }

  public static EtcdStoreOptions of(String... endpoints) {
    return new EtcdStoreOptions(List.of(endpoints), "", DEFAULT_REQUEST_TIMEOUT, DEFAULT_WATCH_BUFFER);
  }

  public EtcdStoreOptions withNamespace(String namespace) {
    return new EtcdStoreOptions(endpoints, namespace, requestTimeout, watchBufferSize);
  }

  public EtcdStoreOptions withRequestTimeout(Duration requestTimeout) {
    return new EtcdStoreOptions(endpoints, namespace, requestTimeout, watchBufferSize);
  }

  public EtcdStoreOptions withWatchBufferSize(int watchBufferSize) {
    return new EtcdStoreOptions(endpoints, namespace, requestTimeout, watchBufferSize);
  }
}
