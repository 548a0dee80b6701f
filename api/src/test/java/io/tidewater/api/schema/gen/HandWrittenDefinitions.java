package io.tidewater.api.schema.gen;

import static io.tidewater.api.schema.gen.DefinitionNames.FIELDS_V1;
import static io.tidewater.api.schema.gen.DefinitionNames.INT_OR_STRING;
import static io.tidewater.api.schema.gen.DefinitionNames.META;
import static io.tidewater.api.schema.gen.DefinitionNames.MICRO_TIME;
import static io.tidewater.api.schema.gen.DefinitionNames.QUANTITY;
import static io.tidewater.api.schema.gen.DefinitionNames.RAW_EXTENSION;
import static io.tidewater.api.schema.gen.DefinitionNames.TIME;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.TreeMap;

/**
 * Definitions client-java has no model class for: the apimachinery value types it maps to Java types
 * (Quantity, IntOrString, Time, ...), and meta/v1 Table, which client-java 27 does not ship.
 */
final class HandWrittenDefinitions {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private HandWrittenDefinitions() {}

  static Map<String, ObjectNode> all() {
    Map<String, ObjectNode> defs = new TreeMap<>();
    defs.put(
        QUANTITY,
        scalar(
            "string",
            null,
            "Quantity is a fixed-point representation of a number: a decimal number with an optional"
                + " SI (m, k, M, G, T, P, E) or binary (Ki, Mi, Gi, Ti, Pi, Ei) suffix, or a decimal exponent"
                + " (e or E). Examples: 100m, 1.5, 2Gi, 1e3. It is serialized as a string, and integers and"
                + " floats are accepted on input."));
    ObjectNode intOrString =
        scalar(
            "string",
            "int-or-string",
            "IntOrString is a value that holds either an int32 or a string, for example a port number"
                + " or a port name, or an absolute count or a percentage.");
    intOrString.put("x-kubernetes-int-or-string", true);
    defs.put(INT_OR_STRING, intOrString);
    defs.put(
        TIME,
        scalar(
            "string",
            "date-time",
            "Time is a timestamp serialized in RFC 3339 form with second precision, for example"
                + " 2024-05-01T12:00:00Z."));
    defs.put(
        MICRO_TIME,
        scalar(
            "string",
            "date-time",
            "MicroTime is a timestamp serialized in RFC 3339 form with microsecond precision, for example"
                + " 2024-05-01T12:00:00.000000Z."));
    defs.put(
        RAW_EXTENSION,
        object(
            "RawExtension holds an embedded object of any kind, usually with its own apiVersion and"
                + " kind. Its content is not described by this schema."));
    defs.put(
        FIELDS_V1,
        object(
            "FieldsV1 is the set of fields a manager owns, as a JSON trie: each key is a path element"
                + " (f:<field>, k:<list-map key as JSON>, v:<set value as JSON>, i:<index>), and the key \".\""
                + " marks that the element itself is owned."));
    defs.put(
        META + "Patch",
        object("Patch gives a name and a type to the body of a Kubernetes PATCH request."));
    defs.putAll(table());
    return defs;
  }

