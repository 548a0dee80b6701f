package io.tidewater.gateway.storage;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.tidewater.api.meta.ObjectMetas;
import io.tidewater.apiserver.errors.ApiException;
import io.tidewater.apiserver.http.HttpExchange;
import io.tidewater.apiserver.registry.ResourceType;
import io.tidewater.apiserver.rest.SubresourceStorage;
import io.tidewater.apiserver.storage.CachedObject;
import io.tidewater.apiserver.storage.ContinueToken;
import io.tidewater.apiserver.storage.DeleteOptions;
import io.tidewater.apiserver.storage.GetOptions;
import io.tidewater.apiserver.storage.ListOptions;
import io.tidewater.apiserver.storage.ListResult;
import io.tidewater.apiserver.storage.ObjectFilter;
import io.tidewater.apiserver.storage.ResourceStorage;
import io.tidewater.apiserver.storage.UpdateFunction;
import io.tidewater.apiserver.storage.WatchCache;
import io.tidewater.apiserver.storage.WatchItem;
import io.tidewater.apiserver.storage.WatchStream;
import io.tidewater.apiserver.storage.WriteOptions;
import io.tidewater.gateway.GatewayOptions;
import io.tidewater.gateway.view.FleetFeeds;
import io.tidewater.gateway.view.MergedCache;
import io.tidewater.gateway.view.MergedKind;
import io.tidewater.gateway.view.MergedName;
import io.tidewater.gateway.view.ObjectRewriter;
import io.tidewater.member.MemberConnector;
import io.tidewater.member.Members;
import io.tidewater.member.write.DeleteRequest;
import io.tidewater.member.write.ObjectReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One merged kind served as a Kubernetes resource: reads from the {@link MergedCache} with the
 * gateway's resourceVersions (list with selectors, consistent pages, watch with history and 410
 * Gone), deletes forwarded to the owning member, and subresources such as {@code pods/log}
 * proxied to it. Creates and updates are refused: members own these objects, and the federation
 * changes them through templates.
 */
public final class MergedResourceStorage implements ResourceStorage, SubresourceStorage {
  private final MergedKind kind;
  private final ResourceType type;
  private final MergedCache cache;
  private final Members members;
  private final FleetFeeds feeds;
  private final GatewayOptions options;
  private final ListSnapshots snapshots;
  private final Map<String, MemberSubresource> subresources;

  /** A subresource served by forwarding to the member that owns the object. */
  public interface MemberSubresource {
    void serve(HttpExchange exchange, MemberConnector member, String namespace, String memberName) throws Exception;

    default boolean isLongRunning(HttpExchange exchange) {
      return false;
    }
  }

  public MergedResourceStorage(
      MergedKind kind, MergedCache cache, Members members, FleetFeeds feeds, GatewayOptions options,
      Map<String, MemberSubresource> subresources) {
    this.kind = kind;
    this.type = cache.type();
    this.cache = cache;
    this.members = members;
    this.feeds = feeds;
    this.options = options;
    this.snapshots = new ListSnapshots(cache.watchCache(), options.listSnapshots(), options.listSnapshotTtl(), options.clock());
    this.subresources = Map.copyOf(subresources);
  }

  @Override
  public ResourceType type() {
    return type;
  }

  public MergedKind kind() {
    return kind;
  }

  public MergedCache cache() {
    return cache;
  }

  // ---------------------------------------------------------------- reads

  @Override
  public CachedObject get(String namespace, String name, GetOptions options) {
    String rv = options.resourceVersion() == null ? "" : options.resourceVersion();
    if (!rv.isEmpty() && !rv.equals("0")) {
      checkNotFuture(parseRevision(rv));
    }
    CachedObject found = cache.get(cache.key(namespace, name));
    if (found == null) {
      throw notFound(name);
    }
    return found;
  }

  @Override
  public ListResult list(String namespace, ListOptions options) {
    ObjectFilter filter = ListFilters.of(type, namespace, options);
    String rv = options.resourceVersion() == null ? "" : options.resourceVersion();
    String match = options.resourceVersionMatch() == null ? "" : options.resourceVersionMatch();
    validateListSemantics(rv, match, options);
    String namespaceScope = type.namespaced() ? namespace : null;
    if (options.continueToken() != null && !options.continueToken().isEmpty()) {
      ContinueToken token = ContinueToken.decode(options.continueToken());
      ListSnapshots.Snapshot snap = snapshots.at(token.revision());
      if (snap == null) {
        throw ApiException.gone(
            "The provided continue parameter is too old to display a consistent list result. You can start a new list without the"
                + " continue parameter.");
      }
      return page(snap, filter, namespaceScope, token.startKey(), options.limit());
    }
    long wanted = rv.isEmpty() || rv.equals("0") ? 0 : parseRevision(rv);
    checkNotFuture(wanted);
    if (match.equals("Exact") && wanted != cache.watchCache().revision()) {
      // The merged view has no history of whole states, only the pages it is serving.
      ListSnapshots.Snapshot snap = snapshots.at(wanted);
      if (snap == null) {
        throw ApiException.gone("too old resource version: " + wanted + " (" + cache.watchCache().revision() + ")");
      }
      return page(snap, filter, namespaceScope, null, options.limit());
    }
    if (options.limit() <= 0) {
      WatchCache.Snapshot snap = cache.watchCache().list(filter);
      return new ListResult(snap.items(), snap.revision(), null, null);
    }
    return page(snapshots.current(), filter, namespaceScope, null, options.limit());
  }

