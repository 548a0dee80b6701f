package io.tidewater.apiserver.storage;

import java.util.List;

/**
 * One page of a list.
 *
 * @param continueToken set when more items remain
 * @param remainingItemCount how many items remain after this page, when known
 */
public record ListResult(List<CachedObject> items, long resourceVersion, String continueToken, Long remainingItemCount) {}
