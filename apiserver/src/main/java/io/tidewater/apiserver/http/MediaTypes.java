package io.tidewater.apiserver.http;

import io.tidewater.apiserver.errors.ApiException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Content negotiation: what a client accepts and what a request body is. */
public final class MediaTypes {
  private MediaTypes() {}

  public static final String JSON = "application/json";
  public static final String YAML = "application/yaml";
  public static final String JSON_PATCH = "application/json-patch+json";
  public static final String MERGE_PATCH = "application/merge-patch+json";
  public static final String STRATEGIC_MERGE_PATCH = "application/strategic-merge-patch+json";
  public static final String APPLY_PATCH = "application/apply-patch+yaml";
  public static final String PROTOBUF = "application/vnd.kubernetes.protobuf";

  /** How to render a response. */
  public enum Rendering {
    OBJECT,
    TABLE,
    PARTIAL_METADATA
  }

  /** The chosen response format. {@code tableVersion} is "v1" or "v1beta1" for tables. */
  public record Accept(String mediaType, Rendering rendering, String tableVersion) {
    public boolean yaml() {
      return mediaType.equals(YAML);
    }
  }

  /** A parsed media range: type and parameters. */
  public record MediaRange(String type, Map<String, String> params) {}

  public static MediaRange parse(String value) {
    String[] parts = value.split(";");
    Map<String, String> params = new LinkedHashMap<>();
    for (int i = 1; i < parts.length; i++) {
      String p = parts[i].trim();
      int eq = p.indexOf('=');
      if (eq > 0) {
        params.put(p.substring(0, eq).trim().toLowerCase(Locale.ROOT), p.substring(eq + 1).trim().replace("\"", ""));
      }
    }
    return new MediaRange(parts[0].trim().toLowerCase(Locale.ROOT), params);
  }

  /**
   * Picks the first acceptable media range, as Kubernetes' negotiation does.
   *
   * @throws ApiException 406 when nothing the client accepts can be produced
   */
  public static Accept negotiate(String acceptHeader) {
    if (acceptHeader == null || acceptHeader.isBlank()) {
      return new Accept(JSON, Rendering.OBJECT, null);
    }
    for (String range : acceptHeader.split(",")) {
      MediaRange mr = parse(range);
      String t = mr.type();
      boolean json = t.equals(JSON) || t.equals("*/*") || t.equals("application/*");
      boolean yaml = t.equals(YAML);
      if (!json && !yaml) {
        continue;
      }
      String as = mr.params().get("as");
      String mt = yaml ? YAML : JSON;
      if (as == null) {
        return new Accept(mt, Rendering.OBJECT, null);
      }
      String g = mr.params().getOrDefault("g", "");
      String v = mr.params().getOrDefault("v", "");
      if (!g.equals("meta.k8s.io") || !(v.equals("v1") || v.equals("v1beta1"))) {
        continue;
      }
      if (as.equals("Table")) {
        return new Accept(mt, Rendering.TABLE, v);
      }
      if (as.equals("PartialObjectMetadata") || as.equals("PartialObjectMetadataList")) {
        return new Accept(mt, Rendering.PARTIAL_METADATA, v);
      }
    }
    throw ApiException.notAcceptable(
        "only the following media types are accepted: application/json, application/yaml, application/vnd.kubernetes.protobuf");
  }

  /** The content type of a request body, without parameters, lower case. */
  public static String contentType(String header) {
    return header == null ? "" : parse(header).type();
  }
}
