package io.tidewater.store.embedded;

import java.util.Comparator;

/**
 * Orders keys as etcd and SQLite do: by their UTF-8 bytes, which is Unicode code point order.
 * {@link String#compareTo} compares UTF-16 units instead, which puts supplementary characters
 * (surrogate pairs) before U+E000..U+FFFF; this comparator fixes that case only, so ASCII keys cost
 * the same as a plain comparison.
 */
enum KeyOrder implements Comparator<String> {
  INSTANCE;

  @Override
  public int compare(String a, String b) {
    int n = Math.min(a.length(), b.length());
    for (int i = 0; i < n; i++) {
      char x = a.charAt(i);
      char y = b.charAt(i);
      if (x != y) {
        if (x >= Character.MIN_SURROGATE && y >= Character.MIN_SURROGATE) {
          return codePointRank(x) - codePointRank(y);
        }
        return x - y;
      }
    }
    return a.length() - b.length();
  }

  /** Moves surrogates above U+E000..U+FFFF, as the code points they encode are. */
  private static int codePointRank(char c) {
    return c <= Character.MAX_SURROGATE ? c + 0x2000 : c - 0x800;
  }
}
