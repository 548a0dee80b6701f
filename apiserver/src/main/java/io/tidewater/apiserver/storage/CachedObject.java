package io.tidewater.apiserver.storage;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.api.json.Json;
import io.tidewater.api.meta.ObjectMetas;
import java.lang.ref.SoftReference;
import java.lang.ref.WeakReference;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One object as the watch cache holds it: its JSON encoding (with {@code resourceVersion} set),
 * made once and shared by every reader and watcher, plus the few fields filters need. The decoded
 * tree is kept only softly: a cache of many objects costs about their encoded size.
 *
 * <p>The tree returned by {@link #object()} is shared and read-only by convention: callers that
 * need to change it take {@code object().deepCopy()}.
 */
public final class CachedObject {
  private final String objectKey;
  private final String namespace;
  private final String name;
  private final long revision;
  private final Map<String, String> labels;
  private final Map<String, String> fields;
  private final String controllerUid;
  private final byte[] json;
  private volatile SoftReference<ObjectNode> tree;
  /** The last watch event frame made of this object: shared by every watcher it fans out to. */
  private volatile WeakReference<WatchFrame> frame;

  private record WatchFrame(EventType type, byte[] bytes) {}

  private CachedObject(
      String objectKey, String namespace, String name, long revision, Map<String, String> labels, Map<String, String> fields, byte[] json,
      ObjectNode tree) {
    this.objectKey = objectKey;
    this.namespace = namespace;
    this.name = name;
    this.revision = revision;
    this.labels = labels;
    this.fields = fields;
    this.controllerUid = controllerUidOf(tree);
    this.json = json;
    this.tree = new SoftReference<>(tree);
  }

  /**
   * @param fields the values of the kind's selectable fields (for field selectors)
   */
  public static CachedObject of(String objectKey, long revision, ObjectNode object, byte[] json, Map<String, String> fields) {
    return new CachedObject(
        objectKey, ObjectMetas.namespace(object), ObjectMetas.name(object), revision, ObjectMetas.labels(object), Map.copyOf(fields), json,
        object);
  }

  public static CachedObject of(String objectKey, long revision, ObjectNode object, byte[] json) {
    return of(objectKey, revision, object, json, Map.of());
  }

  /**
   * The uid of the object's controller (its owner reference with {@code controller: true}), or
   * null. Read once per revision: controllers that find what they own by scanning a namespace (as
   * Kubernetes' controllers index pods by controller uid) would otherwise walk every object's
   * owner references on every pass.
   */
  public String controllerUid() {
    return controllerUid;
  }

  private static String controllerUidOf(ObjectNode object) {
    for (com.fasterxml.jackson.databind.JsonNode ref : object.path("metadata").path("ownerReferences")) {
      if (ref.path("controller").asBoolean(false)) {
        String uid = ref.path("uid").asText(null);
        return uid == null || uid.isEmpty() ? null : uid;
      }
    }
    return null;
  }

  public String objectKey() {
    return objectKey;
  }

  public String namespace() {
    return namespace;
  }

  public String name() {
    return name;
  }

  public long revision() {
    return revision;
  }

  public Map<String, String> labels() {
    return labels;
  }

  /** A selectable field's value, or null if the kind does not index it. */
  public String field(String field) {
    return fields.get(field);
  }

  public byte[] json() {
    return json;
  }

  /**
   * This object as one newline-terminated watch event, {@code {"type":"MODIFIED","object":{...}}}.
   * Made once per event and shared by all the watchers it goes to (weakly held: it costs no memory
   * once the fan-out is over).
   */
  public byte[] watchFrame(EventType type) {
    WeakReference<WatchFrame> ref = frame;
    WatchFrame f = ref == null ? null : ref.get();
    if (f != null && f.type() == type) {
      return f.bytes();
    }
    byte[] head = ("{\"type\":\"" + type.name() + "\",\"object\":").getBytes(StandardCharsets.UTF_8);
    byte[] bytes = new byte[head.length + json.length + 2];
    System.arraycopy(head, 0, bytes, 0, head.length);
    System.arraycopy(json, 0, bytes, head.length, json.length);
    bytes[bytes.length - 2] = '}';
    bytes[bytes.length - 1] = '\n';
    frame = new WeakReference<>(new WatchFrame(type, bytes));
    return bytes;
  }

  /** The decoded object; shared and read-only. */
  public ObjectNode object() {
    SoftReference<ObjectNode> ref = tree;
    ObjectNode o = ref == null ? null : ref.get();
    if (o == null) {
      o = Json.parseObject(json);
      tree = new SoftReference<>(o);
    }
    return o;
  }

  @Override
  public String toString() {
    return "CachedObject[" + objectKey + "@" + revision + "]";
  }
}
