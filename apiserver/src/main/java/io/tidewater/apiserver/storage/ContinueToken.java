package io.tidewater.apiserver.storage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.api.json.Json;
import io.tidewater.apiserver.errors.ApiException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The opaque {@code continue} token of a paginated list, in Kubernetes' own format: base64url of
 * {@code {"v":"meta.k8s.io/v1","rv":N,"start":"<next key>"}}. It pins every page to one revision.
 */
public record ContinueToken(long revision, String startKey) {

  public String encode() {
    ObjectNode o = Json.object();
    o.put("v", "meta.k8s.io/v1");
    o.put("rv", revision);
    o.put("start", startKey);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(Json.bytes(o));
  }

  public static ContinueToken decode(String token) {
    try {
      JsonNode o = Json.parse(Base64.getUrlDecoder().decode(token.getBytes(StandardCharsets.US_ASCII)));
      if (!"meta.k8s.io/v1".equals(o.path("v").asText()) || !o.path("rv").canConvertToLong() || !o.path("start").isTextual()) {
        throw new IllegalArgumentException("unsupported format");
      }
      long rv = o.get("rv").asLong();
      if (rv <= 0) {
        throw new IllegalArgumentException("incorrect encoded start resourceVersion (version meta.k8s.io/v1)");
      }
      String start = o.get("start").asText();
      if (start.contains("..") || start.startsWith("/")) {
        throw new IllegalArgumentException("continue key is not valid: key must not be absolute or contain '..'");
      }
      return new ContinueToken(rv, start);
    } catch (RuntimeException e) {
      throw ApiException.badRequest("continue key is not valid: " + e.getMessage());
    }
  }
}
