package io.tidewater.apiserver.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.api.json.Json;
import io.tidewater.apiserver.errors.ApiException;
import io.tidewater.apiserver.http.HttpExchange;
import io.tidewater.apiserver.http.Route;
import io.tidewater.apiserver.storage.CacheFeeder;
import io.tidewater.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /debug/tidewater/compact}: compacts the store to its current revision now, and
 * (with {@code terminateWatches=true}) ends every watch so that clients resuming from an older
 * resourceVersion get 410 Gone and relist. For operators and for tests of informer recovery.
 */
public final class CompactionRoute implements Route {
  private static final Logger log = LoggerFactory.getLogger(CompactionRoute.class);
  public static final String PATH = "/debug/tidewater/compact";

  private final Store store;
  private final CacheFeeder feeder;

  public CompactionRoute(Store store, CacheFeeder feeder) {
    this.store = store;
    this.feeder = feeder;
  }

  @Override
  public boolean matches(String path) {
    return path.equals(PATH);
  }

  @Override
  public void handle(HttpExchange ex) {
    if (!ex.method().equals("POST")) {
      throw ApiException.methodNotAllowed("use POST to compact");
    }
    long rev = store.currentRevision();
    store.compact(rev);
    boolean terminate = "true".equals(ex.query("terminateWatches"));
    feeder.forgetHistoryBefore(rev, terminate);
    log.info("store compacted revision={} watchesTerminated={} user={}", rev, terminate, ex.user());
    ObjectNode out = Json.object();
    out.put("compactedRevision", rev);
    out.put("watchesTerminated", terminate);
    ex.respond(200, "application/json", Json.bytes(out));
  }
}
