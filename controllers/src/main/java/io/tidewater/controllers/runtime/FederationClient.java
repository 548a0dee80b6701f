package io.tidewater.controllers.runtime;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.tidewater.api.json.Json;
import io.tidewater.api.meta.GroupVersionKind;
import io.tidewater.api.meta.ObjectMetas;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The controllers' client of the federation API, over the same Kubernetes REST API users use
 * (fabric8, server-side apply with one field manager per controller). Controllers therefore run
 * in or out of the API server's process alike.
 */
public final class FederationClient implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(FederationClient.class);

  private final KubernetesClient client;
  private final List<ObjectInformer> informers = new ArrayList<>();
  private final Map<GroupVersionKind, ObjectInformer> byKind = new java.util.HashMap<>();

  public FederationClient(KubernetesClient client) {
    this.client = client;
  }

  /** Connects with a bearer token, trusting {@code caPem} (or plain HTTP when it is null). */
  public static FederationClient connect(String url, String token, String caPem) {
    ConfigBuilder cb = new ConfigBuilder(Config.empty()).withMasterUrl(url).withOauthToken(token).withRequestTimeout(30_000)
        .withConnectionTimeout(10_000).withMaxConcurrentRequests(256).withMaxConcurrentRequestsPerHost(256);
    if (caPem != null) {
      cb.withCaCertData(java.util.Base64.getEncoder().encodeToString(caPem.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
    }
    return new FederationClient(new KubernetesClientBuilder().withConfig(cb.build()).build());
  }

  public KubernetesClient fabric8() {
    return client;
  }

  private MixedOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>> op(GroupVersionKind gvk) {
    return client.genericKubernetesResources(KindInfo.require(gvk).context());
  }

  /**
   * The informer on a kind (all namespaces), started on first use and shared by every controller of
   * this client. Callers check {@link ObjectInformer#hasSynced} before acting on it.
   */
  public synchronized ObjectInformer inform(GroupVersionKind gvk) {
    ObjectInformer existing = byKind.get(gvk);
    if (existing != null) {
      return existing;
    }
    var informer = op(gvk).inAnyNamespace().runnableInformer(0);
    ObjectInformer oi = new ObjectInformer(gvk, informer);
    informers.add(oi);
    byKind.put(gvk, oi);
    informer.start();
    return oi;
  }

  /** Waits until every informer has listed once. */
  public boolean awaitSynced(Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      boolean all;
      synchronized (this) {
        all = informers.stream().allMatch(ObjectInformer::hasSynced);
      }
      if (all) {
        return true;
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return false;
  }

  public ObjectNode get(GroupVersionKind gvk, String namespace, String name) {
    KindInfo k = KindInfo.require(gvk);
    GenericKubernetesResource r = k.namespaced() ? op(gvk).inNamespace(namespace).withName(name).get() : op(gvk).withName(name).get();
    return r == null ? null : ObjectInformer.tree(r);
  }

  /** Every object of a kind, in all namespaces, read from the server (not from an informer). */
  public List<ObjectNode> list(GroupVersionKind gvk) {
    List<ObjectNode> out = new ArrayList<>();
    for (GenericKubernetesResource r : op(gvk).inAnyNamespace().list().getItems()) {
      out.add(ObjectInformer.tree(r));
    }
    return out;
  }

  /** Server-side apply of {@code obj} (forcing: each controller owns what it applies). */
  public ObjectNode apply(ObjectNode obj, String manager) {
    GenericKubernetesResource r = Json.MAPPER.convertValue(obj, GenericKubernetesResource.class);
    r.getMetadata().setResourceVersion(null);
    r.getMetadata().setManagedFields(null);
    GenericKubernetesResource out = client.resource(r).fieldManager(manager).forceConflicts().serverSideApply();
    return ObjectInformer.tree(out);
  }

  /**
   * Replaces an object with {@code obj}, guarded by the resourceVersion it carries (a conflict
   * fails, and the caller's reconcile runs again on fresh state). For changes to fields users own,
   * such as a template's pod template, which a server-side apply would take over.
   */
  public ObjectNode replace(ObjectNode obj) {
    GenericKubernetesResource r = Json.MAPPER.convertValue(obj, GenericKubernetesResource.class);
    r.getMetadata().setManagedFields(null);
    return ObjectInformer.tree(client.resource(r).update());
  }

  /** Server-side apply to the status subresource. */
  public ObjectNode applyStatus(ObjectNode obj, String manager) {
    GenericKubernetesResource r = Json.MAPPER.convertValue(obj, GenericKubernetesResource.class);
    r.getMetadata().setResourceVersion(null);
    r.getMetadata().setManagedFields(null);
    var ctx = new io.fabric8.kubernetes.client.dsl.base.PatchContext.Builder()
        .withPatchType(io.fabric8.kubernetes.client.dsl.base.PatchType.SERVER_SIDE_APPLY)
        .withFieldManager(manager)
        .withForce(true)
        .build();
    GenericKubernetesResource out = client.resource(r).subresource("status").patch(ctx, r);
    return ObjectInformer.tree(out);
  }

  /** Deletes if present; returns whether it existed. */
  public boolean delete(GroupVersionKind gvk, String namespace, String name) {
    KindInfo k = KindInfo.require(gvk);
    try {
      var res = k.namespaced() ? op(gvk).inNamespace(namespace).withName(name) : op(gvk).withName(name);
      return !res.delete().isEmpty();
    } catch (KubernetesClientException e) {
      if (e.getCode() == 404) {
        return false;
      }
      throw e;
    }
  }

  /** Records a core/v1 Event about an object, as Kubernetes controllers do. Failures are logged, not thrown. */
  public void event(ObjectNode about, String type, String reason, String message, String component) {
    try {
      ObjectNode e = Json.object();
      e.put("apiVersion", "v1");
      e.put("kind", "Event");
      String ns = ObjectMetas.namespace(about) == null ? "default" : ObjectMetas.namespace(about);
      e.putObject("metadata").put("name", ObjectMetas.name(about) + "." + UUID.randomUUID().toString().substring(0, 13).replace("-", "")).put("namespace", ns);
      ObjectNode inv = e.putObject("involvedObject");
      inv.put("apiVersion", ObjectMetas.apiVersion(about));
      inv.put("kind", ObjectMetas.kind(about));
      inv.put("name", ObjectMetas.name(about));
      if (ObjectMetas.namespace(about) != null) {
        inv.put("namespace", ObjectMetas.namespace(about));
      }
      inv.put("uid", ObjectMetas.uid(about));
      e.put("type", type);
      e.put("reason", reason);
      e.put("message", message);
      String now = ObjectMetas.timestamp(Instant.now());
      e.put("firstTimestamp", now);
      e.put("lastTimestamp", now);
      e.put("count", 1);
      e.putObject("source").put("component", component);
      e.put("reportingComponent", component);
      client.resource(Json.MAPPER.convertValue(e, GenericKubernetesResource.class)).create();
    } catch (RuntimeException ex) {
      log.debug("event not recorded reason={} error={}", reason, ex.toString());
    }
  }

  public static Map<String, Object> map(ObjectNode node) {
    return Json.MAPPER.convertValue(node, Json.MAPPER.getTypeFactory().constructMapType(Map.class, String.class, Object.class));
  }

  @Override
  public synchronized void close() {
    informers.forEach(ObjectInformer::close);
    informers.clear();
    byKind.clear();
    client.close();
  }
}
