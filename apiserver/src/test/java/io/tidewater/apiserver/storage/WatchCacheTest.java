package io.tidewater.apiserver.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.api.json.Json;
import io.tidewater.api.meta.GroupVersionResource;
import io.tidewater.api.selection.FieldSelector;
import io.tidewater.api.selection.LabelSelector;
import io.tidewater.apiserver.errors.ApiException;
import io.tidewater.apiserver.registry.ResourceStrategy;
import io.tidewater.apiserver.registry.ResourceType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The watch cache on its own: fan-out, history replay, 410, selector translation. */
class WatchCacheTest {
  private static final ResourceType CONFIG_MAPS =
      new ResourceType(new GroupVersionResource("", "v1", "configmaps"), "ConfigMap", "configmap", true, List.of(), List.of(), new ResourceStrategy() {});

  private final WatchCache cache = new WatchCache(CONFIG_MAPS, 5);
  private final java.util.HashMap<String, CachedObject> current = new java.util.HashMap<>();

  private static CachedObject object(String name, long rev, Map<String, String> labels) {
    ObjectNode o = Json.object();
    o.put("apiVersion", "v1").put("kind", "ConfigMap");
    ObjectNode meta = o.putObject("metadata").put("name", name).put("namespace", "ns").put("resourceVersion", Long.toString(rev));
    ObjectNode l = meta.putObject("labels");
    labels.forEach(l::put);
    return CachedObject.of("ns/" + name, rev, o, Json.bytes(o));
  }

  private void put(String name, long rev, Map<String, String> labels) {
    CachedObject obj = object(name, rev, labels);
    CachedObject prev = current.put(name, obj);
    cache.apply(new CacheEvent(prev == null ? EventType.ADDED : EventType.MODIFIED, obj, prev, rev));
  }

  private void remove(String name, long rev) {
    CachedObject prev = current.remove(name);
    cache.apply(new CacheEvent(EventType.DELETED, object(name, rev, prev.labels()), prev, rev));
  }

  private static ObjectFilter labels(String selector) {
    return new ObjectFilter(null, LabelSelector.parse(selector), FieldSelector.EVERYTHING, (o, f) -> "");
  }

  private static List<String> drain(CacheWatcher w) throws InterruptedException {
    List<String> out = new ArrayList<>();
    WatchItem item;
    while ((item = w.poll(0)) != null) {
      out.add(item.type() + " " + item.object().name() + "@" + item.revision());
    }
    return out;
  }

  @Test
  void aWatcherThatFallsBehindDoesNotCostTheOthersAnEvent() throws Exception {
    cache.replace(List.of(), 1, null);
    CacheWatcher slow = cache.watch(ObjectFilter.all(), 1, 1).watcher();
    CacheWatcher a = cache.watch(ObjectFilter.all(), 1, 100).watcher();
    CacheWatcher b = cache.watch(ObjectFilter.all(), 1, 100).watcher();

    put("x", 2, Map.of());
    put("y", 3, Map.of()); // overflows the slow watcher, which is ended and unregistered

    assertThat(slow.isClosed()).isTrue();
    assertThat(cache.watcherCount()).isEqualTo(2);
    assertThat(drain(a)).containsExactly("ADDED x@2", "ADDED y@3");
    assertThat(drain(b)).containsExactly("ADDED x@2", "ADDED y@3");
  }

  @Test
  void resumingReplaysHistoryAfterTheRevisionAndAnswers410BeforeIt() throws Exception {
    cache.replace(List.of(), 1, null);
    for (int rev = 2; rev <= 9; rev++) {
      put("o" + rev, rev, Map.of());
    }
    // History holds the last 5 events (5..9): resuming at 4 or later works.
    WatchCache.Registration reg = cache.watch(ObjectFilter.all(), 6, 10);
    assertThat(reg.initial()).extracting(WatchItem::revision).containsExactly(7L, 8L, 9L);
    assertThat(cache.watch(ObjectFilter.all(), 4, 10).initial()).hasSize(5);
    assertThat(cache.watch(ObjectFilter.all(), 9, 10).initial()).isEmpty();
    assertThatThrownBy(() -> cache.watch(ObjectFilter.all(), 3, 10))
        .isInstanceOfSatisfying(ApiException.class, e -> {
          assertThat(e.code()).isEqualTo(410);
          assertThat(e.reason()).isEqualTo("Expired");
        });
  }

  @Test
  void compactionForgetsHistory() {
    cache.replace(List.of(), 1, null);
    for (int rev = 2; rev <= 5; rev++) {
      put("o" + rev, rev, Map.of());
    }
    cache.forgetHistoryBefore(4);
    assertThat(cache.watch(ObjectFilter.all(), 4, 10).initial()).extracting(WatchItem::revision).containsExactly(5L);
    assertThatThrownBy(() -> cache.watch(ObjectFilter.all(), 3, 10)).isInstanceOf(ApiException.class);
  }

  @Test
  void compactionAheadOfTheCacheStillExpiresOlderRevisions() {
    cache.replace(List.of(), 1, null);
    put("o2", 2, Map.of());
    // The store compacted at 6 before this cache saw revisions 3..6.
    cache.forgetHistoryBefore(6);
    assertThatThrownBy(() -> cache.watch(ObjectFilter.all(), 1, 10)).isInstanceOf(ApiException.class);
    assertThatThrownBy(() -> cache.watch(ObjectFilter.all(), 2, 10)).isInstanceOf(ApiException.class);
    put("o7", 7, Map.of());
    assertThat(cache.watch(ObjectFilter.all(), 6, 10).initial()).extracting(WatchItem::revision).containsExactly(7L);
  }

  @Test
  void objectsEnteringAndLeavingASelectorAreAddedAndDeleted() throws Exception {
    cache.replace(List.of(), 1, null);
    CacheWatcher w = cache.watch(labels("app=web"), 1, 100).watcher();
    put("a", 2, Map.of("app", "web"));
    put("a", 3, Map.of("app", "web", "x", "y"));
    put("a", 4, Map.of("app", "db"));
    put("a", 5, Map.of("app", "db", "z", "1"));
    put("a", 6, Map.of("app", "web"));
    put("b", 7, Map.of("app", "db"));
    remove("a", 8);
    remove("b", 9);
    assertThat(drain(w)).containsExactly("ADDED a@2", "MODIFIED a@3", "DELETED a@4", "ADDED a@6", "DELETED a@8");
  }

  @Test
  void aWatchFromNowStartsWithTheMatchingState() {
    cache.replace(List.of(object("a", 2, Map.of("app", "web")), object("b", 3, Map.of())), 3, null);
    WatchCache.Registration reg = cache.watch(labels("app"), -1, 10);
    assertThat(reg.initial()).extracting(i -> i.type() + " " + i.object().name()).containsExactly("ADDED a");
    assertThat(reg.startRevision()).isEqualTo(3);
  }
}
