package io.tidewater.store;

/**
 * A range over the keys beginning with {@code prefix}.
 *
 * @param prefix every returned key starts with it
 * @param startKey the first key to return (inclusive), or null for the start of the prefix; used
 *     to continue a paginated range
 * @param limit the maximum number of keys to return, or 0 for all
 * @param revision the revision to read at, or 0 for the latest
 */
public record RangeRequest(String prefix, String startKey, int limit, long revision) {
  public static RangeRequest all(String prefix) {
    return new RangeRequest(prefix, null, 0, 0);
  }
}
