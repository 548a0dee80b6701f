package io.tidewater.store;

import java.util.List;

/**
 * The result of a range.
 *
 * @param kvs the key-values, in key order
 * @param more whether keys remain after the last one returned
 * @param remaining how many keys remain after the last one returned
 * @param revision the revision the range was read at
 */
public record RangeResult(List<KeyValue> kvs, boolean more, long remaining, long revision) {}
