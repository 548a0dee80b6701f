package io.tidewater.simulator.nodes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.api.json.Json;
import io.tidewater.api.meta.ObjectMetas;
import io.tidewater.api.validation.FieldError;
import io.tidewater.apiserver.errors.ApiException;
import io.tidewater.apiserver.registry.ResourceStrategy;
import io.tidewater.apiserver.registry.ResourceType;
import io.tidewater.apiserver.storage.CachedObject;
import io.tidewater.apiserver.storage.ContinueToken;
import io.tidewater.apiserver.storage.DeleteOptions;
import io.tidewater.apiserver.storage.GetOptions;
import io.tidewater.apiserver.storage.ListOptions;
import io.tidewater.apiserver.storage.ListResult;
import io.tidewater.apiserver.storage.ObjectFilter;
import io.tidewater.apiserver.storage.ResourceStorage;
import io.tidewater.apiserver.storage.UpdateFunction;
import io.tidewater.apiserver.storage.WatchStream;
import io.tidewater.apiserver.storage.WriteOptions;
import io.tidewater.simulator.storage.SameJson;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Serves {@code nodes} from a {@link NodeBook} instead of the store: the whole Kubernetes verb set
 * (get, list with selectors and pages, watch with resume, create, update, patch, apply, delete),
 * with nodes rendered from their pool template on every read. An update whose result is exactly
 * what the template would render (a cordon, say) keeps the node compact; any other edit keeps the
 * node's JSON.
 */
public final class NodeStorage implements ResourceStorage {
  private static final int HISTORY = 10_000;
  private static final int MAX_UPDATE_ATTEMPTS = 16;

  private final NodeObjects objects;
  private final ResourceStrategy strategy;
  private final NodeBook book;
  private final Clock clock;

  public NodeStorage(ResourceType type, Clock clock) {
    this.objects = new NodeObjects(type);
    this.strategy = type.strategy();
    this.book = new NodeBook(objects, HISTORY);
    this.clock = clock;
  }

  public NodeBook book() {
    return book;
  }

  @Override
  public ResourceType type() {
    return objects.type();
  }

  // ---------------------------------------------------------------- reads

  @Override
  public CachedObject get(String namespace, String name, GetOptions options) {
    NodeRecord r = book.get(name);
    if (r == null) {
      throw notFound(name);
    }
    return objects.cached(r);
  }

  @Override
  public ListResult list(String namespace, ListOptions options) {
    ObjectFilter filter = objects.filter(options);
    String rv = options.resourceVersion() == null ? "" : options.resourceVersion();
    long current = book.revision();
    if ("Exact".equals(options.resourceVersionMatch()) && !rv.equals(Long.toString(current))) {
      // Nodes keep no past states to list at: the client relists at the current revision.
      throw ApiException.gone("too old resource version: " + rv + " (" + current + ")");
    }
    String after = null;
    long listRevision = current;
    if (options.continueToken() != null && !options.continueToken().isEmpty()) {
      ContinueToken token = ContinueToken.decode(options.continueToken());
      after = token.startKey();
      listRevision = token.revision();
    }
    long limit = options.limit();
    List<CachedObject> items = new ArrayList<>();
    List<NodeRecord> all = book.snapshot();
    String next = null;
    int remaining = 0;
    for (int i = 0; i < all.size(); i++) {
      NodeRecord r = all.get(i);
      if (after != null && r.name().compareTo(after) <= 0) {
        continue;
      }
      if (limit > 0 && items.size() >= limit) {
        next = items.get(items.size() - 1).name();
        remaining = all.size() - i;
        break;
      }
      if (!NodeObjects.labelsMayMatch(filter, r)) {
        continue;
      }
      CachedObject o = objects.cached(r);
      if (filter.matches(o)) {
        items.add(o);
      }
    }
    boolean unfiltered = filter.labels().isEverything() && filter.fields().isEverything();
    String token = next == null ? null : new ContinueToken(listRevision, next).encode();
    return new ListResult(items, listRevision, token, next != null && unfiltered ? (long) remaining : null);
  }

