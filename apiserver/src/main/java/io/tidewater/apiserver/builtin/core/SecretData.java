package io.tidewater.apiserver.builtin.core;

import java.util.Base64;

/** Base64 as Kubernetes' JSON decoder reads {@code []byte} fields: standard alphabet, padded. */
final class SecretData {
  private SecretData() {}

  /** The decoded length, or the text length when it is not valid base64 (validation reports that). */
  static long decodedLength(String base64) {
    try {
      return Base64.getDecoder().decode(base64).length;
    } catch (IllegalArgumentException e) {
      return base64.length();
    }
  }

  /**
   * Why {@code text} is not valid base64, in Go's words ("illegal base64 data at input byte 4"), or
   * null if it is.
   */
  static String problem(String text) {
    try {
      Base64.getDecoder().decode(text);
      return null;
    } catch (IllegalArgumentException e) {
      int padding = text.indexOf('=');
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        boolean alphabet = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/';
        if (!alphabet && c != '=') {
          return "illegal base64 data at input byte " + i;
        }
        if (c != '=' && padding >= 0 && i > padding) {
          return "illegal base64 data at input byte " + padding;
        }
      }
      return "illegal base64 data at input byte " + (text.length() - text.length() % 4);
    }
  }
}
