package io.tidewater.apiserver.storage;

import io.tidewater.api.selection.FieldSelector;
import io.tidewater.api.selection.LabelSelector;

/**
 * Query options shared by LIST and WATCH, with Kubernetes' meanings.
 *
 * @param resourceVersion "" (most recent, consistent), "0" (any), or a revision
 * @param resourceVersionMatch "", "NotOlderThan" or "Exact"
 * @param limit page size for lists, 0 for no limit
 * @param continueToken an opaque token from a previous page
 * @param allowWatchBookmarks whether the watch may send BOOKMARK events
 * @param timeoutSeconds how long a watch lasts, or null for the server's default
 * @param sendInitialEvents for a watch: start with the current state (streaming list)
 */
public record ListOptions(
    LabelSelector labels,
    FieldSelector fields,
    String resourceVersion,
    String resourceVersionMatch,
    long limit,
    String continueToken,
    boolean allowWatchBookmarks,
    Integer timeoutSeconds,
    Boolean sendInitialEvents) {

  public static ListOptions everything() {
    return new ListOptions(LabelSelector.EVERYTHING, FieldSelector.EVERYTHING, "", "", 0, null, false, null, null);
  }

  /** Served from the cache as it is, without waiting for it to catch up (resourceVersion "0"). */
  public ListOptions withResourceVersion0() {
    return new ListOptions(labels, fields, "0", "", 0, null, false, null, null);
  }

  public ListOptions withLabels(LabelSelector selector) {
    return new ListOptions(selector, fields, resourceVersion, resourceVersionMatch, limit, continueToken, allowWatchBookmarks, timeoutSeconds, sendInitialEvents);
  }

  public ListOptions withFields(FieldSelector selector) {
    return new ListOptions(labels, selector, resourceVersion, resourceVersionMatch, limit, continueToken, allowWatchBookmarks, timeoutSeconds, sendInitialEvents);
  }
}
