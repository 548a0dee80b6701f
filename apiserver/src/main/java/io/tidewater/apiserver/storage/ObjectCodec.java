package io.tidewater.apiserver.storage;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.api.json.Json;
import io.tidewater.api.meta.ObjectMetas;

/**
 * Encodes objects for the store and decodes them back. As in Kubernetes, the stored bytes carry no
 * {@code resourceVersion}: it is the key's modification revision, set on every read.
 */
public final class ObjectCodec {
  private ObjectCodec() {}

  public static byte[] encodeForStore(ObjectNode obj) {
    ObjectNode m = (ObjectNode) obj.get("metadata");
    if (m == null || !m.has("resourceVersion")) {
      return Json.bytes(obj);
    }
    // Avoid copying the whole object: remove, encode, restore.
    var rv = m.remove("resourceVersion");
    try {
      return Json.bytes(obj);
    } finally {
      m.set("resourceVersion", rv);
    }
  }

  public static ObjectNode decode(byte[] stored, long revision) {
    ObjectNode obj = Json.parseObject(stored);
    ObjectMetas.setResourceVersion(obj, Long.toString(revision));
    return obj;
  }

  /** Decodes and wraps for the cache: the encoding with the resourceVersion, and indexed fields. */
  public static CachedObject cached(String objectKey, byte[] stored, long revision, FieldIndexer fields) {
    ObjectNode obj = decode(stored, revision);
    return CachedObject.of(objectKey, revision, obj, Json.bytes(obj), fields.index(obj));
  }

  /** The last state of a deleted object, stamped with the deletion's revision. */
  public static CachedObject deleted(CachedObject last, long revision, FieldIndexer fields) {
    ObjectNode obj = last.object().deepCopy();
    ObjectMetas.setResourceVersion(obj, Long.toString(revision));
    return CachedObject.of(last.objectKey(), revision, obj, Json.bytes(obj), fields.index(obj));
  }
}
