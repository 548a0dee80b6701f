package io.tidewater.apiserver.builtin.autoscaling;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.api.validation.FieldError;
import io.tidewater.apiserver.builtin.support.FieldErrors;
import io.tidewater.apiserver.builtin.support.Trees;
import io.tidewater.apiserver.registry.Columns;
import io.tidewater.apiserver.registry.PrinterColumn;
import io.tidewater.apiserver.registry.ResourceStrategy;
import java.util.List;

/** HorizontalPodAutoscalers ({@code autoscaling/v2}). */
public final class HorizontalPodAutoscalerStrategy implements ResourceStrategy {

  @Override
  public boolean tracksGeneration() {
    return true;
  }

  @Override
  public boolean hasStatus() {
    return true;
  }

  @Override
  public void applyDefaults(ObjectNode obj) {
    HpaDefaults.apply(obj);
  }

  /** {@code status.desiredReplicas} is not optional, so a new HPA's status shows it as 0. */
  @Override
  public void prepareForCreate(ObjectNode obj) {
    obj.putObject("status").put("desiredReplicas", 0);
  }

  @Override
  public List<FieldError> validate(ObjectNode obj) {
    FieldErrors errs = new FieldErrors();
    HpaValidation.validate(Trees.object(obj, "spec"), errs);
    return errs.list();
  }

  @Override
  public List<PrinterColumn> printerColumns() {
    return List.of(
        PrinterColumn.of(
            "Reference",
            "string",
            "scaleTargetRef points to the target resource to scale, and is used to the pods for which metrics should be collected, as well"
                + " as to actually change the replica count.",
            obj -> Columns.text(obj, "spec.scaleTargetRef.kind", "") + "/" + Columns.text(obj, "spec.scaleTargetRef.name", "")),
        PrinterColumn.of(
            "Targets",
            "string",
            "metrics contains the specifications for which to use to calculate the desired replica count (the maximum replica count across"
                + " all metrics will be used).",
            HpaTargets::format),
        PrinterColumn.of(
            "MinPods",
            "string",
            "minReplicas is the lower limit for the number of replicas to which the autoscaler can scale down.",
            obj -> Trees.at(obj, "spec.minReplicas") == null ? "<unset>" : Long.toString(Columns.number(obj, "spec.minReplicas"))),
        PrinterColumn.of(
            "MaxPods",
            "string",
            "maxReplicas is the upper limit for the number of replicas to which the autoscaler can scale up.",
            obj -> Columns.number(obj, "spec.maxReplicas")),
        PrinterColumn.of(
            "Replicas",
            "string",
            "currentReplicas is current number of replicas of pods managed by this autoscaler, as last seen by the autoscaler.",
            obj -> Columns.number(obj, "status.currentReplicas")),
        Columns.age());
  }
}
