package io.tidewater.store.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class KeyOrderTest {
  private static final char[] ALPHABET = {'a', 'z', '/', '\u00e4', '\ud7ff', '\ue000', '\uffff', '\ufffd'};

  @Test
  void sortKeysOrderLikeUtf8Bytes() {
    Random random = new Random(11);
    for (int i = 0; i < 20_000; i++) {
      String a = randomKey(random);
      String b = randomKey(random);
      int bytes = Integer.signum(Arrays.compareUnsigned(utf8(a), utf8(b)));
      assertThat(Integer.signum(KeyOrder.compare(a, b))).as("%s vs %s", escape(a), escape(b)).isEqualTo(bytes);
      assertThat(KeyOrder.sortKey(a).startsWith(KeyOrder.sortKey(b))).isEqualTo(a.startsWith(b));
    }
  }

  @Test
  void ordinaryKeysAreTheirOwnSortKeys() {
    String key = "/registry/pods/default/nginx-\u00e4";
    assertThat(KeyOrder.sortKey(key)).isSameAs(key);
  }

  /** Mixes plain chars, chars around the surrogate range, and well-formed surrogate pairs. */
  private static String randomKey(Random random) {
    StringBuilder sb = new StringBuilder();
    int length = random.nextInt(5);
    for (int i = 0; i < length; i++) {
      if (random.nextInt(4) == 0) {
        sb.appendCodePoint(0x10000 + random.nextInt(0x100000));
      } else {
        sb.append(ALPHABET[random.nextInt(ALPHABET.length)]);
      }
    }
    return sb.toString();
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String escape(String s) {
    StringBuilder sb = new StringBuilder();
    s.chars().forEach(c -> sb.append(String.format("\\u%04x", c)));
    return sb.toString();
  }
}
