package io.tidewater.apiserver.builtin.apps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.api.selection.LabelSelector;
import io.tidewater.api.validation.FieldError;
import io.tidewater.apiserver.builtin.pods.PodSpecDefaults;
import io.tidewater.apiserver.builtin.support.Cells;
import io.tidewater.apiserver.builtin.support.FieldErrors;
import io.tidewater.apiserver.builtin.support.Labels;
import io.tidewater.apiserver.builtin.support.Trees;
import io.tidewater.apiserver.registry.Columns;
import io.tidewater.apiserver.registry.PrinterColumn;
import io.tidewater.apiserver.registry.ResourceStrategy;
import io.tidewater.apiserver.registry.ScaleMapping;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** ReplicaSets ({@code apps/v1}), owned by Deployments in member clusters. */
public final class ReplicaSetStrategy implements ResourceStrategy {

  @Override
  public boolean tracksGeneration() {
    return true;
  }

  @Override
  public boolean hasStatus() {
    return true;
  }

  @Override
  public Optional<ScaleMapping> scale() {
    return Optional.of(DeploymentStrategy.SCALE);
  }

  @Override
  public void applyDefaults(ObjectNode obj) {
    Trees.defaultValue(Trees.ensureObject(obj, "spec"), "replicas", 1);
    PodSpecDefaults.apply(PodSpecDefaults.templateSpec(obj));
  }

  /** {@code status.replicas} is not optional, so a new ReplicaSet's status shows it as 0. */
  @Override
  public void prepareForCreate(ObjectNode obj) {
    obj.putObject("status").put("replicas", 0);
  }

  @Override
  public List<FieldError> validate(ObjectNode obj) {
    FieldErrors errs = new FieldErrors();
    validateSpec(obj.get("spec"), errs);
    return errs.list();
  }

  @Override
  public List<FieldError> validateUpdate(ObjectNode obj, ObjectNode old) {
    FieldErrors errs = new FieldErrors();
    validateSpec(obj.get("spec"), errs);
    WorkloadValidation.selectorImmutable(obj.get("spec"), old.get("spec"), errs);
    return errs.list();
  }

  /** {@code ValidateReplicaSetSpec}. */
  static void validateSpec(JsonNode spec, FieldErrors errs) {
    errs.nonNegative(WorkloadValidation.SPEC.child("replicas"), Trees.integer(spec, "replicas"));
    errs.nonNegative(WorkloadValidation.SPEC.child("minReadySeconds"), Trees.integer(spec, "minReadySeconds"));
    Optional<LabelSelector> selector = WorkloadValidation.selector(spec, "deployment", "invalid label selector", errs);
    WorkloadValidation.replicaSetTemplate(spec, selector, errs);
  }

  @Override
  public List<PrinterColumn> printerColumns() {
    List<PrinterColumn> cols = new ArrayList<>();
    cols.add(
        PrinterColumn.of(
            "Desired",
            "integer",
            "Replicas is the number of desired pods. This is a pointer to distinguish between explicit zero and unspecified. Defaults to 1.",
            Cells.count("spec.replicas")));
    cols.add(
        PrinterColumn.of(
            "Current",
            "integer",
            "Replicas is the most recently observed number of non-terminating pods.",
            Cells.count("status.replicas")));
    cols.add(
        PrinterColumn.of(
            "Ready",
            "integer",
            "The number of non-terminating pods targeted by this ReplicaSet with a Ready Condition.",
            Cells.count("status.readyReplicas")));
    cols.add(Columns.age());
    cols.addAll(Cells.containerColumns("spec.template.spec"));
    cols.add(
        PrinterColumn.wide(
            "Selector",
            "string",
            "Selector is a label query over pods that should match the replica count. Label keys and values that must match in order to be"
                + " controlled by this replica set. It must match the pod template's labels.",
            obj -> Labels.formatSelector(Trees.at(obj, "spec.selector"))));
    return cols;
  }

  @Override
  public Map<String, Function<ObjectNode, String>> selectableFields() {
    return Map.of("status.replicas", obj -> Long.toString(Columns.number(obj, "status.replicas")));
  }
}
