package io.tidewater.simulator.logs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.apiserver.http.HttpExchange;
import io.tidewater.apiserver.registry.ResourceType;
import io.tidewater.apiserver.rest.SubresourceStorage;
import io.tidewater.apiserver.storage.CachedObject;
import io.tidewater.apiserver.storage.DeleteOptions;
import io.tidewater.apiserver.storage.GetOptions;
import io.tidewater.apiserver.storage.ListOptions;
import io.tidewater.apiserver.storage.ListResult;
import io.tidewater.apiserver.storage.RegistryStorage;
import io.tidewater.apiserver.storage.ResourceStorage;
import io.tidewater.apiserver.storage.UpdateFunction;
import io.tidewater.apiserver.storage.WatchStream;
import io.tidewater.apiserver.storage.WriteOptions;
import java.time.Clock;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/** The member's pods: the registry storage for every verb, plus the {@code log} subresource. */
public final class PodsWithLogs implements ResourceStorage, SubresourceStorage {
  private final RegistryStorage pods;
  private final PodLogs logs;

  public PodsWithLogs(RegistryStorage pods, Predicate<String> failingImage, Clock clock, BooleanSupplier open) {
    this.pods = pods;
    this.logs = new PodLogs(pods, failingImage, clock, open);
  }

  /** The storage the in-process controllers use. */
  public RegistryStorage registry() {
    return pods;
  }

  @Override
  public boolean serves(String subresource, String method) {
    return subresource.equals("log") && method.equals("GET");
  }

  @Override
  public void serve(HttpExchange exchange, String namespace, String name, String subresource) throws Exception {
    logs.serve(exchange, namespace, name);
  }

  @Override
  public boolean isLongRunning(String subresource, HttpExchange exchange) {
    return subresource.equals("log") && PodLogs.follows(exchange);
  }

  @Override
  public ResourceType type() {
    return pods.type();
  }

  @Override
  public CachedObject get(String namespace, String name, GetOptions options) {
    return pods.get(namespace, name, options);
  }

  @Override
  public ListResult list(String namespace, ListOptions options) {
    return pods.list(namespace, options);
  }

  @Override
  public WatchStream watch(String namespace, ListOptions options) {
    return pods.watch(namespace, options);
  }

  @Override
  public ObjectNode create(String namespace, ObjectNode object, WriteOptions options) {
    return pods.create(namespace, object, options);
  }

  @Override
  public UpdateResult update(String namespace, String name, UpdateFunction update, WriteOptions options) {
    return pods.update(namespace, name, update, options);
  }

  @Override
  public DeleteResult delete(String namespace, String name, DeleteOptions options) {
    return pods.delete(namespace, name, options);
  }

  @Override
  public List<ObjectNode> deleteCollection(String namespace, ListOptions listOptions, DeleteOptions options) {
    return pods.deleteCollection(namespace, listOptions, options);
  }
}
