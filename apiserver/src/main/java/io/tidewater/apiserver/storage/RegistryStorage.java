package io.tidewater.apiserver.storage;

import io.tidewater.api.json.JsonValues;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.api.meta.ObjectMetas;
import io.tidewater.api.validation.FieldError;
import io.tidewater.apiserver.errors.ApiException;
import io.tidewater.apiserver.registry.ResourceStrategy;
import io.tidewater.apiserver.registry.ResourceType;
import io.tidewater.store.CompactedException;
import io.tidewater.store.FutureRevisionException;
import io.tidewater.store.KeyValue;
import io.tidewater.store.RangeRequest;
import io.tidewater.store.RangeResult;
import io.tidewater.store.Store;
import io.tidewater.store.WriteResult;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The generic registry for store-backed kinds: Kubernetes' {@code genericregistry.Store}. It owns
 * object metadata (uid, timestamps, generation, resourceVersion), optimistic concurrency,
 * finalizers and graceful deletion, dry runs, and the choice between serving reads from the watch
 * cache and from the store. Everything kind-specific comes from the {@link ResourceStrategy}.
 */
public final class RegistryStorage implements ResourceStorage {
  /** How long a read waits for the cache to catch up with a revision before falling back. */
  static final long FRESHNESS_WAIT_MILLIS = 3_000;

  private static final int LIST_CHUNK = 1_000;
  private static final int WATCH_QUEUE = 4_096;
  private static final int MAX_UPDATE_ATTEMPTS = 64;
  private static final String NAME_SUFFIX_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final ResourceType type;
  private final ResourceStrategy strategy;
  private final Store store;
  private final CacheFeeder feeder;
  private final WatchCache cache;
  private final NamespaceAdmission namespaces;
  private final ManagedFieldsUpdater managedFields;
  private final Clock clock;

  public RegistryStorage(
      ResourceType type, Store store, CacheFeeder feeder, NamespaceAdmission namespaces, ManagedFieldsUpdater managedFields, Clock clock) {
    this.type = type;
    this.strategy = type.strategy();
    this.store = store;
    this.feeder = feeder;
    this.cache = feeder.cache(type);
    this.namespaces = namespaces;
    this.managedFields = managedFields;
    this.clock = clock;
  }

  @Override
  public ResourceType type() {
    return type;
  }

  public WatchCache cache() {
    return cache;
  }

  // ---------------------------------------------------------------- reads

  @Override
  public CachedObject get(String namespace, String name, GetOptions options) {
    String objectKey = objectKey(namespace, name);
    String rv = options.resourceVersion() == null ? "" : options.resourceVersion();
    CachedObject found;
    if (rv.equals("0")) {
      found = cache.get(objectKey);
    } else {
      long wanted = rv.isEmpty() ? feeder.storeRevision() : parseRevision(rv);
      if (feeder.awaitRevision(wanted, FRESHNESS_WAIT_MILLIS)) {
        found = cache.get(objectKey);
      } else if (rv.isEmpty()) {
        found = store.get(KeyLayout.key(type, namespace, name))
            .map(kv -> ObjectCodec.cached(objectKey, kv.value(), kv.modRevision(), cache.fieldIndexer()))
            .orElse(null);
      } else {
        throw tooLargeResourceVersion(wanted);
      }
    }
    if (found == null) {
      throw notFound(name);
    }
    return found;
  }

  @Override
  public ListResult list(String namespace, ListOptions options) {
    ObjectFilter filter = filter(namespace, options);
    String rv = options.resourceVersion() == null ? "" : options.resourceVersion();
    String match = options.resourceVersionMatch() == null ? "" : options.resourceVersionMatch();
    validateListSemantics(rv, match, options);
    // As Kubernetes' shouldDelegateList: pages and exact revisions come from the store (which
    // can read at a revision); everything else from the cache.
    boolean continuing = options.continueToken() != null && !options.continueToken().isEmpty();
    if (continuing || match.equals("Exact") || (options.limit() > 0 && !rv.equals("0"))) {
      return listFromStore(namespace, filter, options, rv, match);
    }
    long wanted = rv.isEmpty() ? feeder.storeRevision() : rv.equals("0") ? 0 : parseRevision(rv);
    if (!feeder.awaitRevision(wanted, FRESHNESS_WAIT_MILLIS)) {
      if (rv.isEmpty()) {
        return listFromStore(namespace, filter, options, rv, match);
      }
      throw tooLargeResourceVersion(wanted);
    }
    WatchCache.Snapshot snap = cache.list(filter);
    return new ListResult(snap.items(), snap.revision(), null, null);
  }