  @Override
  public WatchStream watch(String namespace, ListOptions options) {
    ObjectFilter filter = objects.filter(options);
    String rv = options.resourceVersion() == null ? "" : options.resourceVersion();
    boolean initialState = rv.isEmpty() || rv.equals("0") || Boolean.TRUE.equals(options.sendInitialEvents());
    return book.watch(filter, initialState ? -1 : parseRevision(rv));
  }

  // ---------------------------------------------------------------- writes

  @Override
  public ObjectNode create(String namespace, ObjectNode obj, WriteOptions options) {
    ObjectNode meta = ObjectMetas.metadata(obj);
    meta.remove("namespace");
    String name = ObjectMetas.name(obj);
    if (name == null || name.isEmpty()) {
      throw ApiException.invalid("", "Node", "", List.of(FieldError.required("metadata.name", "name or generateName is required")));
    }
    if (ObjectMetas.resourceVersion(obj) != null && !ObjectMetas.resourceVersion(obj).isEmpty()) {
      throw ApiException.badRequest("resourceVersion should not be set on objects to be created");
    }
    UUID uid = UUID.randomUUID();
    long now = clock.instant().getEpochSecond();
    meta.put("uid", uid.toString());
    meta.put("creationTimestamp", NodeStatusOverlay.time(now));
    strategy.applyDefaults(obj);
    validate(name, strategy.validate(obj));
    NodeStatusOverlay.apply(obj, false, now);
    NodeRecord record = new NodeRecord(
        name, null, 0, uid.getMostSignificantBits(), uid.getLeastSignificantBits(), now, 0, false, false, now, null, null)
        .withOverride(storedForm(obj), NodeJson.profile(obj));
    if (options.dryRun()) {
      return record.render();
    }
    if (book.get(name) != null) {
      throw ApiException.alreadyExists("", "nodes", name);
    }
    try {
      return book.commit(List.of(new NodeBook.Change(name, record, 0))).get(0).render();
    } catch (ApiException e) {
      throw e.code() == 409 ? ApiException.alreadyExists("", "nodes", name) : e;
    }
  }

  @Override
  public UpdateResult update(String namespace, String name, UpdateFunction update, WriteOptions options) {
    for (int attempt = 0; attempt < MAX_UPDATE_ATTEMPTS; attempt++) {
      NodeRecord current = book.get(name);
      if (current == null) {
        if (!update.allowCreate()) {
          throw notFound(name);
        }
        ObjectNode created = update.apply(null);
        if (created == null) {
          throw notFound(name);
        }
        ObjectMetas.setResourceVersion(created, null);
        ObjectMetas.setName(created, name);
        return new UpdateResult(create(null, created, options), true);
      }
      ObjectNode old = current.render();
      ObjectNode updated = update.apply(old.deepCopy());
      if (updated == null) {
        throw notFound(name);
      }
      String objName = ObjectMetas.name(updated);
      if (objName != null && !objName.isEmpty() && !objName.equals(name)) {
        throw ApiException.badRequest("the name of the object (" + objName + ") does not match the name on the URL (" + name + ")");
      }
      String requestedRv = ObjectMetas.resourceVersion(updated);
      if (requestedRv != null && !requestedRv.isEmpty() && !requestedRv.equals(Long.toString(current.revision()))) {
        throw ApiException.staleResourceVersion("", "nodes", name);
      }
      ObjectNode next = merge(updated, old, options.subresource());
      strategy.applyDefaults(next);
      validate(name, strategy.validateUpdate(next, old));
      NodeStatusOverlay.apply(next, current.lost(), current.conditionSecond());
      ObjectMetas.setResourceVersion(next, Long.toString(current.revision()));
      if (SameJson.same(next, old)) {
        return new UpdateResult(old, false);
      }
      NodeRecord candidate = compactForm(current, next);
      if (options.dryRun()) {
        return new UpdateResult(next, false);
      }
      try {
        NodeRecord committed = book.commit(List.of(new NodeBook.Change(name, candidate, current.revision()))).get(0);
        return new UpdateResult(committed.render(), false);
      } catch (ApiException e) {
        if (e.code() != 409 || (requestedRv != null && !requestedRv.isEmpty())) {
          throw e;
        }
      }
    }
    throw ApiException.conflict("", "nodes", name, "too many concurrent updates; try again");
  }

