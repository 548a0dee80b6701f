package io.tidewater.controllers.runtime;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.tidewater.api.json.Json;
import io.tidewater.api.meta.GroupVersionKind;
import io.tidewater.api.meta.ObjectMetas;
import io.tidewater.api.meta.TidewaterLabels;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A fabric8 informer on one kind in the federation, exposing objects as JSON trees and changes as
 * keys (level-triggered: handlers enqueue, reconcilers read the cache).
 */
public final class ObjectInformer implements AutoCloseable {
  private final GroupVersionKind kind;
  private final SharedIndexInformer<GenericKubernetesResource> informer;
  private final List<Consumer<Change>> handlers = new CopyOnWriteArrayList<>();
  /**
   * Each cached object's tree at the resourceVersion it was converted at. fabric8 keeps objects as
   * maps, and converting one to a tree goes through Jackson's serializers: done on every read it
   * was the controllers' largest cost. Readers get a deep copy, so they may change what they get.
   */
  private final Map<String, Converted> trees = new ConcurrentHashMap<>();

  private record Converted(String resourceVersion, ObjectNode tree) {}

  /** One change: the key, and the object before and after (null when absent). */
  public record Change(ObjectKey key, ObjectNode before, ObjectNode after) {
    /**
     * Whether a user waits on this change: an object created or deleted, a new generation, or
     * any change of a kind without generations (a ConfigMap's data). Status writes and metadata
     * touches of a generation-keeping kind are not.
     */
    public boolean specChanged() {
      if (before == null || after == null) {
        return true;
      }
      long generation = ObjectMetas.generation(after);
      return generation == 0 || generation != ObjectMetas.generation(before);
    }
  }

  ObjectInformer(GroupVersionKind kind, SharedIndexInformer<GenericKubernetesResource> informer) {
    this.kind = kind;
    this.informer = informer;
    informer.addEventHandler(new ResourceEventHandler<>() {
      @Override
      public void onAdd(GenericKubernetesResource obj) {
        fire(null, obj);
      }

      @Override
      public void onUpdate(GenericKubernetesResource oldObj, GenericKubernetesResource newObj) {
        fire(oldObj, newObj);
      }

      @Override
      public void onDelete(GenericKubernetesResource obj, boolean deletedFinalStateUnknown) {
        fire(obj, null);
      }
    });
  }

  private void fire(GenericKubernetesResource before, GenericKubernetesResource after) {
    GenericKubernetesResource any = after != null ? after : before;
    ObjectKey key = ObjectKey.of(kind, any.getMetadata().getNamespace(), any.getMetadata().getName());
    ObjectNode beforeTree = before == null ? null : previousTree(before);
    if (after == null) {
      trees.remove(storeKey(before));
    }
    Change c = new Change(key, beforeTree, after == null ? null : cachedTree(after));
    for (Consumer<Change> h : handlers) {
      h.accept(c);
    }
  }

  /** Registers a change handler; it must not block (enqueue and return). */
  public ObjectInformer onChange(Consumer<Change> handler) {
    handlers.add(handler);
    return this;
  }

  public GroupVersionKind kind() {
    return kind;
  }

  public boolean hasSynced() {
    return informer.hasSynced();
  }

  /** The cached object, or null. Never act on a null from a cache that has not synced. */
  public ObjectNode get(String namespace, String name) {
    GenericKubernetesResource r = informer.getStore().getByKey(namespace == null || namespace.isEmpty() ? name : namespace + "/" + name);
    return r == null ? null : cachedTree(r);
  }

  public List<ObjectNode> list() {
    List<ObjectNode> out = new ArrayList<>();
    for (GenericKubernetesResource r : informer.getStore().list()) {
      out.add(cachedTree(r));
    }
    return out;
  }

  public List<ObjectNode> list(String namespace) {
    List<ObjectNode> out = new ArrayList<>();
    for (GenericKubernetesResource r : informer.getStore().list()) {
      if (namespace.equals(r.getMetadata().getNamespace())) {
        out.add(cachedTree(r));
      }
    }
    return out;
  }

  /** The keys of every cached object, without converting any. */
  public List<ObjectKey> keys() {
    List<ObjectKey> out = new ArrayList<>();
    for (GenericKubernetesResource r : informer.getStore().list()) {
      out.add(ObjectKey.of(kind, r.getMetadata().getNamespace(), r.getMetadata().getName()));
    }
    return out;
  }

  /** The cached objects carrying every one of {@code labels}; the others are never converted. */
  public List<ObjectNode> listWithLabels(Map<String, String> labels) {
    List<ObjectNode> out = new ArrayList<>();
    String bindingNs = labels.get(TidewaterLabels.BINDING_NAMESPACE);
    String bindingName = labels.get(TidewaterLabels.BINDING_NAME);
    Iterable<GenericKubernetesResource> candidates = bindingNs != null && bindingName != null
        ? informer.getIndexer().byIndex(BINDING_INDEX, bindingNs + "/" + bindingName)
        : informer.getStore().list();
    for (GenericKubernetesResource r : candidates) {
      Map<String, String> have = r.getMetadata().getLabels();
      if (have != null && labels.entrySet().stream().allMatch(e -> Objects.equals(have.get(e.getKey()), e.getValue()))) {
        out.add(cachedTree(r));
      }
    }
    return out;
  }

  /**
   * The index of objects by the binding they were made for (Works, and whatever else carries the
   * binding labels): the propagator and the status aggregator look a binding's Works up on every
   * pass, which scanned every Work of the federation.
   */
  static final String BINDING_INDEX = "tidewater-binding";

  static List<String> bindingIndexKeys(GenericKubernetesResource r) {
    Map<String, String> labels = r.getMetadata().getLabels();
    if (labels == null) {
      return List.of();
    }
    String ns = labels.get(TidewaterLabels.BINDING_NAMESPACE);
    String name = labels.get(TidewaterLabels.BINDING_NAME);
    return ns == null || name == null ? List.of() : List.of(ns + "/" + name);
  }

  private ObjectNode cachedTree(GenericKubernetesResource r) {
    String rv = r.getMetadata().getResourceVersion();
    if (rv == null) {
      return tree(r);
    }
    String key = storeKey(r);
    Converted c = trees.get(key);
    if (c == null || !rv.equals(c.resourceVersion())) {
      c = new Converted(rv, tree(r));
      trees.put(key, c);
    }
    return c.tree().deepCopy();
  }

  /**
   * The tree of an object being replaced: the converted one cached for its resourceVersion (about
   * to be replaced, so nobody else holds it), else a fresh conversion.
   */
  private ObjectNode previousTree(GenericKubernetesResource r) {
    String rv = r.getMetadata().getResourceVersion();
    Converted c = rv == null ? null : trees.get(storeKey(r));
    return c != null && rv.equals(c.resourceVersion()) ? c.tree().deepCopy() : tree(r);
  }

  private static String storeKey(GenericKubernetesResource r) {
    String ns = r.getMetadata().getNamespace();
    return ns == null || ns.isEmpty() ? r.getMetadata().getName() : ns + "/" + r.getMetadata().getName();
  }

  static ObjectNode tree(GenericKubernetesResource r) {
    return Json.MAPPER.valueToTree(r);
  }

  @Override
  public void close() {
    informer.close();
  }
}
