package io.tidewater.apiserver.auth;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Bearer-token authentication against a fixed set of tokens (the admin token written into the
 * kubeconfig by {@code tidewater up}). Compares in constant time.
 */
public final class TokenAuthenticator {
  private final Map<String, String> usersByToken;

  public TokenAuthenticator(Map<String, String> usersByToken) {
    this.usersByToken = Map.copyOf(usersByToken);
  }

  /** The user for an {@code Authorization} header value, or null if not authenticated. */
  public String authenticate(String authorizationHeader) {
    if (authorizationHeader == null || !authorizationHeader.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return null;
    }
    byte[] presented = authorizationHeader.substring(7).trim().getBytes(StandardCharsets.UTF_8);
    String user = null;
    for (Map.Entry<String, String> e : usersByToken.entrySet()) {
      if (MessageDigest.isEqual(presented, e.getKey().getBytes(StandardCharsets.UTF_8))) {
        user = e.getValue();
      }
    }
    return user;
  }
}
