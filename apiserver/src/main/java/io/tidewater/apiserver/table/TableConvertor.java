package io.tidewater.apiserver.table;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.api.json.Json;
import io.tidewater.apiserver.registry.PrinterColumn;
import io.tidewater.apiserver.registry.ResourceType;
import java.util.List;

/**
 * Renders objects as {@code meta.k8s.io} Tables ({@code kubectl get}) and as
 * PartialObjectMetadata (metadata-only informers). Cells are computed at render time, so AGE is
 * always current.
 */
public final class TableConvertor {
  private static final String NAME_DESCRIPTION =
      "Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to"
          + " request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and"
          + " configuration definition. Cannot be updated.";

  private TableConvertor() {}

  /** How much of each object a row carries ({@code ?includeObject=}). */
  public enum IncludeObject {
    NONE,
    METADATA,
    OBJECT;

    public static IncludeObject parse(String v) {
      if (v == null || v.isEmpty() || v.equals("Metadata")) {
        return METADATA;
      }
      return switch (v) {
        case "None" -> NONE;
        case "Object" -> OBJECT;
        default -> throw io.tidewater.apiserver.errors.ApiException.badRequest(
            "includeObject: Unsupported value: \"" + v + "\": supported values: \"None\", \"Metadata\", \"Object\"");
      };
    }
  }

  /**
   * A Table of {@code objects}.
   *
   * @param withColumns false for watch events after the first, which reuse the first's columns
   */
  public static ObjectNode table(
      ResourceType type, List<ObjectNode> objects, IncludeObject include, String version, String resourceVersion, String continueToken,
      Long remaining, boolean withColumns) {
    ObjectNode t = Json.object();
    t.put("kind", "Table");
    t.put("apiVersion", "meta.k8s.io/" + (version == null ? "v1" : version));
    ObjectNode meta = t.putObject("metadata");
    if (resourceVersion != null) {
      meta.put("resourceVersion", resourceVersion);
    }
    if (continueToken != null) {
      meta.put("continue", continueToken);
    }
    if (remaining != null) {
      meta.put("remainingItemCount", remaining);
    }
    List<PrinterColumn> columns = type.strategy().printerColumns();
    if (withColumns) {
      ArrayNode defs = t.putArray("columnDefinitions");
      ObjectNode name = defs.addObject();
      name.put("name", "Name");
      name.put("type", "string");
      name.put("format", "name");
      name.put("description", NAME_DESCRIPTION);
      name.put("priority", 0);
      for (PrinterColumn c : columns) {
        ObjectNode d = defs.addObject();
        d.put("name", c.name());
        d.put("type", c.type());
        d.put("format", c.format());
        d.put("description", c.description());
        d.put("priority", c.priority());
      }
    } else {
      t.putArray("columnDefinitions");
    }
    ArrayNode rows = t.putArray("rows");
    for (ObjectNode obj : objects) {
      ObjectNode row = rows.addObject();
      ArrayNode cells = row.putArray("cells");
      cells.add(obj.path("metadata").path("name").asText(""));
      for (PrinterColumn c : columns) {
        Object v;
        try {
          v = c.cell().apply(obj);
        } catch (RuntimeException e) {
          v = "<error>";
        }
        switch (v) {
          case null -> cells.add("<none>");
          case Integer i -> cells.add(i);
          case Long l -> cells.add(l);
          case Number n -> cells.add(n.doubleValue());
          case Boolean b -> cells.add(b);
          default -> cells.add(v.toString());
        }
      }
      switch (include) {
        case OBJECT -> row.set("object", obj);
        case METADATA -> row.set("object", partialMetadata(obj, version));
        case NONE -> {}
      }
    }
    return t;
  }

  public static ObjectNode partialMetadata(ObjectNode obj, String version) {
    ObjectNode p = Json.object();
    p.put("kind", "PartialObjectMetadata");
    p.put("apiVersion", "meta.k8s.io/" + (version == null ? "v1" : version));
    p.set("metadata", obj.path("metadata").deepCopy());
    return p;
  }
}
