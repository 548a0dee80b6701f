package io.tidewater.apiserver.builtin.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.api.meta.ObjectMetas;
import io.tidewater.api.validation.FieldError;
import io.tidewater.api.validation.NameRules;
import io.tidewater.apiserver.builtin.support.FieldErrors;
import io.tidewater.apiserver.builtin.support.FieldPath;
import io.tidewater.apiserver.builtin.support.Trees;
import io.tidewater.apiserver.registry.Columns;
import io.tidewater.apiserver.registry.PrinterColumn;
import io.tidewater.apiserver.registry.ResourceStrategy;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Events ({@code core/v1}), written by controllers and member clusters. Validation is Kubernetes'
 * {@code legacyValidateEvent} for core/v1, plus a required {@code involvedObject}.
 */
public final class EventStrategy implements ResourceStrategy {

  static final int REPORTING_INSTANCE_MAX = 128;
  static final int ACTION_MAX = 128;
  static final int REASON_MAX = 128;
  static final int NOTE_MAX = 1024;

  @Override
  public List<FieldError> validate(ObjectNode obj) {
    FieldErrors errs = new FieldErrors();
    JsonNode involved = Trees.object(obj, "involvedObject");
    if (involved == null) {
      errs.required(FieldPath.of("involvedObject"), "");
    }
    String ns = ObjectMetas.namespace(obj) == null ? "" : ObjectMetas.namespace(obj);
    String involvedNs = Trees.string(involved, "namespace");
    FieldPath involvedNsPath = FieldPath.of("involvedObject", "namespace");
    if (Trees.string(obj, "eventTime").isEmpty()) {
      if (involvedNs.isEmpty()) {
        if (!ns.isEmpty() && !ns.equals("default")) {
          errs.invalid(involvedNsPath, involvedNs, "does not match event.namespace");
        }
      } else if (!ns.equals(involvedNs)) {
        errs.invalid(involvedNsPath, involvedNs, "does not match event.namespace");
      }
    } else {
      if (involvedNs.isEmpty() && !ns.equals("default") && !ns.equals("kube-system")) {
        errs.invalid(involvedNsPath, involvedNs, "does not match event.namespace");
      }
      String controller = Trees.string(obj, "reportingComponent");
      if (controller.isEmpty()) {
        errs.required(FieldPath.of("reportingComponent"), "");
      }
      errs.invalidEach(FieldPath.of("reportingComponent"), controller, NameRules.qualifiedName(controller));
      requiredWithLimit(obj, "reportingInstance", REPORTING_INSTANCE_MAX, errs);
      requiredWithLimit(obj, "action", ACTION_MAX, errs);
      requiredWithLimit(obj, "reason", REASON_MAX, errs);
      if (Trees.string(obj, "message").length() > NOTE_MAX) {
        errs.invalid(FieldPath.of("message"), "", "can have at most " + NOTE_MAX + " characters");
      }
    }
    return errs.list();
  }

  private static void requiredWithLimit(ObjectNode obj, String field, int max, FieldErrors errs) {
    String v = Trees.string(obj, field);
    if (v.isEmpty()) {
      errs.required(FieldPath.of(field), "");
    }
    if (v.length() > max) {
      errs.invalid(FieldPath.of(field), "", "can have at most " + max + " characters");
    }
  }

  /**
   * kubectl's event columns. Kubernetes puts NAME last (wide) and LAST SEEN first; the table
   * convertor here always adds NAME first, so the trailing NAME column is left out.
   */
  @Override
  public List<PrinterColumn> printerColumns() {
    return List.of(
        PrinterColumn.of("Last Seen", "string", "The time at which the most recent occurrence of this event was recorded.", EventStrategy::lastSeen),
        PrinterColumn.of("Type", "string", "Type of this event (Normal, Warning), new types could be added in the future", obj -> Columns.text(obj, "type", "")),
        PrinterColumn.of(
            "Reason",
            "string",
            "This should be a short, machine understandable string that gives the reason for the transition into the object's current"
                + " status.",
            obj -> Columns.text(obj, "reason", "")),
        PrinterColumn.of("Object", "string", "The object that this event is about.", EventStrategy::target),
        PrinterColumn.wide(
            "Subobject",
            "string",
            "If referring to a piece of an object instead of an entire object, this string should contain a valid JSON/Go field access"
                + " statement, such as desiredState.manifest.containers[2].",
            obj -> Columns.text(obj, "involvedObject.fieldPath", "")),
        PrinterColumn.wide("Source", "string", "The component reporting this event. Should be a short machine understandable string.", EventStrategy::source),
        PrinterColumn.of("Message", "string", "A human-readable description of the status of this operation.", obj -> Columns.text(obj, "message", "").strip()),
        PrinterColumn.wide("First Seen", "string", "The time at which the event was first recorded. (Time of server receipt is in TypeMeta.)", EventStrategy::firstSeen),
        PrinterColumn.wide("Count", "string", "The number of times this event has occurred.", EventStrategy::count));
  }

  static String firstSeen(ObjectNode e) {
    String first = Trees.text(e, "firstTimestamp");
    return first != null ? Columns.ageOf(first) : Columns.ageOf(Trees.text(e, "eventTime"));
  }

  static String lastSeen(ObjectNode e) {
    JsonNode series = Trees.object(e, "series");
    if (series != null) {
      return Columns.ageOf(Trees.text(series, "lastObservedTime"));
    }
    String last = Trees.text(e, "lastTimestamp");
    return last != null ? Columns.ageOf(last) : firstSeen(e);
  }

  static long count(ObjectNode e) {
    JsonNode series = Trees.object(e, "series");
    if (series != null) {
      return Trees.longValue(series, "count");
    }
    long count = Trees.longValue(e, "count");
    return count == 0 ? 1 : count; // singleton events of the events/v1 API carry no count
  }

  static String target(ObjectNode e) {
    String kind = Columns.text(e, "involvedObject.kind", "").toLowerCase();
    String name = Columns.text(e, "involvedObject.name", "");
    return name.isEmpty() ? kind : kind + "/" + name;
  }

  /** {@code formatEventSource}: "component, host", falling back to the reporting controller and instance. */
  static String source(ObjectNode e) {
    String component = Columns.text(e, "source.component", "");
    if (component.isEmpty()) {
      component = Trees.string(e, "reportingComponent");
    }
    String host = Columns.text(e, "source.host", "");
    if (host.isEmpty()) {
      host = Trees.string(e, "reportingInstance");
    }
    return host.isEmpty() ? component : component + ", " + host;
  }

  @Override
  public Map<String, Function<ObjectNode, String>> selectableFields() {
    Map<String, Function<ObjectNode, String>> f = new LinkedHashMap<>();
    for (String field : List.of("kind", "namespace", "name", "uid", "apiVersion", "resourceVersion", "fieldPath")) {
      f.put("involvedObject." + field, o -> Columns.text(o, "involvedObject." + field, ""));
    }
    f.put("reason", o -> Trees.string(o, "reason"));
    f.put("reportingComponent", o -> Trees.string(o, "reportingComponent"));
    f.put("source", o -> {
      String component = Columns.text(o, "source.component", "");
      return component.isEmpty() ? Trees.string(o, "reportingComponent") : component;
    });
    f.put("type", o -> Trees.string(o, "type"));
    return f;
  }
}
