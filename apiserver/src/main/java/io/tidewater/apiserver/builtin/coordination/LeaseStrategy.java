package io.tidewater.apiserver.builtin.coordination;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.api.validation.FieldError;
import io.tidewater.apiserver.builtin.support.FieldErrors;
import io.tidewater.apiserver.builtin.support.FieldPath;
import io.tidewater.apiserver.builtin.support.Trees;
import io.tidewater.apiserver.registry.Columns;
import io.tidewater.apiserver.registry.PrinterColumn;
import io.tidewater.apiserver.registry.ResourceStrategy;
import java.util.List;

/** Leases ({@code coordination.k8s.io/v1}), used for leader election. */
public final class LeaseStrategy implements ResourceStrategy {

  /** {@code ValidateLeaseSpec}. */
  @Override
  public List<FieldError> validate(ObjectNode obj) {
    FieldErrors errs = new FieldErrors();
    JsonNode spec = Trees.object(obj, "spec");
    FieldPath path = FieldPath.of("spec");
    Long duration = Trees.integer(spec, "leaseDurationSeconds");
    if (duration != null && duration <= 0) {
      errs.invalid(path.child("leaseDurationSeconds"), duration, "must be greater than 0");
    }
    Long transitions = Trees.integer(spec, "leaseTransitions");
    if (transitions != null && transitions < 0) {
      errs.invalid(path.child("leaseTransitions"), transitions, "must be greater than or equal to 0");
    }
    return errs.list();
  }

  @Override
  public List<PrinterColumn> printerColumns() {
    return List.of(
        PrinterColumn.of(
            "Holder",
            "string",
            "holderIdentity contains the identity of the holder of a current lease.",
            obj -> Columns.text(obj, "spec.holderIdentity", "")),
        Columns.age());
  }
}