  private void validateListSemantics(String rv, String match, ListOptions options) {
    if (!match.isEmpty() && !match.equals("Exact") && !match.equals("NotOlderThan")) {
      throw ApiException.badRequest("resourceVersionMatch: Unsupported value: \"" + match + "\": supported values: \"Exact\", \"NotOlderThan\"");
    }
    if (!match.isEmpty() && rv.isEmpty()) {
      throw ApiException.badRequest("resourceVersionMatch: Forbidden: resourceVersionMatch is forbidden unless resourceVersion is provided");
    }
    if (match.equals("Exact") && rv.equals("0")) {
      throw ApiException.badRequest("resourceVersionMatch: Forbidden: resourceVersionMatch \"exact\" is forbidden for resourceVersion \"0\"");
    }
    // "0" with a continue token is tolerated and the token wins (the API concepts table).
    if (options.continueToken() != null && !options.continueToken().isEmpty() && !rv.isEmpty() && !rv.equals("0")) {
      throw ApiException.badRequest("resourceVersion: Forbidden: specifying resource version is not allowed when using continue");
    }
  }

  private ListResult listFromStore(String namespace, ObjectFilter filter, ListOptions options, String rv, String match) {
    long revision = 0;
    String start = null;
    if (options.continueToken() != null && !options.continueToken().isEmpty()) {
      ContinueToken token = ContinueToken.decode(options.continueToken());
      revision = token.revision();
      start = KeyLayout.prefix(type, namespace) + token.startKey();
    } else if (match.equals("Exact") || (match.isEmpty() && options.limit() > 0 && !rv.isEmpty() && !rv.equals("0"))) {
      // A limit with resourceVersion N and no match is Exact too (the API concepts table).
      revision = parseRevision(rv);
    } else if (!rv.isEmpty() && !rv.equals("0") && feeder.storeRevision() < parseRevision(rv)) {
      throw tooLargeResourceVersion(parseRevision(rv));
    }
    String prefix = KeyLayout.prefix(type, namespace);
    long limit = options.limit();
    List<CachedObject> items = new ArrayList<>();
    boolean unfiltered = filter.labels().isEverything() && filter.fields().isEverything();
    String next = null;
    long remaining = 0;
    try {
      while (true) {
        int chunk = limit > 0 ? (int) Math.min(Math.max(limit - items.size(), 1), LIST_CHUNK) : LIST_CHUNK;
        if (!unfiltered && limit > 0) {
          chunk = LIST_CHUNK; // filtering discards items: read in bigger chunks
        }
        RangeResult page = store.range(new RangeRequest(prefix, start, chunk, revision));
        revision = page.revision();
        int consumed = 0;
        for (KeyValue kv : page.kvs()) {
          consumed++;
          String key = kv.key().substring(KeyLayout.prefix(type).length());
          CachedObject obj = ObjectCodec.cached(key, kv.value(), kv.modRevision(), cache.fieldIndexer());
          if (filter.matches(obj)) {
            items.add(obj);
          }
          if (limit > 0 && items.size() >= limit) {
            break;
          }
        }
        boolean pageHasMore = page.more() || consumed < page.kvs().size();
        String lastKey = consumed == 0 ? null : page.kvs().get(consumed - 1).key();
        if (limit > 0 && items.size() >= limit) {
          if (pageHasMore) {
            // Relative to this list's prefix (namespace included), as Kubernetes' encodeContinue.
            next = lastKey.substring(prefix.length()) + "\0";
            remaining = page.remaining() + (page.kvs().size() - consumed);
          }
          break;
        }
        if (!page.more()) {
          break;
        }
        start = lastKey + "\0";
      }
    } catch (CompactedException e) {
      if (options.continueToken() != null && !options.continueToken().isEmpty()) {
        throw ApiException.gone(
            "The provided continue parameter is too old to display a consistent list result. You can start a new list without the"
                + " continue parameter.");
      }
      throw ApiException.gone("too old resource version: " + rv + " (" + e.compactRevision() + ")");
    } catch (FutureRevisionException e) {
      throw tooLargeResourceVersion(revision);
    }
    String token = next == null ? null : new ContinueToken(revision, next).encode();
    Long remainingCount = next != null && unfiltered ? remaining : null;
    return new ListResult(items, revision, token, remainingCount);
  }