  /** One page of a snapshot: up to {@code limit} matches from {@code startKey} on. */
  private ListResult page(ListSnapshots.Snapshot snap, ObjectFilter filter, String namespace, String startKey, long limit) {
    List<CachedObject> all = snap.items();
    String prefix = namespace == null ? null : namespace + "/";
    int end = prefix == null ? all.size() : snap.lowerBound(namespace + "0"); // '0' follows '/'
    int i = startKey == null ? (prefix == null ? 0 : snap.lowerBound(prefix)) : snap.lowerBound(startKey);
    if (prefix != null) {
      i = Math.max(i, snap.lowerBound(prefix));
    }
    List<CachedObject> items = new ArrayList<>();
    String next = null;
    Long remaining = null;
    for (; i < end; i++) {
      CachedObject o = all.get(i);
      if (filter.matches(o)) {
        items.add(o);
        if (limit > 0 && items.size() >= limit) {
          if (i + 1 < end) {
            next = o.objectKey() + "\0";
            if (filter.labels().isEverything() && filter.fields().isEverything()) {
              remaining = (long) (end - i - 1);
            }
          }
          break;
        }
      }
    }
    String token = next == null ? null : new ContinueToken(snap.revision(), next).encode();
    return new ListResult(items, snap.revision(), token, remaining);
  }

  private static void validateListSemantics(String rv, String match, ListOptions options) {
    if (!match.isEmpty() && !match.equals("Exact") && !match.equals("NotOlderThan")) {
      throw ApiException.badRequest("resourceVersionMatch: Unsupported value: \"" + match + "\": supported values: \"Exact\", \"NotOlderThan\"");
    }
    if (!match.isEmpty() && rv.isEmpty()) {
      throw ApiException.badRequest("resourceVersionMatch: Forbidden: resourceVersionMatch is forbidden unless resourceVersion is provided");
    }
    if (match.equals("Exact") && rv.equals("0")) {
      throw ApiException.badRequest("resourceVersionMatch: Forbidden: resourceVersionMatch \"exact\" is forbidden for resourceVersion \"0\"");
    }
    if (options.continueToken() != null && !options.continueToken().isEmpty() && !rv.isEmpty()) {
      throw ApiException.badRequest("resourceVersion: Forbidden: specifying resource version is not allowed when using continue");
    }
  }

  @Override
  public WatchStream watch(String namespace, ListOptions options) {
    ObjectFilter filter = ListFilters.of(type, namespace, options);
    String rv = options.resourceVersion() == null ? "" : options.resourceVersion();
    boolean initialState = rv.isEmpty() || rv.equals("0") || Boolean.TRUE.equals(options.sendInitialEvents());
    long from = -1;
    if (!rv.isEmpty() && !rv.equals("0")) {
      long requested = parseRevision(rv);
      checkNotFuture(requested);
      if (!initialState) {
        from = requested;
      }
    }
    WatchCache.Registration reg = cache.watchCache().watch(filter, from, this.options.watchQueue());
    return new MergedWatchStream(reg, cache.watchCache());
  }

  /** A cache registration as the HTTP layer's watch stream. */
  private record MergedWatchStream(WatchCache.Registration registration, WatchCache cache) implements WatchStream {
    @Override
    public void wake() {
      registration.watcher().wake();
    }

    @Override
    public List<WatchItem> initial() {
      return registration.initial();
    }

    @Override
    public WatchItem poll(long timeoutMillis) throws InterruptedException {
      return registration.watcher().poll(timeoutMillis);
    }

    @Override
    public boolean isClosed() {
      return registration.watcher().isClosed();
    }

    @Override
    public ApiException terminalError() {
      return registration.watcher().terminalError();
    }

    @Override
    public long currentRevision() {
      return cache.revision();
    }

    @Override
    public void close() {
      registration.watcher().close();
    }
  }

