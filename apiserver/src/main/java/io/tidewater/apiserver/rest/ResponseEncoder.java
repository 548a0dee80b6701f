package io.tidewater.apiserver.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.api.json.Json;
import io.tidewater.apiserver.errors.ApiException;
import io.tidewater.apiserver.http.HttpExchange;
import io.tidewater.apiserver.http.MediaTypes;
import io.tidewater.apiserver.registry.ResourceType;
import io.tidewater.apiserver.storage.CachedObject;
import io.tidewater.apiserver.storage.ListResult;
import io.tidewater.apiserver.table.TableConvertor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Writes objects, lists and Status errors in the format the client negotiated. */
public final class ResponseEncoder {
  private ResponseEncoder() {}

  public static void writeJson(HttpExchange ex, int status, JsonNode body) {
    ex.respond(status, MediaTypes.JSON, Json.bytes(body));
  }

  public static void writeError(HttpExchange ex, ApiException e) {
    if (e.retryAfterSeconds() != null) {
      ex.setHeader("Retry-After", Integer.toString(e.retryAfterSeconds()));
    }
    ex.respond(e.code(), MediaTypes.JSON, Json.bytes(e.toStatus()));
  }

  /** Writes one object; {@code json} is its pre-encoded form when available (cache hits). */
  public static void writeObject(HttpExchange ex, int status, ResourceType type, MediaTypes.Accept accept, ObjectNode obj, byte[] json) {
    switch (accept.rendering()) {
      case TABLE -> writeTree(
          ex, status, accept,
          TableConvertor.table(type, List.of(obj), TableConvertor.IncludeObject.parse(ex.query("includeObject")), accept.tableVersion(),
              obj.path("metadata").path("resourceVersion").asText(null), null, null, true));
      case PARTIAL_METADATA -> writeTree(ex, status, accept, TableConvertor.partialMetadata(obj, accept.tableVersion()));
      case OBJECT -> {
        if (accept.yaml()) {
          writeTree(ex, status, accept, obj);
        } else {
          ex.respond(status, MediaTypes.JSON, json != null ? json : Json.bytes(obj));
        }
      }
    }
  }

  public static void writeTree(HttpExchange ex, int status, MediaTypes.Accept accept, JsonNode tree) {
    if (accept.yaml()) {
      try {
        ex.respond(status, MediaTypes.YAML, Json.YAML.writeValueAsBytes(tree));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    } else {
      ex.respond(status, MediaTypes.JSON, Json.bytes(tree));
    }
  }

  public static void writeList(HttpExchange ex, ResourceType type, MediaTypes.Accept accept, ListResult list) {
    String rv = Long.toString(list.resourceVersion());
    switch (accept.rendering()) {
      case TABLE -> {
        List<ObjectNode> objs = new ArrayList<>(list.items().size());
        list.items().forEach(o -> objs.add(o.object()));
        writeTree(
            ex, 200, accept,
            TableConvertor.table(type, objs, TableConvertor.IncludeObject.parse(ex.query("includeObject")), accept.tableVersion(), rv,
                list.continueToken(), list.remainingItemCount(), true));
      }
      case PARTIAL_METADATA -> {
        ObjectNode out = Json.object();
        out.put("kind", "PartialObjectMetadataList");
        out.put("apiVersion", "meta.k8s.io/" + accept.tableVersion());
        out.set("metadata", listMeta(rv, list));
        var items = out.putArray("items");
        list.items().forEach(o -> items.add(TableConvertor.partialMetadata(o.object(), accept.tableVersion())));
        writeTree(ex, 200, accept, out);
      }
      case OBJECT -> {
        if (accept.yaml()) {
          ObjectNode out = Json.object();
          out.put("apiVersion", type.apiVersion());
          out.put("kind", type.listKind());
          out.set("metadata", listMeta(rv, list));
          var items = out.putArray("items");
          list.items().forEach(o -> items.add(o.object()));
          writeTree(ex, 200, accept, out);
        } else if (encodedSize(list.items()) > STREAMED_LIST_BYTES) {
          streamList(ex, type.apiVersion(), type.listKind(), listMeta(rv, list), list.items());
        } else {
          ex.respond(200, MediaTypes.JSON, encodeList(type.apiVersion(), type.listKind(), listMeta(rv, list), list.items()));
        }
      }
    }
  }

  private static ObjectNode listMeta(String rv, ListResult list) {
    ObjectNode m = Json.object();
    m.put("resourceVersion", rv);
    if (list.continueToken() != null) {
      m.put("continue", list.continueToken());
    }
    if (list.remainingItemCount() != null) {
      m.put("remainingItemCount", list.remainingItemCount());
    }
    return m;
  }

  /**
   * Lists larger than this are written in chunks as they are encoded: a list of 100k pods is
   * hundreds of MiB, and building it whole (and copying it once more) costs the heap that much
   * again per request.
   */
  static final long STREAMED_LIST_BYTES = 4L << 20;

  private static final int LIST_CHUNK_BYTES = 1 << 20;

  private static long encodedSize(List<CachedObject> items) {
    long size = 0;
    for (CachedObject o : items) {
      size += o.json().length + 1;
    }
    return size;
  }

  /** Writes the same bytes as {@link #encodeList}, about a MiB at a time. */
  static void streamList(HttpExchange ex, String apiVersion, String kind, ObjectNode meta, List<CachedObject> items) {
    ex.startStream(200, MediaTypes.JSON);
    ByteArrayOutputStream chunk = new ByteArrayOutputStream(LIST_CHUNK_BYTES + (64 << 10));
    chunk.writeBytes(("{\"kind\":\"" + kind + "\",\"apiVersion\":\"" + apiVersion + "\",\"metadata\":").getBytes(StandardCharsets.UTF_8));
    chunk.writeBytes(Json.bytes(meta));
    chunk.writeBytes(",\"items\":[".getBytes(StandardCharsets.UTF_8));
    boolean first = true;
    for (CachedObject o : items) {
      if (!first) {
        chunk.write(',');
      }
      first = false;
      chunk.writeBytes(o.json());
      if (chunk.size() >= LIST_CHUNK_BYTES) {
        if (!ex.write(chunk.toByteArray())) {
          return; // the client went away
        }
        chunk.reset();
      }
    }
    chunk.writeBytes("]}".getBytes(StandardCharsets.UTF_8));
    ex.write(chunk.toByteArray());
    ex.endStream();
  }

  /** Concatenates pre-encoded items: no per-item re-serialisation on the hot path. */
  public static byte[] encodeList(String apiVersion, String kind, ObjectNode meta, List<CachedObject> items) {
    long size = 128;
    for (CachedObject o : items) {
      size += o.json().length + 1;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(size, Integer.MAX_VALUE - 16));
    out.writeBytes(("{\"kind\":\"" + kind + "\",\"apiVersion\":\"" + apiVersion + "\",\"metadata\":").getBytes(StandardCharsets.UTF_8));
    out.writeBytes(Json.bytes(meta));
    out.writeBytes(",\"items\":[".getBytes(StandardCharsets.UTF_8));
    boolean first = true;
    for (CachedObject o : items) {
      if (!first) {
        out.write(',');
      }
      first = false;
      out.writeBytes(o.json());
    }
    out.writeBytes("]}".getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }
}
