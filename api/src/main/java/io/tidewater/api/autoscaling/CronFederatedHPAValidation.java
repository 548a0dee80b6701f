package io.tidewater.api.autoscaling;

import io.fabric8.kubernetes.api.model.autoscaling.v2.CrossVersionObjectReference;
import io.tidewater.api.validation.FieldError;
import io.tidewater.api.validation.FieldPath;
import io.tidewater.api.validation.KubeRules;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Validation of a CronFederatedHPA: schedules, time zones, and actions that fit the target. */
public final class CronFederatedHPAValidation {
  private CronFederatedHPAValidation() {}

  public static final int MAX_RULE_NAME_LENGTH = 32;

  public static List<FieldError> validate(CronFederatedHPA c) {
    List<FieldError> errs = new ArrayList<>();
    CronFederatedHPASpec s = c.spec();
    if (s == null) {
      return errs;
    }
    FieldPath p = FieldPath.root("spec");
    FederatedHPAValidation.scaleTargetRef(s.scaleTargetRef(), p.child("scaleTargetRef"), errs);
    boolean targetsFhpa = targetsFederatedHPA(s.scaleTargetRef());
    if (s.rules() == null) {
      return errs;
    }
    Set<String> names = new HashSet<>();
    for (int i = 0; i < s.rules().size(); i++) {
      rule(s.rules().get(i), targetsFhpa, names, p.child("rules").index(i), errs);
    }
    return errs;
  }

  public static List<FieldError> validateStatus(CronFederatedHPA c) {
    List<FieldError> errs = new ArrayList<>();
    if (c.status() != null && c.status().executionHistories() != null) {
      Set<String> seen = new HashSet<>();
      List<ExecutionHistory> hs = c.status().executionHistories();
      for (int i = 0; i < hs.size(); i++) {
        if (hs.get(i).ruleName() != null && !seen.add(hs.get(i).ruleName())) {
          errs.add(FieldError.duplicate(FieldPath.root("status").child("executionHistories").index(i).child("ruleName"), hs.get(i).ruleName()));
        }
      }
    }
    return errs;
  }

  /** A FederatedHPA of our group (or with no group given) is scaled by min/max, anything else by replicas. */
  static boolean targetsFederatedHPA(CrossVersionObjectReference ref) {
    if (ref == null || !FederatedHPA.KIND.equals(ref.getKind())) {
      return false;
    }
    String av = ref.getApiVersion();
    return av == null || av.isEmpty() || av.startsWith(FederatedHPA.GROUP + "/");
  }

  private static void rule(CronFederatedHPARule r, boolean targetsFhpa, Set<String> names, FieldPath p, List<FieldError> errs) {
    if (r.name() != null && !r.name().isEmpty()) {
      if (r.name().length() > MAX_RULE_NAME_LENGTH) {
        errs.add(FieldError.tooLong(p.child("name").value(), r.name(), MAX_RULE_NAME_LENGTH));
      }
      if (!names.add(r.name())) {
        errs.add(FieldError.duplicate(p.child("name"), r.name()));
      }
    }
    if (r.schedule() != null && !r.schedule().isEmpty()) {
      String problem = CronSchedule.problem(r.schedule());
      if (problem != null) {
        errs.add(FieldError.invalid(p.child("schedule"), r.schedule(), "invalid cron schedule: " + problem));
      }
    }
    if (r.timeZone() != null) {
      try {
        ZoneId.of(r.timeZone());
      } catch (DateTimeException e) {
        errs.add(FieldError.invalid(p.child("timeZone"), r.timeZone(), "unknown time zone: " + e.getMessage()));
      }
    }
    KubeRules.between(r.successfulHistoryLimit(), 1, 32, p.child("successfulHistoryLimit"), errs);
    KubeRules.between(r.failedHistoryLimit(), 0, 32, p.child("failedHistoryLimit"), errs);
    if (targetsFhpa) {
      if (r.targetReplicas() != null) {
        errs.add(FieldError.forbidden(p.child("targetReplicas"),
            "may not be specified when `scaleTargetRef` is a FederatedHPA; use targetMinReplicas and targetMaxReplicas"));
      }
      if (r.targetMinReplicas() == null && r.targetMaxReplicas() == null) {
        errs.add(FieldError.required(p, "must specify targetMinReplicas or targetMaxReplicas when `scaleTargetRef` is a FederatedHPA"));
      }
      KubeRules.atLeast(r.targetMinReplicas(), 1, p.child("targetMinReplicas"), errs);
      KubeRules.atLeast(r.targetMaxReplicas(), 1, p.child("targetMaxReplicas"), errs);
      if (r.targetMinReplicas() != null && r.targetMaxReplicas() != null && r.targetMinReplicas() > r.targetMaxReplicas()) {
        errs.add(FieldError.invalid(p.child("targetMaxReplicas"), r.targetMaxReplicas(), "must be greater than or equal to `targetMinReplicas`"));
      }
    } else {
      if (r.targetReplicas() == null) {
        errs.add(FieldError.required(p.child("targetReplicas"), "must be specified when `scaleTargetRef` is not a FederatedHPA"));
      }
      KubeRules.atLeast(r.targetReplicas(), 0, p.child("targetReplicas"), errs);
      if (r.targetMinReplicas() != null) {
        errs.add(FieldError.forbidden(p.child("targetMinReplicas"), "may only be specified when `scaleTargetRef` is a FederatedHPA"));
      }
      if (r.targetMaxReplicas() != null) {
        errs.add(FieldError.forbidden(p.child("targetMaxReplicas"), "may only be specified when `scaleTargetRef` is a FederatedHPA"));
      }
    }
  }
}