  @Override
  public WatchStream watch(String namespace, ListOptions options) {
    ObjectFilter filter = filter(namespace, options);
    String rv = options.resourceVersion() == null ? "" : options.resourceVersion();
    // sendInitialEvents overrides the legacy rule ("" and "0" start with the state); false with
    // "" or "0" starts from now without it.
    boolean fromNow = rv.isEmpty() || rv.equals("0");
    boolean initialState = options.sendInitialEvents() != null ? options.sendInitialEvents() : fromNow;
    long from = -1;
    if (!initialState && fromNow) {
      // "0" allows any starting point, but the most recent is preferred: a client that wrote an
      // object and then watches "from now" must not be shown its own write as new.
      feeder.awaitRevision(feeder.storeRevision(), FRESHNESS_WAIT_MILLIS);
      from = cache.revision();
    } else if (!initialState) {
      from = parseRevision(rv);
      if (!feeder.awaitRevision(from, FRESHNESS_WAIT_MILLIS)) {
        throw tooLargeResourceVersion(from);
      }
    } else if (Boolean.TRUE.equals(options.sendInitialEvents()) && !rv.isEmpty() && !rv.equals("0")) {
      feeder.awaitRevision(parseRevision(rv), FRESHNESS_WAIT_MILLIS);
    } else if (rv.isEmpty()) {
      feeder.awaitRevision(feeder.storeRevision(), FRESHNESS_WAIT_MILLIS);
    }
    WatchCache.Registration reg = cache.watch(filter, from, WATCH_QUEUE);
    return new CacheWatchStream(reg, cache);
  }

  /** Adapts a cache registration to the HTTP layer's stream. */
  private static final class CacheWatchStream implements WatchStream {
    private final WatchCache.Registration registration;
    private final WatchCache cache;
    /** The initial events cover the cache up to the registration; polled events go further. */
    private long delivered;

    CacheWatchStream(WatchCache.Registration registration, WatchCache cache) {
      this.registration = registration;
      this.cache = cache;
      this.delivered = registration.startRevision();
    }

    @Override
    public List<WatchItem> initial() {
      return registration.initial();
    }

    @Override
    public WatchItem poll(long timeoutMillis) throws InterruptedException {
      WatchItem item = registration.watcher().poll(timeoutMillis);
      if (item != null && item.revision() > delivered) {
        delivered = item.revision();
      }
      return item;
    }

    @Override
    public void wake() {
      registration.watcher().wake();
    }

    @Override
    public boolean isClosed() {
      return registration.watcher().isClosed();
    }

    @Override
    public ApiException terminalError() {
      return registration.watcher().terminalError();
    }

    /**
     * A revision no undelivered event of this watch is at or below, so a BOOKMARK never overtakes
     * an event. The cache offers an event under the lock that publishes its revision, so reading
     * the revision first and then finding nothing pending means everything up to it was delivered.
     */
    @Override
    public long currentRevision() {
      long cacheRevision = cache.revision();
      return registration.watcher().hasPending() ? delivered : Math.max(delivered, cacheRevision);
    }

    @Override
    public void close() {
      registration.watcher().close();
    }
  }

  // ---------------------------------------------------------------- writes

