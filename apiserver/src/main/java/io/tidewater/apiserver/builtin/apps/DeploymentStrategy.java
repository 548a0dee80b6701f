package io.tidewater.apiserver.builtin.apps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.api.selection.LabelSelector;
import io.tidewater.api.validation.FieldError;
import io.tidewater.apiserver.builtin.pods.PodSpecDefaults;
import io.tidewater.apiserver.builtin.support.Cells;
import io.tidewater.apiserver.builtin.support.FieldErrors;
import io.tidewater.apiserver.builtin.support.FieldPath;
import io.tidewater.apiserver.builtin.support.Labels;
import io.tidewater.apiserver.builtin.support.Trees;
import io.tidewater.apiserver.registry.Columns;
import io.tidewater.apiserver.registry.PrinterColumn;
import io.tidewater.apiserver.registry.ResourceStrategy;
import io.tidewater.apiserver.registry.ScaleMapping;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Deployments ({@code apps/v1}): a federation template, and a member-cluster workload. */
public final class DeploymentStrategy implements ResourceStrategy {

  static final ScaleMapping SCALE = new ScaleMapping("spec.replicas", "status.replicas", "spec.selector");

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
    return Optional.of(SCALE);
  }

  /** {@code SetDefaults_Deployment} and the template's PodSpec defaults. */
  @Override
  public void applyDefaults(ObjectNode obj) {
    ObjectNode spec = Trees.ensureObject(obj, "spec");
    Trees.defaultValue(spec, "replicas", 1);
    ObjectNode strategy = Trees.ensureObject(spec, "strategy");
    Trees.defaultText(strategy, "type", "RollingUpdate");
    if (Trees.string(strategy, "type").equals("RollingUpdate")) {
      ObjectNode rolling = Trees.ensureObject(strategy, "rollingUpdate");
      Trees.defaultPointerText(rolling, "maxUnavailable", "25%");
      Trees.defaultPointerText(rolling, "maxSurge", "25%");
    }
    Trees.defaultValue(spec, "revisionHistoryLimit", 10);
    Trees.defaultValue(spec, "progressDeadlineSeconds", 600);
    PodSpecDefaults.apply(PodSpecDefaults.templateSpec(obj));
  }

  /** A new Deployment's status is empty, as Kubernetes stores it ({@code status: {}}). */
  @Override
  public void prepareForCreate(ObjectNode obj) {
    obj.putObject("status");
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
    // Writes through the main resource keep the stored status, so this checks status writes.
    validateStatus(obj.get("status"), errs);
    return errs.list();
  }

  /** {@code ValidateDeploymentStatus}. */
  static void validateStatus(JsonNode status, FieldErrors errs) {
    if (status == null || !status.isObject()) {
      return;
    }
    FieldPath path = FieldPath.of("status");
    for (String counter : List.of("observedGeneration", "replicas", "updatedReplicas", "readyReplicas", "availableReplicas",
        "unavailableReplicas", "collisionCount")) {
      errs.nonNegative(path.child(counter), Trees.integer(status, counter));
    }
    long replicas = Trees.longValue(status, "replicas");
    for (String counter : List.of("updatedReplicas", "readyReplicas", "availableReplicas")) {
      long value = Trees.longValue(status, counter);
      if (value > replicas) {
        errs.invalid(path.child(counter), value, "cannot be greater than status.replicas");
      }
    }
    long available = Trees.longValue(status, "availableReplicas");
    if (available > Trees.longValue(status, "readyReplicas")) {
      errs.invalid(path.child("availableReplicas"), available, "cannot be greater than readyReplicas");
    }
  }

  /** {@code ValidateDeploymentSpec}. */
  static void validateSpec(JsonNode spec, FieldErrors errs) {
    FieldPath path = WorkloadValidation.SPEC;
    errs.nonNegative(path.child("replicas"), Trees.integer(spec, "replicas"));
    Optional<LabelSelector> selector = WorkloadValidation.selector(spec, "deployment", "invalid label selector", errs);
    WorkloadValidation.replicaSetTemplate(spec, selector, errs);
    strategy(Trees.object(spec, "strategy"), path.child("strategy"), errs);
    long minReady = Trees.longValue(spec, "minReadySeconds");
    errs.nonNegative(path.child("minReadySeconds"), minReady);
    errs.nonNegative(path.child("revisionHistoryLimit"), Trees.integer(spec, "revisionHistoryLimit"));
    Long deadline = Trees.integer(spec, "progressDeadlineSeconds");
    if (deadline != null) {
      errs.nonNegative(path.child("progressDeadlineSeconds"), deadline);
      if (deadline <= minReady) {
        errs.invalid(path.child("progressDeadlineSeconds"), deadline, "must be greater than minReadySeconds");
      }
    }
  }

  /** {@code ValidateDeploymentStrategy} and {@code ValidateRollingUpdateDeployment}. */
  static void strategy(ObjectNode strategy, FieldPath path, FieldErrors errs) {
    String type = Trees.string(strategy, "type");
    ObjectNode rolling = Trees.object(strategy, "rollingUpdate");
    switch (type) {
      case "Recreate" -> {
        if (rolling != null) {
          errs.forbidden(path.child("rollingUpdate"), "may not be specified when strategy `type` is 'Recreate'");
        }
      }
      case "RollingUpdate" -> {
        if (rolling == null) {
          errs.required(path.child("rollingUpdate"), "this should be defaulted and never be nil");
          return;
        }
        FieldPath rp = path.child("rollingUpdate");
        JsonNode maxUnavailable = rolling.get("maxUnavailable");
        JsonNode maxSurge = rolling.get("maxSurge");
        WorkloadValidation.intOrPercent(maxUnavailable, rp.child("maxUnavailable"), errs);
        WorkloadValidation.intOrPercent(maxSurge, rp.child("maxSurge"), errs);
        if (WorkloadValidation.intOrPercentValue(maxUnavailable) == 0 && WorkloadValidation.intOrPercentValue(maxSurge) == 0) {
          errs.invalid(rp.child("maxUnavailable"), intOrString(maxUnavailable), "may not be 0 when `maxSurge` is 0");
        }
        WorkloadValidation.notMoreThan100Percent(maxUnavailable, rp.child("maxUnavailable"), errs);
      }
      default -> errs.notSupported(path, strategy == null ? Trees.objectNode() : strategy, List.of("Recreate", "RollingUpdate"));
    }
  }

  private static Object intOrString(JsonNode v) {
    if (v == null || v.isNull()) {
      return 0;
    }
    return v.isIntegralNumber() ? (Object) v.asLong() : v.asText();
  }

  @Override
  public List<PrinterColumn> printerColumns() {
    List<PrinterColumn> cols = new ArrayList<>();
    cols.add(PrinterColumn.of("Ready", "string", "Number of the pod with ready state", Cells::readyOfDesired));
    cols.add(
        PrinterColumn.of(
            "Up-to-date",
            "string",
            "Total number of non-terminating pods targeted by this deployment that have the desired template spec.",
            Cells.count("status.updatedReplicas")));
    cols.add(
        PrinterColumn.of(
            "Available",
            "string",
            "Total number of available non-terminating pods (ready for at least minReadySeconds) targeted by this deployment.",
            Cells.count("status.availableReplicas")));
    cols.add(Columns.age());
    cols.addAll(Cells.containerColumns("spec.template.spec"));
    cols.add(
        PrinterColumn.wide(
            "Selector",
            "string",
            "Label selector for pods. Existing ReplicaSets whose pods are selected by this will be the ones affected by this deployment."
                + " It must match the pod template's labels.",
            obj -> Labels.selectorString(Trees.at(obj, "spec.selector"))));
    return cols;
  }
}
