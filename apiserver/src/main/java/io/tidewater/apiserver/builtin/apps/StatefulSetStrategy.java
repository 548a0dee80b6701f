package io.tidewater.apiserver.builtin.apps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.api.selection.LabelSelector;
import io.tidewater.api.validation.FieldError;
import io.tidewater.api.validation.NameRules;
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

/**
 * StatefulSets ({@code apps/v1}). As in Kubernetes, the pod template's spec is not validated in
 * depth here (its volume mounts may name volume claim templates), only its labels, restart policy
 * and deadline.
 */
public final class StatefulSetStrategy implements ResourceStrategy {

  /** The spec fields an update may change; any other change is forbidden. */
  static final List<String> MUTABLE_SPEC_FIELDS =
      List.of("replicas", "ordinals", "template", "updateStrategy", "persistentVolumeClaimRetentionPolicy", "minReadySeconds");

  static final String FORBIDDEN_UPDATE =
      "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy',"
          + " 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden";

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

  /** StatefulSet names become pod host names, so they are DNS labels. */
  @Override
  public List<String> validateName(String name) {
    return NameRules.dns1123Label(name);
  }

  /** {@code SetDefaults_StatefulSet}, the template's PodSpec and the claim templates. */
  @Override
  public void applyDefaults(ObjectNode obj) {
    ObjectNode spec = Trees.ensureObject(obj, "spec");
    Trees.defaultText(spec, "podManagementPolicy", "OrderedReady");
    ObjectNode strategy = Trees.ensureObject(spec, "updateStrategy");
    if (Trees.string(strategy, "type").isEmpty()) {
      strategy.put("type", "RollingUpdate");
      Trees.ensureObject(strategy, "rollingUpdate");
    }
    ObjectNode rolling = Trees.object(strategy, "rollingUpdate");
    if (Trees.string(strategy, "type").equals("RollingUpdate") && rolling != null) {
      Trees.defaultValue(rolling, "partition", 0);
    }
    ObjectNode retention = Trees.ensureObject(spec, "persistentVolumeClaimRetentionPolicy");
    Trees.defaultText(retention, "whenDeleted", "Retain");
    Trees.defaultText(retention, "whenScaled", "Retain");
    Trees.defaultValue(spec, "replicas", 1);
    Trees.defaultValue(spec, "revisionHistoryLimit", 10);
    PodSpecDefaults.apply(PodSpecDefaults.templateSpec(obj));
    for (ObjectNode claim : Trees.objects(spec, "volumeClaimTemplates")) {
      PodSpecDefaults.claimSpec(Trees.object(claim, "spec"));
      Trees.defaultText(Trees.ensureObject(claim, "status"), "phase", "Pending");
    }
  }

  /** Kubernetes stores a new StatefulSet's status with its two non-optional counters. */
  @Override
  public void prepareForCreate(ObjectNode obj) {
    ObjectNode status = obj.putObject("status");
    status.put("availableReplicas", 0);
    status.put("replicas", 0);
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
    ObjectNode now = obj.get("spec") instanceof ObjectNode s ? s.deepCopy() : Trees.objectNode();
    ObjectNode before = old.get("spec") instanceof ObjectNode s ? s.deepCopy() : Trees.objectNode();
    MUTABLE_SPEC_FIELDS.forEach(f -> {
      now.remove(f);
      before.remove(f);
    });
    if (!now.equals(before)) {
      errs.forbidden(FieldPath.of("spec"), FORBIDDEN_UPDATE);
    }
    return errs.list();
  }

  /** {@code ValidateStatefulSetSpec}. */
  static void validateSpec(JsonNode spec, FieldErrors errs) {
    FieldPath path = WorkloadValidation.SPEC;
    String policy = Trees.string(spec, "podManagementPolicy");
    if (policy.isEmpty()) {
      errs.required(path.child("podManagementPolicy"), "");
    } else if (!policy.equals("OrderedReady") && !policy.equals("Parallel")) {
      errs.invalid(path.child("podManagementPolicy"), policy, "must be 'OrderedReady' or 'Parallel'");
    }
    updateStrategy(Trees.object(spec, "updateStrategy"), path.child("updateStrategy"), errs);
    ObjectNode retention = Trees.object(spec, "persistentVolumeClaimRetentionPolicy");
    if (retention != null) {
      for (String f : List.of("whenDeleted", "whenScaled")) {
        String v = Trees.string(retention, f);
        if (!v.equals("Retain") && !v.equals("Delete")) {
          errs.notSupported(path.child("persistentVolumeClaimRetentionPolicy", f), v, List.of("Retain", "Delete"));
        }
      }
    }
    errs.nonNegative(path.child("replicas"), Trees.integer(spec, "replicas"));
    errs.nonNegative(path.child("minReadySeconds"), Trees.integer(spec, "minReadySeconds"));
    ObjectNode ordinals = Trees.object(spec, "ordinals");
    if (ordinals != null) {
      errs.nonNegative(path.child("ordinals.start"), Trees.integer(ordinals, "start"));
    }
    Optional<LabelSelector> selector = WorkloadValidation.selector(spec, "statefulset", "", errs);
    JsonNode template = Trees.object(spec, "template");
    WorkloadValidation.templateMatches(template, selector, errs);
    JsonNode meta = Trees.object(template, "metadata");
    Labels.validate(meta == null ? null : meta.get("labels"), path.child("template", "labels"), errs);
    WorkloadValidation.restartRules(template, "StatefulSet", errs);
  }

  private static void updateStrategy(ObjectNode strategy, FieldPath path, FieldErrors errs) {
    String type = Trees.string(strategy, "type");
    ObjectNode rolling = Trees.object(strategy, "rollingUpdate");
    switch (type) {
      case "" -> errs.required(path, "");
      case "OnDelete" -> {
        if (rolling != null) {
          errs.invalid(path.child("rollingUpdate"), rolling, "only allowed for updateStrategy 'RollingUpdate'");
        }
      }
      case "RollingUpdate" -> {
        if (rolling != null) {
          FieldPath rp = path.child("rollingUpdate");
          errs.nonNegative(rp.child("partition"), Trees.integer(rolling, "partition"));
          JsonNode maxUnavailable = rolling.get("maxUnavailable");
          if (maxUnavailable != null && !maxUnavailable.isNull()) {
            WorkloadValidation.intOrPercent(maxUnavailable, rp.child("maxUnavailable"), errs);
            if (WorkloadValidation.intOrPercentValue(maxUnavailable) == 0) {
              errs.invalid(rp.child("maxUnavailable"), maxUnavailable.isTextual() ? maxUnavailable.asText() : maxUnavailable.asLong(), "cannot be 0");
            }
            WorkloadValidation.notMoreThan100Percent(maxUnavailable, rp.child("maxUnavailable"), errs);
          }
        }
      }
      default -> errs.invalid(path, strategy, "must be 'RollingUpdate' or 'OnDelete'");
    }
  }

  @Override
  public List<PrinterColumn> printerColumns() {
    List<PrinterColumn> cols = new ArrayList<>();
    cols.add(PrinterColumn.of("Ready", "string", "Number of the pod with ready state", Cells::readyOfDesired));
    cols.add(Columns.age());
    cols.addAll(Cells.containerColumns("spec.template.spec"));
    return cols;
  }
}
