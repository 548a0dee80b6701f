package io.tidewater.api.work;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.api.validation.FieldError;
import io.tidewater.api.validation.FieldPath;
import io.tidewater.api.validation.KubeRules;
import java.util.ArrayList;
import java.util.List;

/** Validation of a Work: every manifest must be a whole object the member can apply. */
public final class WorkValidation {
  private WorkValidation() {}

  public static List<FieldError> validate(Work w) {
    List<FieldError> errs = new ArrayList<>();
    if (w.spec() != null && w.spec().workload() != null && w.spec().workload().manifests() != null) {
      List<ObjectNode> manifests = w.spec().workload().manifests();
      FieldPath p = FieldPath.root("spec").child("workload").child("manifests");
      for (int i = 0; i < manifests.size(); i++) {
        ObjectNode m = manifests.get(i);
        FieldPath mp = p.index(i);
        if (m == null) {
          errs.add(FieldError.required(mp, ""));
          continue;
        }
        requireText(m.get("apiVersion"), mp.child("apiVersion"), errs);
        requireText(m.get("kind"), mp.child("kind"), errs);
        JsonNode meta = m.get("metadata");
        requireText(meta == null ? null : meta.get("name"), mp.child("metadata").child("name"), errs);
      }
    }
    errs.addAll(validateStatus(w));
    return errs;
  }

  public static List<FieldError> validateStatus(Work w) {
    List<FieldError> errs = new ArrayList<>();
    if (w.status() == null) {
      return errs;
    }
    FieldPath p = FieldPath.root("status");
    KubeRules.conditions(w.status().conditions(), p.child("conditions"), errs);
    List<ManifestStatus> ms = w.status().manifestStatuses();
    if (ms != null) {
      for (int i = 0; i < ms.size(); i++) {
        ResourceIdentifier id = ms.get(i).identifier();
        if (id != null) {
          KubeRules.atLeast(id.ordinal(), 0, p.child("manifestStatuses").index(i).child("identifier").child("ordinal"), errs);
        }
      }
    }
    return errs;
  }

  private static void requireText(JsonNode value, FieldPath p, List<FieldError> errs) {
    if (value == null || value.isNull() || (value.isTextual() && value.asText().isEmpty())) {
      errs.add(FieldError.required(p, ""));
    } else if (!value.isTextual()) {
      errs.add(FieldError.invalid(p, value.toString(), "must be a string"));
    }
  }
}
