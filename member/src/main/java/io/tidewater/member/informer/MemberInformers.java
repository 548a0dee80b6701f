package io.tidewater.member.informer;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A connector's informers, one per resource, created and started on first use. */
public final class MemberInformers implements AutoCloseable {
  static final long LIST_PAGE = 500;
  private final String cluster;
  private final KubernetesClient client;
  private final Map<MemberResource<?>, MemberInformer<?>> informers = new HashMap<>();
  private boolean closed;

  public MemberInformers(String cluster, KubernetesClient client) {
    this.cluster = cluster;
    this.client = client;
  }

  @SuppressWarnings("unchecked")
  public synchronized <T extends HasMetadata> MemberInformer<T> informer(MemberResource<T> resource) {
    if (closed) {
      throw new IllegalStateException("connector closed: " + cluster);
    }
    MemberInformer<T> existing = (MemberInformer<T>) informers.get(resource);
    if (existing != null) {
      return existing;
    }
    // Lists in pages, as client-go's reflector does: a member of 100k pods is never one response
    // that must arrive within a single request timeout.
    SharedIndexInformer<T> raw = resource.namespaced()
        ? client.resources(resource.type()).inAnyNamespace().withLimit(LIST_PAGE).runnableInformer(0)
        : client.resources(resource.type()).withLimit(LIST_PAGE).runnableInformer(0);
    raw.itemStore(new LeanItemStore<>());
    MemberInformer<T> informer = new MemberInformer<>(cluster, resource, raw);
    informers.put(resource, informer);
    informer.start();
    return informer;
  }

  @Override
  public void close() {
    List<MemberInformer<?>> toClose;
    synchronized (this) {
      closed = true;
      toClose = new ArrayList<>(informers.values());
      informers.clear();
    }
    toClose.forEach(MemberInformer::close);
  }
}
