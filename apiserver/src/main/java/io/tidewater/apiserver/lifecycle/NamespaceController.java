package io.tidewater.apiserver.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.api.controller.ControllerRunner;
import io.tidewater.api.controller.Reconciler;
import io.tidewater.api.controller.WorkQueue;
import io.tidewater.api.json.Json;
import io.tidewater.api.meta.ObjectMetas;
import io.tidewater.apiserver.errors.ApiException;
import io.tidewater.apiserver.storage.CacheInformer;
import io.tidewater.apiserver.storage.CachedObject;
import io.tidewater.apiserver.storage.DeleteOptions;
import io.tidewater.apiserver.storage.ListOptions;
import io.tidewater.apiserver.storage.ObjectFilter;
import io.tidewater.apiserver.storage.RegistryStorage;
import io.tidewater.apiserver.storage.ResourceStorage;
import io.tidewater.apiserver.storage.WriteOptions;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Namespace lifecycle, as Kubernetes' namespace controller: a namespace being deleted empties
 * itself of every namespaced object, then drops its {@code kubernetes} finalizer and is removed.
 * A live namespace gets its {@code default} ServiceAccount.
 */
public final class NamespaceController implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(NamespaceController.class);
  static final String FINALIZER = "kubernetes";
  private static final String MANAGER = "tidewater-namespace-controller";

  private final RegistryStorage namespaces;
  private final List<ResourceStorage> namespaced;
  private final ResourceStorage serviceAccounts;
  private final ControllerRunner<String> runner;
  private CacheInformer informer;

  public NamespaceController(RegistryStorage namespaces, List<ResourceStorage> namespaced, ResourceStorage serviceAccounts) {
    this.namespaces = namespaces;
    this.namespaced = List.copyOf(namespaced);
    this.serviceAccounts = serviceAccounts;
    this.runner = new ControllerRunner<>("namespace-controller", new WorkQueue<>(), this::reconcile);
  }

  public NamespaceController start() {
    runner.start(2);
    informer = new CacheInformer(
        "namespace-controller-informer", namespaces.cache(), ObjectFilter.all(), item -> runner.queue().add(item.object().name())).start();
    return this;
  }

  Reconciler.Result reconcile(String name) {
    CachedObject ns = namespaces.cache().get(name);
    if (ns == null) {
      return Reconciler.Result.DONE;
    }
    if (!ObjectMetas.isDeleting(ns.object())) {
      ensureDefaultServiceAccount(name);
      return Reconciler.Result.DONE;
    }
    long remaining = 0;
    for (ResourceStorage s : namespaced) {
      List<CachedObject> items = s.list(name, ListOptions.everything()).items();
      if (items.isEmpty()) {
        continue;
      }
      remaining += items.size();
      for (CachedObject o : items) {
        if (ObjectMetas.isDeleting(o.object())) {
          continue;
        }
        try {
          s.delete(name, o.name(), DeleteOptions.propagation("Background"));
        } catch (ApiException e) {
          if (e.code() != 404 && e.code() != 409) {
            throw e;
          }
        }
      }
    }
    if (remaining > 0) {
      log.debug("namespace terminating namespace={} remaining={}", name, remaining);
      return Reconciler.Result.after(Duration.ofMillis(500));
    }
    try {
      namespaces.update(null, name, current -> {
        JsonNode fin = current.path("spec").path("finalizers");
        if (fin.isArray()) {
          ArrayNode kept = Json.NODES.arrayNode();
          fin.forEach(f -> {
            if (!f.asText().equals(FINALIZER)) {
              kept.add(f);
            }
          });
          ((ObjectNode) current.get("spec")).set("finalizers", kept);
        }
        ObjectMetas.setResourceVersion(current, null);
        return current;
      }, WriteOptions.of(MANAGER));
      log.info("namespace finalized namespace={}", name);
    } catch (ApiException e) {
      if (e.code() != 404) {
        throw e;
      }
    }
    return Reconciler.Result.DONE;
  }

  private void ensureDefaultServiceAccount(String namespace) {
    if (serviceAccounts == null) {
      return;
    }
    try {
      serviceAccounts.get(namespace, "default", new io.tidewater.apiserver.storage.GetOptions("0"));
      return;
    } catch (ApiException e) {
      if (e.code() != 404) {
        throw e;
      }
    }
    ObjectNode sa = Json.object();
    sa.put("apiVersion", "v1");
    sa.put("kind", "ServiceAccount");
    sa.putObject("metadata").put("name", "default").put("namespace", namespace);
    try {
      serviceAccounts.create(namespace, sa, WriteOptions.of(MANAGER));
    } catch (ApiException e) {
      // AlreadyExists: someone made it; Forbidden: the namespace started terminating meanwhile.
      if (e.code() != 409 && e.code() != 403) {
        throw e;
      }
    }
  }

  @Override
  public void close() {
    if (informer != null) {
      informer.close();
    }
    runner.close();
  }
}
