package io.tidewater.apiserver.builtin.apps;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.api.meta.ObjectMetas;
import io.tidewater.api.validation.FieldError;
import io.tidewater.apiserver.builtin.support.FieldErrors;
import io.tidewater.apiserver.builtin.support.FieldPath;
import io.tidewater.apiserver.builtin.support.Trees;
import io.tidewater.apiserver.registry.Columns;
import io.tidewater.apiserver.registry.PrinterColumn;
import io.tidewater.apiserver.registry.ResourceStrategy;
import java.util.List;
import java.util.Objects;

/** ControllerRevisions ({@code apps/v1}): the immutable template history of StatefulSets. */
public final class ControllerRevisionStrategy implements ResourceStrategy {

  @Override
  public List<FieldError> validate(ObjectNode obj) {
    FieldErrors errs = new FieldErrors();
    if (!Trees.has(obj, "data")) {
      errs.required(FieldPath.of("data"), "data is mandatory");
    }
    errs.nonNegative(FieldPath.of("revision"), Trees.integer(obj, "revision"));
    return errs.list();
  }

  @Override
  public List<FieldError> validateUpdate(ObjectNode obj, ObjectNode old) {
    FieldErrors errs = new FieldErrors().addAll(validate(obj));
    if (!Objects.equals(obj.get("data"), old.get("data"))) {
      errs.invalid(FieldPath.of("data"), obj.get("data"), "field is immutable");
    }
    return errs.list();
  }

  @Override
  public List<PrinterColumn> printerColumns() {
    return List.of(
        PrinterColumn.of("Controller", "string", "Controller of the object", ControllerRevisionStrategy::controller),
        PrinterColumn.of("Revision", "string", "Revision indicates the revision of the state represented by Data.", obj -> Columns.number(obj, "revision")),
        Columns.age());
  }

  /** The controlling owner as "kind.group/name" in lower case ("statefulset.apps/web"), or "<none>". */
  static String controller(ObjectNode obj) {
    for (ObjectNode ref : ObjectMetas.ownerReferences(obj)) {
      if (Trees.bool(ref, "controller")) {
        String apiVersion = Trees.string(ref, "apiVersion");
        int slash = apiVersion.indexOf('/');
        String group = slash < 0 ? "" : apiVersion.substring(0, slash);
        String kind = Trees.string(ref, "kind");
        String groupKind = kind.isEmpty() && group.isEmpty() ? "" : group.isEmpty() ? kind : kind + "." + group;
        String name = Trees.string(ref, "name");
        return groupKind.isEmpty() ? name : groupKind.toLowerCase() + "/" + name;
      }
    }
    return "<none>";
  }
}