  @Override
  public ObjectNode create(String namespace, ObjectNode obj, WriteOptions options) {
    prepareNewObject(namespace, obj);
    if (type.namespaced()) {
      namespaces.admitCreate(type, ObjectMetas.namespace(obj), ObjectMetas.name(obj));
    }
    if (strategy.resetsStatusOnCreate()) {
      obj.remove("status");
    }
    strategy.applyDefaults(obj);
    strategy.prepareForCreate(obj);
    validateCreate(obj);
    if (!options.apply()) {
      managedFields.recordUpdate(type, null, obj, options.fieldManager(), options.subresource());
    }
    String name = ObjectMetas.name(obj);
    if (options.dryRun()) {
      return obj;
    }
    WriteResult result = store.create(KeyLayout.key(type, ObjectMetas.namespace(obj), name), ObjectCodec.encodeForStore(obj));
    return switch (result) {
      case WriteResult.Written w -> {
        ObjectMetas.setResourceVersion(obj, Long.toString(w.kv().modRevision()));
        yield obj;
      }
      case WriteResult.Conflict c -> throw ApiException.alreadyExists(type.group(), type.resource(), name);
    };
  }

  /** Namespace, name generation and system metadata of a new object. */
  private void prepareNewObject(String namespace, ObjectNode obj) {
    ObjectNode meta = ObjectMetas.metadata(obj);
    if (type.namespaced()) {
      String ns = ObjectMetas.namespace(obj);
      if (ns == null || ns.isEmpty()) {
        ObjectMetas.setNamespace(obj, namespace);
      } else if (namespace != null && !ns.equals(namespace)) {
        throw ApiException.badRequest("the namespace of the provided object does not match the namespace sent on the request");
      }
    } else {
      meta.remove("namespace");
    }
    String rv = ObjectMetas.resourceVersion(obj);
    if (rv != null && !rv.isEmpty()) {
      throw ApiException.badRequest("resourceVersion should not be set on objects to be created");
    }
    String name = ObjectMetas.name(obj);
    if ((name == null || name.isEmpty()) && ObjectMetas.generateName(obj) != null && !ObjectMetas.generateName(obj).isEmpty()) {
      StringBuilder sb = new StringBuilder(truncateGenerateName(ObjectMetas.generateName(obj)));
      for (int i = 0; i < 5; i++) {
        sb.append(NAME_SUFFIX_ALPHABET.charAt(RANDOM.nextInt(NAME_SUFFIX_ALPHABET.length())));
      }
      ObjectMetas.setName(obj, sb.toString());
    }
    meta.put("uid", UUID.randomUUID().toString());
    meta.put("creationTimestamp", ObjectMetas.timestamp(clock.instant()));
    meta.remove("deletionTimestamp");
    meta.remove("deletionGracePeriodSeconds");
    meta.remove("selfLink");
    if (strategy.tracksGeneration()) {
      meta.put("generation", 1);
    } else {
      meta.remove("generation");
    }
  }

  private static String truncateGenerateName(String base) {
    return base.length() > 58 ? base.substring(0, 58) : base;
  }

  private void validateCreate(ObjectNode obj) {
    List<FieldError> errs = new ArrayList<>();
    String name = ObjectMetas.name(obj);
    errs.addAll(MetadataValidation.validate(type, obj, name == null || name.isEmpty() ? List.of() : strategy.validateName(name)));
    errs.addAll(strategy.validate(obj));
    if (!errs.isEmpty()) {
      throw ApiException.invalid(type.group(), type.kind(), name == null ? "" : name, errs);
    }
  }

