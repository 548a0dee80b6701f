package io.tidewater.simulator.usage;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.api.json.Json;
import io.tidewater.api.meta.ObjectMetas;
import io.tidewater.apiserver.errors.ApiException;
import io.tidewater.apiserver.registry.ResourceType;
import io.tidewater.apiserver.storage.CachedObject;
import io.tidewater.apiserver.storage.DeleteOptions;
import io.tidewater.apiserver.storage.ListOptions;
import io.tidewater.apiserver.storage.ObjectFilter;
import io.tidewater.apiserver.storage.UpdateFunction;
import io.tidewater.apiserver.storage.WatchStream;
import io.tidewater.apiserver.storage.WriteOptions;
import io.tidewater.apiserver.storage.ResourceStorage;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** What the two metrics kinds share: computed on every read, never written, never watched. */
abstract class MetricsStorage implements ResourceStorage {
  static final String WINDOW = "15s";

  private final ResourceType type;
  protected final Clock clock;

  MetricsStorage(ResourceType type, Clock clock) {
    this.type = type;
    this.clock = clock;
  }

  @Override
  public ResourceType type() {
    return type;
  }

  protected ObjectNode metricsObject(String namespace, String name, ObjectNode labelsFrom) {
    ObjectNode o = Json.object();
    o.put("kind", type.kind());
    o.put("apiVersion", type.apiVersion());
    ObjectNode meta = o.putObject("metadata");
    meta.put("name", name);
    if (namespace != null) {
      meta.put("namespace", namespace);
    }
    Instant now = clock.instant();
    meta.put("creationTimestamp", ObjectMetas.timestamp(now));
    var labels = labelsFrom.path("metadata").path("labels");
    if (labels.isObject() && !labels.isEmpty()) {
      meta.set("labels", labels.deepCopy());
    }
    o.put("timestamp", ObjectMetas.timestamp(now));
    o.put("window", WINDOW);
    return o;
  }

  protected static CachedObject cached(ObjectNode o) {
    String ns = ObjectMetas.namespace(o);
    String key = ns == null ? ObjectMetas.name(o) : ns + "/" + ObjectMetas.name(o);
    return CachedObject.of(key, 0, o, Json.bytes(o));
  }

  protected static ObjectFilter filter(String namespace, ListOptions options) {
    for (var term : options.fields().terms()) {
      if (!term.field().equals("metadata.name") && !term.field().equals("metadata.namespace")) {
        throw ApiException.badRequest("field label not supported: " + term.field());
      }
    }
    return new ObjectFilter(namespace, options.labels(), options.fields(), (o, f) -> f.equals("metadata.name") ? o.name() : o.namespace());
  }

  protected static String cpu(long millis) {
    return millis + "m";
  }

  protected static String memory(long bytes) {
    return (bytes / 1024) + "Ki";
  }

  protected ApiException notFound(String name) {
    return ApiException.notFound(type.group(), type.resource(), name);
  }

  private ApiException readOnly() {
    return ApiException.methodNotAllowed("the server does not allow this method on the requested resource");
  }

  @Override
  public WatchStream watch(String namespace, ListOptions options) {
    throw readOnly();
  }

  @Override
  public ObjectNode create(String namespace, ObjectNode object, WriteOptions options) {
    throw readOnly();
  }

  @Override
  public UpdateResult update(String namespace, String name, UpdateFunction update, WriteOptions options) {
    throw readOnly();
  }

  @Override
  public DeleteResult delete(String namespace, String name, DeleteOptions options) {
    throw readOnly();
  }

  @Override
  public List<ObjectNode> deleteCollection(String namespace, ListOptions listOptions, DeleteOptions options) {
    throw readOnly();
  }
}