  // ---------------------------------------------------------------- writes

  @Override
  public ObjectNode create(String namespace, ObjectNode object, WriteOptions options) {
    throw readOnly();
  }

  @Override
  public UpdateResult update(String namespace, String name, UpdateFunction update, WriteOptions options) {
    throw readOnly();
  }

  private ApiException readOnly() {
    return ApiException.methodNotAllowed(
        type.qualifiedResource() + " in the federation are the members' objects, merged by the Cluster Gateway: they can be read and"
            + " deleted here; create and change them through the federation's templates, or in one member through"
            + " /apis/cluster.tidewater.io/v1alpha1/clusters/<cluster>/proxy/");
  }

  /**
   * Deletes the object in the member that owns it. The merged view follows when the member's
   * informer reports the deletion; the answer reflects the member's state right after the call.
   */
  @Override
  public DeleteResult delete(String namespace, String name, DeleteOptions options) {
    String key = cache.key(namespace, name);
    CachedObject current = cache.get(key);
    MergedName merged = MergedName.parse(name).orElse(null);
    if (current == null || merged == null) {
      throw notFound(name);
    }
    ObjectNode currentObject = current.object();
    if (options.preconditionUid() != null && !options.preconditionUid().equals(ObjectMetas.uid(currentObject))) {
      throw ApiException.conflict(type.group(), type.resource(), name,
          "Precondition failed: UID in precondition: " + options.preconditionUid() + ", UID in object meta: " + ObjectMetas.uid(currentObject));
    }
    String memberRv = null;
    if (options.preconditionResourceVersion() != null) {
      if (!options.preconditionResourceVersion().equals(Long.toString(current.revision()))) {
        throw ApiException.conflict(type.group(), type.resource(), name,
            "Precondition failed: ResourceVersion in precondition: " + options.preconditionResourceVersion()
                + ", ResourceVersion in object meta: " + current.revision());
      }
      memberRv = feeds.memberResourceVersion(merged.cluster(), kind, key);
    }
    MemberConnector member = members.get(merged.cluster()).orElseThrow(() -> notFound(name));
    if (options.dryRun()) {
      return new DeleteResult(currentObject, true);
    }
    ObjectReference ref = new ObjectReference(kind.member().apiVersion(), kind.member().kind(), namespace, merged.name());
    try {
      boolean existed = member.delete(ref, new DeleteRequest(options.propagationPolicy(), options.gracePeriodSeconds(), memberRv));
      if (!existed) {
        throw notFound(name);
      }
      Optional<ObjectNode> after = member.get(ref);
      if (after.isEmpty()) {
        return new DeleteResult(currentObject, true);
      }
      ObjectNode pending = ObjectRewriter.toMerged(kind, merged.cluster(), after.get());
      ObjectMetas.setResourceVersion(pending, Long.toString(current.revision()));
      return new DeleteResult(pending, false);
    } catch (KubernetesClientException e) {
      throw MemberErrors.toApi(merged.cluster(), type.group(), type.resource(), name, e);
    }
  }

  @Override
  public List<ObjectNode> deleteCollection(String namespace, ListOptions listOptions, DeleteOptions options) {
    List<ObjectNode> deleted = new ArrayList<>();
    ListOptions all = new ListOptions(
        listOptions.labels(), listOptions.fields(), "", "", 0, null, false, null, null);
    for (CachedObject o : list(namespace, all).items()) {
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

  // ---------------------------------------------------------------- subresources

  @Override
  public boolean serves(String subresource, String method) {
    return subresources.containsKey(subresource) && method.equals("GET");
  }

  @Override
  public boolean isLongRunning(String subresource, HttpExchange exchange) {
    MemberSubresource s = subresources.get(subresource);
    return s != null && s.isLongRunning(exchange);
  }

  @Override
  public void serve(HttpExchange exchange, String namespace, String name, String subresource) throws Exception {
    MemberSubresource s = subresources.get(subresource);
    MergedName merged = MergedName.parse(name).orElse(null);
    if (s == null || merged == null || cache.get(cache.key(namespace, name)) == null) {
      throw notFound(name);
    }
    MemberConnector member = members.get(merged.cluster()).orElseThrow(() -> notFound(name));
    s.serve(exchange, member, namespace, merged.name());
  }

  // ---------------------------------------------------------------- helpers

  private void checkNotFuture(long revision) {
    if (revision > cache.revisions().current()) {
      throw ApiException.timeout("Too large resource version: " + revision + ", current: " + cache.revisions().current(), 1);
    }
  }

  private ApiException notFound(String name) {
    return ApiException.notFound(type.group(), type.resource(), name);
  }

  private static long parseRevision(String rv) {
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
}