  /** meta/v1 Table and its parts, the shape of {@code Accept: application/json;as=Table;g=meta.k8s.io;v=v1}. */
  private static Map<String, ObjectNode> table() {
    Map<String, ObjectNode> defs = new TreeMap<>();
    ObjectNode table = object("Table is a tabular representation of a set of API resources, for display.");
    ObjectNode props = table.putObject("properties");
    props.set("apiVersion", describedString("APIVersion is the versioned schema of this object: meta.k8s.io/v1."));
    props.set("kind", describedString("Kind is the REST kind of this object: Table."));
    props.set("metadata", ref(META + "ListMeta", "Standard list metadata.", true));
    props.set(
        "columnDefinitions",
        array(
            ref(META + "TableColumnDefinition", null, true),
            "ColumnDefinitions describes each column of the rows, in order."));
    props.set(
        "rows", array(ref(META + "TableRow", null, true), "Rows is the list of items in the table."));
    table.putArray("required").add("columnDefinitions").add("rows");
    ObjectNode gvk = table.putArray("x-kubernetes-group-version-kind").addObject();
    gvk.put("group", "meta.k8s.io").put("kind", "Table").put("version", "v1");
    defs.put(META + "Table", table);

    ObjectNode column = object("TableColumnDefinition describes one column of a Table.");
    ObjectNode columnProps = column.putObject("properties");
    columnProps.set("name", defaultedString("Name is a human-readable header for the column."));
    columnProps.set(
        "type",
        defaultedString(
            "Type is an OpenAPI type for the column's values: number, integer, string, boolean or date."));
    columnProps.set(
        "format",
        defaultedString("Format is an optional OpenAPI format modifier, for example name for a resource name."));
    columnProps.set("description", defaultedString("Description says what the column holds."));
    ObjectNode priority = JSON.objectNode();
    priority
        .put(
            "description",
            "Priority orders the columns by importance: 0 is always shown, higher numbers only in wide"
                + " output.")
        .put("type", "integer")
        .put("format", "int32")
        .put("default", 0);
    columnProps.set("priority", priority);
    column.putArray("required").add("name").add("type").add("format").add("description").add("priority");
    defs.put(META + "TableColumnDefinition", column);

    ObjectNode row = object("TableRow is one row of a Table.");
    ObjectNode rowProps = row.putObject("properties");
    ObjectNode cell = JSON.objectNode();
    cell.put("type", "object");
    rowProps.set(
        "cells",
        array(cell, "Cells holds one value per column definition: a string, number, boolean, object or null."));
    rowProps.set(
        "conditions",
        array(
            ref(META + "TableRowCondition", null, true),
            "Conditions describe extra states of the row, such as Completed for finished pods."));
    rowProps.set(
        "object",
        ref(
            RAW_EXTENSION,
            "Object is the resource the row describes, as PartialObjectMetadata, the full object, or absent,"
                + " as the includeObject parameter asks.",
            false));
    row.putArray("required").add("cells");
    defs.put(META + "TableRow", row);

    ObjectNode condition = object("TableRowCondition is one state of a row.");
    ObjectNode conditionProps = condition.putObject("properties");
    conditionProps.set("type", defaultedString("Type of the condition, for example Completed."));
    conditionProps.set("status", defaultedString("Status of the condition: True, False or Unknown."));
    conditionProps.set("reason", describedString("Reason is a machine-readable cause of the last transition."));
    conditionProps.set("message", describedString("Message is a human-readable explanation of the last transition."));
    condition.putArray("required").add("type").add("status");
    defs.put(META + "TableRowCondition", condition);
    return defs;
  }

  private static ObjectNode scalar(String type, String format, String description) {
    ObjectNode node = JSON.objectNode();
    node.put("description", description);
    if (format != null) {
      node.put("format", format);
    }
    node.put("type", type);
    return node;
  }

  private static ObjectNode object(String description) {
    ObjectNode node = JSON.objectNode();
    node.put("description", description);
    node.put("type", "object");
    return node;
  }

  private static ObjectNode describedString(String description) {
    ObjectNode node = JSON.objectNode();
    node.put("description", description).put("type", "string");
    return node;
  }

  private static ObjectNode defaultedString(String description) {
    return describedString(description).put("default", "");
  }

  private static ObjectNode array(ObjectNode items, String description) {
    ObjectNode node = JSON.objectNode();
    node.put("description", description);
    node.set("items", items);
    node.put("type", "array");
    return node;
  }

  private static ObjectNode ref(String definition, String description, boolean defaultEmpty) {
    ObjectNode node = JSON.objectNode();
    node.putArray("allOf").addObject().put("$ref", "#/components/schemas/" + definition);
    if (defaultEmpty) {
      node.putObject("default");
    }
    if (description != null) {
      node.put("description", description);
    }
    return node;
  }
}
