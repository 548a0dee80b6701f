package io.tidewater.store.embedded;

/**
 * Orders keys as etcd and SQLite do: by their UTF-8 bytes, which is Unicode code point order.
 *
 * <p>{@link String#compareTo} compares UTF-16 units instead, which differs only in putting
 * supplementary characters (surrogate pairs) before U+E000..U+FFFF. Rather than compare with a
 * slow char-by-char comparator on every lookup, the index stores each key under a {@link #sortKey}
 * whose plain {@code compareTo} order is code point order: for the usual keys (no char at or above
 * U+D800) it is the key itself, so lookups keep the JDK's fast intrinsic comparison.
 */
final class KeyOrder {
  private KeyOrder() {}

  /**
   * A string whose UTF-16 order among sort keys is the code point order of the originals. Maps
   * each char separately, so {@code a.startsWith(b)} iff {@code sortKey(a).startsWith(sortKey(b))}.
   */
  static String sortKey(String key) {
    int i = 0;
    int n = key.length();
    while (i < n && key.charAt(i) < Character.MIN_SURROGATE) {
      i++;
    }
    if (i == n) {
      return key;
    }
    char[] chars = key.toCharArray();
    for (; i < n; i++) {
      chars[i] = rank(chars[i]);
    }
    return new String(chars);
  }

  /** Compares two keys in code point order. */
  static int compare(String a, String b) {
    return sortKey(a).compareTo(sortKey(b));
  }

  /** Moves surrogates above U+E000..U+FFFF, where the code points they encode belong. */
  private static char rank(char c) {
    if (c < Character.MIN_SURROGATE) {
      return c;
    }
    return (char) (c <= Character.MAX_SURROGATE ? c + 0x2000 : c - 0x800);
  }
}
