package io.tidewater.apiserver.builtin.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
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
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Namespaces ({@code core/v1}). Deleting one only marks it Terminating; the namespace controller
 * empties it and removes the {@code kubernetes} finalizer from {@code spec.finalizers}.
 */
public final class NamespaceStrategy implements ResourceStrategy {

  /** The label every namespace carries with its own name, so selectors can pick namespaces by name. */
  public static final String NAME_LABEL = "kubernetes.io/metadata.name";

  /** The finalizer the namespace controller owns. */
  public static final String KUBERNETES_FINALIZER = "kubernetes";

  private static final Set<String> STANDARD_FINALIZERS = Set.of("kubernetes", "orphan", "foregroundDeletion");

  @Override
  public boolean hasStatus() {
    return true;
  }

  @Override
  public DeletionBehaviour deletionBehaviour() {
    return DeletionBehaviour.FINALIZED_BY_CONTROLLER;
  }

  /** A namespace stays until the namespace controller has emptied it and dropped spec.finalizers. */
  @Override
  public boolean blocksDeletion(ObjectNode obj) {
    return obj.path("spec").path("finalizers").size() > 0;
  }

  @Override
  public List<String> validateName(String name) {
    return NameRules.dns1123Label(name);
  }

  /** {@code SetDefaults_Namespace} and {@code SetDefaults_NamespaceStatus}. */
  @Override
  public void applyDefaults(ObjectNode obj) {
    String name = ObjectMetas.name(obj);
    if (name != null && !name.isEmpty()) {
      ObjectMetas.setLabel(obj, NAME_LABEL, name);
    }
    Trees.defaultText(Trees.ensureObject(obj, "status"), "phase", "Active");
  }

  /** A new namespace is Active and carries the {@code kubernetes} finalizer. */
  @Override
  public void prepareForCreate(ObjectNode obj) {
    obj.putObject("status").put("phase", "Active");
    ObjectNode spec = Trees.ensureObject(obj, "spec");
    ArrayNode finalizers = Trees.array(spec, "finalizers");
    if (finalizers == null) {
      finalizers = spec.putArray("finalizers");
    }
    for (JsonNode f : finalizers) {
      if (f.asText().equals(KUBERNETES_FINALIZER)) {
        return;
      }
    }
    finalizers.add(KUBERNETES_FINALIZER);
  }

  /** Once deletion has begun the namespace reports Terminating, whatever its status said. */
  @Override
  public void prepareForUpdate(ObjectNode obj, ObjectNode old) {
    if (ObjectMetas.isDeleting(obj)) {
      Trees.ensureObject(obj, "status").put("phase", "Terminating");
    }
  }

  @Override
  public List<FieldError> validate(ObjectNode obj) {
    FieldErrors errs = new FieldErrors();
    FieldPath path = FieldPath.of("spec", "finalizers");
    JsonNode finalizers = Trees.array(Trees.object(obj, "spec"), "finalizers");
    if (finalizers != null) {
      for (JsonNode f : finalizers) {
        String name = f.asText();
        errs.invalidEach(path, name, NameRules.qualifiedName(name));
        if (!name.contains("/") && !STANDARD_FINALIZERS.contains(name)) {
          errs.invalid(path, name, "name is neither a standard finalizer name nor is it fully qualified");
        }
      }
    }
    return errs.list();
  }

  @Override
  public List<PrinterColumn> printerColumns() {
    return List.of(
        PrinterColumn.of("Status", "string", "The status of the namespace", obj -> Columns.text(obj, "status.phase", "")), Columns.age());
  }

  @Override
  public Map<String, Function<ObjectNode, String>> selectableFields() {
    return Map.of("status.phase", obj -> Columns.text(obj, "status.phase", ""));
  }
}