  /** The stored object keeps its identity; a status write changes status only, a spec write all but status. */
  private static ObjectNode merge(ObjectNode updated, ObjectNode old, String subresource) {
    ObjectNode next;
    if ("status".equals(subresource)) {
      next = old.deepCopy();
      JsonNode status = updated.get("status");
      if (status == null) {
        next.remove("status");
      } else {
        next.set("status", status);
      }
      return next;
    }
    next = updated;
    JsonNode oldStatus = old.get("status");
    if (oldStatus != null) {
      next.set("status", oldStatus.deepCopy());
    }
    ObjectNode meta = ObjectMetas.metadata(next);
    ObjectNode oldMeta = ObjectMetas.metadata(old);
    meta.set("uid", oldMeta.get("uid"));
    meta.set("creationTimestamp", oldMeta.get("creationTimestamp"));
    meta.remove("namespace");
    meta.remove("generation");
    return next;
  }

  /** The cheapest record that renders exactly {@code next}. */
  private NodeRecord compactForm(NodeRecord current, ObjectNode next) {
    if (current.template() != null) {
      NodeRecord compact = current.withUnschedulable(NodeJson.unschedulable(next));
      ObjectNode rendered = compact.render();
      ObjectMetas.setResourceVersion(rendered, ObjectMetas.resourceVersion(next));
      if (SameJson.same(rendered, next)) {
        return compact;
      }
    }
    return current.withOverride(storedForm(next), NodeJson.profile(next));
  }

  private static byte[] storedForm(ObjectNode obj) {
    ObjectNode copy = obj.deepCopy();
    ObjectMetas.setResourceVersion(copy, null);
    return Json.bytes(copy);
  }

  private void validate(String name, List<FieldError> errs) {
    List<FieldError> all = new ArrayList<>(errs);
    for (String problem : strategy.validateName(name)) {
      all.add(FieldError.invalid("metadata.name", name, problem));
    }
    if (!all.isEmpty()) {
      throw ApiException.invalid("", "Node", name, all);
    }
  }

  @Override
  public DeleteResult delete(String namespace, String name, DeleteOptions options) {
    NodeRecord current = book.get(name);
    if (current == null) {
      throw notFound(name);
    }
    if (options.preconditionUid() != null && !options.preconditionUid().equals(current.uid())) {
      throw ApiException.conflict(
          "", "nodes", name, "Precondition failed: UID in precondition: " + options.preconditionUid() + ", UID in object meta: " + current.uid());
    }
    if (options.preconditionResourceVersion() != null && !options.preconditionResourceVersion().equals(Long.toString(current.revision()))) {
      throw ApiException.conflict("", "nodes", name, "Precondition failed: ResourceVersion in precondition: " + options.preconditionResourceVersion());
    }
    if (options.dryRun()) {
      return new DeleteResult(current.render(), true);
    }
    NodeRecord gone = book.commit(List.of(new NodeBook.Change(name, null, current.revision()))).get(0);
    return new DeleteResult(gone.render(), true);
  }

  @Override
  public List<ObjectNode> deleteCollection(String namespace, ListOptions listOptions, DeleteOptions options) {
    List<ObjectNode> deleted = new ArrayList<>();
    for (CachedObject o : list(null, listOptions).items()) {
      try {
        deleted.add(delete(null, o.name(), options).object());
      } catch (ApiException e) {
        if (e.code() != 404 && e.code() != 409) {
          throw e;
        }
      }
    }
    return deleted;
  }

  private static ApiException notFound(String name) {
    return ApiException.notFound("", "nodes", name);
  }

  private static long parseRevision(String rv) {
    try {
      return Long.parseLong(rv);
    } catch (NumberFormatException e) {
      throw ApiException.badRequest("Invalid value: \"" + rv + "\": resourceVersion must be a non-negative integer");
    }
  }

  /** Ends every node watch; the cluster is closing. */
  public void close() {
    book.terminateWatchers();
  }
}
