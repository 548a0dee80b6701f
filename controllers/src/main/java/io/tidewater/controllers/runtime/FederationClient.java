package io.tidewater.controllers.runtime;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
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
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The controllers' client of the federation API, over the same Kubernetes REST API users use
 * (fabric8, server-side apply with one field manager per controller). Controllers therefore run
 * in or out of the API server's process alike.
 */
public final class FederationClient implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(FederationClient.class);

  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

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
    informer.addIndexers(Map.of(ObjectInformer.BINDING_INDEX, ObjectInformer::bindingIndexKeys));
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
  public void apply(ObjectNode obj, String manager) {
    serverSideApply(obj, manager, false);
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
  public void applyStatus(ObjectNode obj, String manager) {
    serverSideApply(obj, manager, true);
  }

  /**
   * One server-side apply PATCH, sent through fabric8's HTTP client (its authentication and
   * retries) but without its object model: the controllers write several times per Work, and
   * converting each body into a {@code GenericKubernetesResource} and the reply back into a tree
   * was a visible share of the control plane's CPU. Nobody reads the reply, so it is not parsed
   * unless it is an error, which becomes a {@link KubernetesClientException} with the server's
   * Status, as fabric8 would throw.
   */
  private void serverSideApply(ObjectNode obj, String manager, boolean status) {
    ObjectNode body = obj;
    if (ObjectMetas.metadata(obj).has("resourceVersion") || ObjectMetas.metadata(obj).has("managedFields")) {
      body = obj.deepCopy();
      ObjectMetas.metadata(body).remove(List.of("resourceVersion", "managedFields"));
    }
    GroupVersionKind gvk = GroupVersionKind.of(ObjectMetas.apiVersion(obj), obj.path("kind").asText());
    String url = resourceUrl(KindInfo.require(gvk), ObjectMetas.namespace(obj), ObjectMetas.name(obj)) + (status ? "/status" : "")
        + "?fieldManager=" + URLEncoder.encode(manager, StandardCharsets.UTF_8) + "&force=true";
    HttpRequest request = client.getHttpClient().newHttpRequestBuilder()
        .uri(url)
        .method("PATCH", "application/apply-patch+yaml", Json.string(body))
        .build();
    HttpResponse<byte[]> response;
    try {
      response = client.getHttpClient().sendAsync(request, byte[].class).get(REQUEST_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KubernetesClientException("interrupted applying " + gvk.kind() + " " + ObjectMetas.name(obj), e);
    } catch (ExecutionException | TimeoutException e) {
      throw new KubernetesClientException("failed to apply " + gvk.kind() + " " + ObjectMetas.name(obj) + ": " + e.getMessage(), e);
    }
    if (response.code() >= 300) {
      throw new KubernetesClientException(statusOf(response));
    }
  }

  private String resourceUrl(KindInfo kind, String namespace, String name) {
    GroupVersionKind gvk = kind.gvk();
    StringBuilder url = new StringBuilder(client.getMasterUrl().toString().replaceAll("/+$", ""));
    url.append(gvk.group().isEmpty() ? "/api/" + gvk.version() : "/apis/" + gvk.group() + "/" + gvk.version());
    if (kind.namespaced()) {
      url.append("/namespaces/").append(namespace);
    }
    return url.append('/').append(kind.plural()).append('/').append(name).toString();
  }

  private static Status statusOf(HttpResponse<byte[]> response) {
    try {
      Status s = Json.MAPPER.readValue(response.body(), Status.class);
      if (s.getCode() == null || s.getCode() == 0) {
        s.setCode(response.code());
      }
      return s;
    } catch (IOException | RuntimeException e) {
      return new StatusBuilder().withCode(response.code()).withMessage(new String(response.body(), StandardCharsets.UTF_8)).build();
    }
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
