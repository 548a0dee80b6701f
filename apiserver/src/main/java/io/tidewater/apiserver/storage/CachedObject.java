package io.tidewater.apiserver.storage;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.api.meta.ObjectMetas;
import java.util.Map;

/**
 * One object as the watch cache holds it: the decoded tree (with {@code resourceVersion} set) and
 * its JSON encoding, made once and shared by every reader and watcher. Both are read-only by
 * convention: callers that need to change the object take {@code object().deepCopy()}.
 */
public record CachedObject(
    String objectKey, String namespace, String name, long revision, Map<String, String> labels, ObjectNode object, byte[] json) {

  public static CachedObject of(String objectKey, long revision, ObjectNode object, byte[] json) {
    return new CachedObject(
        objectKey, ObjectMetas.namespace(object), ObjectMetas.name(object), revision, ObjectMetas.labels(object), object, json);
  }
}