  @Override
  public UpdateResult update(String namespace, String name, UpdateFunction update, WriteOptions options) {
    String key = KeyLayout.key(type, namespace, name);
    // As Kubernetes' GuaranteedUpdate with a cached object: the first attempt starts from the
    // watch cache and saves a store read. The cache may lag, so nothing is concluded from it: a
    // conflict, an error or "no change" there means trying again from the store.
    boolean tryCache = true;
    for (int attempt = 0; attempt < MAX_UPDATE_ATTEMPTS; attempt++) {
      CachedObject cached = tryCache ? cache.get(objectKey(namespace, name)) : null;
      tryCache = false;
      boolean fromCache = cached != null;
      long modRevision;
      ObjectNode old;
      if (fromCache) {
        modRevision = cached.revision();
        old = cached.object().deepCopy();
      } else {
        Optional<KeyValue> current = store.get(key);
        if (current.isEmpty()) {
          if (!update.allowCreate()) {
            throw notFound(name);
          }
          ObjectNode created = update.apply(null);
          if (created == null) {
            throw notFound(name);
          }
          ObjectMetas.setResourceVersion(created, null);
          checkUrlIdentity(created, namespace, name);
          try {
            return new UpdateResult(create(namespace, created, options), true);
          } catch (ApiException e) {
            if (e.code() == 409 && e.reason().equals("AlreadyExists")) {
              continue; // raced with another creator: apply to what they created
            }
            throw e;
          }
        }
        modRevision = current.get().modRevision();
        old = ObjectCodec.decode(current.get().value(), modRevision);
      }
      ObjectNode updated;
      try {
        updated = update.apply(old.deepCopy());
        if (updated == null) {
          throw notFound(name);
        }
        checkUrlIdentity(updated, namespace, name);
        String requestedRv = ObjectMetas.resourceVersion(updated);
        if (requestedRv != null && !requestedRv.isEmpty() && !requestedRv.equals(Long.toString(modRevision))) {
          throw ApiException.staleResourceVersion(type.group(), type.resource(), name);
        }
        prepareUpdatedObject(updated, old, options.subresource());
        if (!options.apply()) {
          managedFields.recordUpdate(type, old, updated, options.fieldManager(), options.subresource());
        }
      } catch (RuntimeException e) {
        if (fromCache) {
          continue;
        }
        throw e;
      }
      ObjectMetas.setResourceVersion(updated, Long.toString(modRevision));
      if (unchanged(updated, old)) {
        if (fromCache) {
          continue;
        }
        return new UpdateResult(old, false);
      }
      if (ObjectMetas.isDeleting(updated) && ObjectMetas.finalizers(updated).isEmpty() && !strategy.blocksDeletion(updated)
          && ObjectMetas.metadata(old).path("deletionGracePeriodSeconds").asLong(0) == 0) {
        // The last finalizer is gone: the deletion that was waiting for it completes now (a
        // graceful deletion still waits for its owner, as Kubernetes' ShouldDeleteDuringUpdate).
        if (options.dryRun()) {
          if (fromCache) {
            continue;
          }
          return new UpdateResult(updated, false);
        }
        WriteResult r = store.delete(key, modRevision);
        if (r instanceof WriteResult.Written) {
          return new UpdateResult(updated, false);
        }
        continue;
      }
      if (options.dryRun()) {
        if (fromCache) {
          continue; // a dry run writes nothing that would tell a stale cache apart: read the store
        }
        return new UpdateResult(updated, false);
      }
      WriteResult r = store.update(key, ObjectCodec.encodeForStore(updated), modRevision);
      if (r instanceof WriteResult.Written w) {
        ObjectMetas.setResourceVersion(updated, Long.toString(w.kv().modRevision()));
        return new UpdateResult(updated, false);
      }
      // Lost a race (or the cache was behind): as GuaranteedUpdate, run the update again on the
      // store's state. A request pinned to a resourceVersion (a PUT's) then conflicts; a patch
      // re-applies.
    }
    throw ApiException.conflict(type.group(), type.resource(), name, "too many concurrent updates; try again");
  }

  private void checkUrlIdentity(ObjectNode obj, String namespace, String name) {
    String objName = ObjectMetas.name(obj);
    if (objName == null || objName.isEmpty()) {
      ObjectMetas.setName(obj, name);
    } else if (!objName.equals(name)) {
      throw ApiException.badRequest("the name of the object (" + objName + ") does not match the name on the URL (" + name + ")");
    }
    if (type.namespaced()) {
      String ns = ObjectMetas.namespace(obj);
      if (ns == null || ns.isEmpty()) {
        ObjectMetas.setNamespace(obj, namespace);
      } else if (!ns.equals(namespace)) {
        throw ApiException.badRequest("the namespace of the provided object does not match the namespace sent on the request");
      }
    }
  }

