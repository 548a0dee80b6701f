package io.tidewater.api.schema.gen;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The Kubernetes list, map and patch markers of one field ({@code +listType}, {@code +listMapKey},
 * {@code +patchStrategy}, {@code +patchMergeKey}, {@code +mapType}), written into its schema as
 * Kubernetes' OpenAPI generator writes them.
 *
 * @param listType {@code atomic}, {@code set}, {@code map}, or null when Kubernetes declares none
 * @param listMapKeys the {@code +listMapKey}s of a map list, in declared order
 * @param patchStrategy {@code merge}, {@code retainKeys}, {@code merge,retainKeys}, or null
 * @param patchMergeKey the {@code +patchMergeKey}, or null
 * @param mapType {@code atomic} or {@code granular} for maps that declare one, or null
 */
record FieldSemantics(
    String listType, List<String> listMapKeys, String patchStrategy, String patchMergeKey, String mapType) {

  /** A list Kubernetes leaves unmarked (atomic by default, and written without extensions). */
  static FieldSemantics unmarked() {
    return new FieldSemantics(null, List.of(), null, null, null);
  }

  static FieldSemantics atomic() {
    return new FieldSemantics("atomic", List.of(), null, null, null);
  }

  static FieldSemantics set() {
    return new FieldSemantics("set", List.of(), null, null, null);
  }

  static FieldSemantics map(String... keys) {
    return new FieldSemantics("map", List.of(keys), null, null, null);
  }

  /** The common case: a map list whose merge key is its first list-map key. */
  static FieldSemantics mergedMap(String... keys) {
    return new FieldSemantics("map", List.of(keys), "merge", keys[0], null);
  }

  static FieldSemantics mapType(String mapType) {
    return new FieldSemantics(null, List.of(), null, null, mapType);
  }

  static FieldSemantics patchStrategy(String strategy) {
    return new FieldSemantics(null, List.of(), strategy, null, null);
  }

  FieldSemantics withPatch(String strategy, String mergeKey) {
    return new FieldSemantics(listType, listMapKeys, strategy, mergeKey, mapType);
  }

  /** Writes the extensions into a property schema. */
  void writeTo(ObjectNode property) {
    if (listType != null) {
      property.put("x-kubernetes-list-type", listType);
    }
    if (!listMapKeys.isEmpty()) {
      listMapKeys.forEach(property.putArray("x-kubernetes-list-map-keys")::add);
    }
    if (patchStrategy != null) {
      property.put("x-kubernetes-patch-strategy", patchStrategy);
    }
    if (patchMergeKey != null) {
      property.put("x-kubernetes-patch-merge-key", patchMergeKey);
    }
    if (mapType != null) {
      property.put("x-kubernetes-map-type", mapType);
    }
  }
}