  /** Carries system metadata forward and splits status from spec, as {@code rest.BeforeUpdate}. */
  private void prepareUpdatedObject(ObjectNode updated, ObjectNode old, String subresource) {
    ObjectNode meta = ObjectMetas.metadata(updated);
    ObjectNode oldMeta = ObjectMetas.metadata(old);
    if ("status".equals(subresource)) {
      // A status write changes status only (and may not touch spec or metadata).
      JsonNode status = updated.get("status");
      ObjectNode merged = old.deepCopy();
      if (status == null) {
        merged.remove("status");
      } else {
        merged.set("status", status);
      }
      JsonNode mf = meta.get("managedFields");
      ObjectNode mergedMeta = ObjectMetas.metadata(merged);
      if (mf != null) {
        mergedMeta.set("managedFields", mf);
      }
      updated.removeAll();
      updated.setAll(merged);
      // Status writes are validated too, as Kubernetes' status strategies do; a kind's validation
      // covers its status.
      List<FieldError> errs = strategy.validateUpdate(updated, old);
      if (!errs.isEmpty()) {
        throw ApiException.invalid(type.group(), type.kind(), ObjectMetas.name(updated), errs);
      }
      return;
    }
    if (strategy.hasStatus()) {
      JsonNode oldStatus = old.get("status");
      if (oldStatus == null) {
        updated.remove("status");
      } else {
        updated.set("status", oldStatus.deepCopy());
      }
    }
    for (String f : List.of("uid", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds")) {
      JsonNode v = oldMeta.get(f);
      if (v == null) {
        if (!f.equals("uid") || !meta.has("uid")) {
          meta.remove(f);
        }
      } else if (!f.equals("uid") || !meta.hasNonNull("uid")) {
        meta.set(f, v);
      }
    }
    meta.remove("selfLink");
    if (strategy.tracksGeneration()) {
      long gen = ObjectMetas.generation(old);
      if (specChanged(updated, old)) {
        gen++;
      }
      putGeneration(meta, Math.max(gen, 1));
    } else {
      meta.remove("generation");
    }
    strategy.applyDefaults(updated);
    strategy.prepareForUpdate(updated, old);
    List<FieldError> errs = new ArrayList<>(MetadataValidation.validateUpdate(updated, old));
    if (errs.isEmpty()) {
      errs.addAll(MetadataValidation.validate(type, updated, strategy.validateName(ObjectMetas.name(updated))));
      errs.addAll(strategy.validateUpdate(updated, old));
    }
    if (!errs.isEmpty()) {
      throw ApiException.invalid(type.group(), type.kind(), ObjectMetas.name(updated), errs);
    }
  }

  /**
   * As an int node when it fits, like the decoded stored object: Jackson's IntNode(2) does not
   * equal LongNode(2), which made every no-op update look like a change.
   */
  private static void putGeneration(ObjectNode meta, long generation) {
    if (generation <= Integer.MAX_VALUE) {
      meta.put("generation", (int) generation);
    } else {
      meta.put("generation", generation);
    }
  }

  /** Whether anything besides metadata and status differs. */
  private static boolean specChanged(ObjectNode a, ObjectNode b) {
    var names = new java.util.HashSet<String>();
    a.fieldNames().forEachRemaining(names::add);
    b.fieldNames().forEachRemaining(names::add);
    for (String n : names) {
      if (n.equals("metadata") || n.equals("status") || n.equals("apiVersion") || n.equals("kind")) {
        continue;
      }
      JsonNode x = a.get(n);
      JsonNode y = b.get(n);
      if (x == null ? y != null : !x.equals(y)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Unchanged apart from managedFields timestamps: Kubernetes skips such writes. Numbers compare by
   * value, because a tree decoded from the store holds ints where a freshly computed one (the
   * generation, say) may hold longs, and both encode to the same bytes.
   */
  private static boolean unchanged(ObjectNode updated, ObjectNode old) {
    if (JsonValues.equal(updated, old)) {
      return true;
    }
    ObjectNode a = updated.deepCopy();
    ObjectNode b = old.deepCopy();
    stripManagedFieldTimes(a);
    stripManagedFieldTimes(b);
    return JsonValues.equal(a, b);
  }


  private static void stripManagedFieldTimes(ObjectNode obj) {
    JsonNode mf = obj.path("metadata").path("managedFields");
    if (mf.isArray()) {
      mf.forEach(e -> {
        if (e instanceof ObjectNode o) {
          o.remove("time");
        }
      });
    }
  }

  @Override
  public DeleteResult delete(String namespace, String name, DeleteOptions options) {
    namespaces.admitDelete(type, name);
    String key = KeyLayout.key(type, namespace, name);
    for (int attempt = 0; attempt < MAX_UPDATE_ATTEMPTS; attempt++) {
      KeyValue kv = store.get(key).orElseThrow(() -> notFound(name));
      ObjectNode obj = ObjectCodec.decode(kv.value(), kv.modRevision());
      checkPreconditions(obj, options, name);
      Grace grace = grace(obj, options);
      if (grace.pending()) {
        // A graceful deletion is already under way and this one asks for no shorter period.
        return new DeleteResult(obj, false);
      }
      ObjectNode marked = obj.deepCopy();
      List<String> finalizers = new ArrayList<>(ObjectMetas.finalizers(marked));
      String policy = options.propagationPolicy();
      if ("Foreground".equals(policy)) {
        finalizers.remove(GcFinalizers.ORPHAN);
        addOnce(finalizers, GcFinalizers.FOREGROUND);
      } else if ("Orphan".equals(policy)) {
        finalizers.remove(GcFinalizers.FOREGROUND);
        addOnce(finalizers, GcFinalizers.ORPHAN);
      } else if ("Background".equals(policy)) {
        finalizers.remove(GcFinalizers.FOREGROUND);
        finalizers.remove(GcFinalizers.ORPHAN);
      } else if (policy != null) {
        throw ApiException.invalid(
            "meta.k8s.io", "DeleteOptions", "",
            List.of(FieldError.notSupported("propagationPolicy", policy, List.of("Foreground", "Background", "Orphan"))));
      }
      ObjectMetas.setFinalizers(marked, finalizers);
      boolean controllerFinalized = strategy.deletionBehaviour() == ResourceStrategy.DeletionBehaviour.FINALIZED_BY_CONTROLLER;
      boolean gracefulHold = grace.periodSeconds() != null && grace.periodSeconds() > 0;
      boolean held = !finalizers.isEmpty() || strategy.blocksDeletion(marked) || (controllerFinalized && !ObjectMetas.isDeleting(obj))
          || gracefulHold;
      if (held) {
        ObjectNode meta = ObjectMetas.metadata(marked);
        if (grace.periodSeconds() != null) {
          meta.put("deletionTimestamp", ObjectMetas.timestamp(clock.instant().plusSeconds(grace.periodSeconds())));
          meta.put("deletionGracePeriodSeconds", grace.periodSeconds());
        } else if (!meta.hasNonNull("deletionTimestamp")) {
          meta.put("deletionTimestamp", ObjectMetas.timestamp(clock.instant()));
          meta.put("deletionGracePeriodSeconds", 0);
          if (strategy.tracksGeneration()) {
            putGeneration(meta, ObjectMetas.generation(marked) + 1);
          }
        }
        if (controllerFinalized) {
          strategy.prepareForUpdate(marked, obj);
        }
        if (marked.equals(obj) || options.dryRun()) {
          return new DeleteResult(marked, false);
        }
        WriteResult r = store.update(key, ObjectCodec.encodeForStore(marked), kv.modRevision());
        if (r instanceof WriteResult.Written w) {
          ObjectMetas.setResourceVersion(marked, Long.toString(w.kv().modRevision()));
          return new DeleteResult(marked, false);
        }
        continue;
      }
      if (options.dryRun()) {
        return new DeleteResult(obj, true);
      }
      WriteResult r = store.delete(key, kv.modRevision());
      if (r instanceof WriteResult.Written w) {
        ObjectMetas.setResourceVersion(obj, Long.toString(w.kv().modRevision()));
        return new DeleteResult(obj, true);
      }
    }
    throw ApiException.conflict(type.group(), type.resource(), name, "too many concurrent updates; try again");
  }

  /**
   * What a delete does about grace periods, as Kubernetes' {@code rest.BeforeDelete}.
   *
   * @param pending a graceful deletion is already pending and is left as it is
   * @param periodSeconds the period to mark the object with, or null when the deletion is not graceful
   */
  private record Grace(boolean pending, Long periodSeconds) {
    static final Grace NONE = new Grace(false, null);
    static final Grace PENDING = new Grace(true, null);
  }

  private Grace grace(ObjectNode obj, DeleteOptions options) {
    Long requested = options.gracePeriodSeconds();
    Long period = strategy.gracefulDeletionPeriod(obj, requested);
    if (period == null) {
      return Grace.NONE;
    }
    if (!ObjectMetas.isDeleting(obj)) {
      return new Grace(false, period);
    }
    // Already marked: only a shorter period may be set. A mark without a positive period (left by
    // finalizers) means the object is deleted as soon as nothing else holds it.
    long current = ObjectMetas.metadata(obj).path("deletionGracePeriodSeconds").asLong(0);
    if (current <= 0) {
      return Grace.NONE;
    }
    if (requested != null && Math.max(requested, 0) < current) {
      return new Grace(false, Math.max(requested, 0));
    }
    return Grace.PENDING;
  }

  private static void addOnce(List<String> list, String value) {
    if (!list.contains(value)) {
      list.add(value);
    }
  }

  private void checkPreconditions(ObjectNode obj, DeleteOptions options, String name) {
    if (options.preconditionUid() != null && !options.preconditionUid().equals(ObjectMetas.uid(obj))) {
      throw ApiException.conflict(
          type.group(), type.resource(), name,
          "Precondition failed: UID in precondition: " + options.preconditionUid() + ", UID in object meta: " + ObjectMetas.uid(obj));
    }
    if (options.preconditionResourceVersion() != null && !options.preconditionResourceVersion().equals(ObjectMetas.resourceVersion(obj))) {
      throw ApiException.conflict(
          type.group(), type.resource(), name,
          "Precondition failed: ResourceVersion in precondition: " + options.preconditionResourceVersion()
              + ", ResourceVersion in object meta: " + ObjectMetas.resourceVersion(obj));
    }
  }

  @Override
  public List<ObjectNode> deleteCollection(String namespace, ListOptions listOptions, DeleteOptions options) {
    List<ObjectNode> deleted = new ArrayList<>();
    for (CachedObject o : list(namespace, listOptions).items()) {
      try {
        deleted.add(delete(o.namespace(), o.name(), options).object());
      } catch (ApiException e) {
        if (e.code() != 404) {
          throw e;
        }
      }
    }
    return deleted;
  }

  // ---------------------------------------------------------------- helpers

  private String objectKey(String namespace, String name) {
    return KeyLayout.objectKey(type.namespaced() ? namespace : null, name);
  }

  private ObjectFilter filter(String namespace, ListOptions options) {
    var selectable = strategy.selectableFields();
    for (var term : options.fields().terms()) {
      String f = term.field();
      if (!f.equals("metadata.name") && !f.equals("metadata.namespace") && !selectable.containsKey(f)) {
        throw ApiException.badRequest("field label not supported: " + f);
      }
    }
    return new ObjectFilter(
        type.namespaced() ? namespace : null,
        options.labels(),
        options.fields(),
        (obj, field) -> switch (field) {
          case "metadata.name" -> obj.name();
          case "metadata.namespace" -> obj.namespace() == null ? "" : obj.namespace();
          default -> {
            String v = obj.field(field);
            yield v != null ? v : selectable.get(field).apply(obj.object());
          }
        });
  }

  private ApiException notFound(String name) {
    return ApiException.notFound(type.group(), type.resource(), name);
  }

  static long parseRevision(String rv) {
    try {
      long v = Long.parseLong(rv);
      if (v < 0) {
        throw new NumberFormatException();
      }
      return v;
    } catch (NumberFormatException e) {
      throw ApiException.badRequest("Invalid value: \"" + rv + "\": resourceVersion must be a non-negative integer");
    }
  }

  private static ApiException tooLargeResourceVersion(long rv) {
    return ApiException.timeout("Too large resource version: " + rv + ", current: unknown", 1);
  }
}
