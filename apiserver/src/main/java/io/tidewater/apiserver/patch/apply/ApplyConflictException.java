package io.tidewater.apiserver.patch.apply;

import io.tidewater.apiserver.patch.PatchException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An apply that would take fields from other managers without {@code force}: 409 Conflict, with one
 * {@link ApplyConflict} per field, worded as Kubernetes words it:
 *
 * <pre>
 * Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using apps/v1: .spec.replicas
 * </pre>
 */
public final class ApplyConflictException extends PatchException {

  private final List<ApplyConflict> conflicts;

  public ApplyConflictException(List<ApplyConflict> conflicts) {
    super(Status.CONFLICT, message(conflicts));
    this.conflicts = List.copyOf(conflicts);
  }

  public List<ApplyConflict> conflicts() {
    return conflicts;
  }

  private static String message(List<ApplyConflict> conflicts) {
    if (conflicts.size() == 1) {
      ApplyConflict only = conflicts.get(0);
      return "Apply failed with 1 conflict: " + only.message() + ": " + only.field();
    }
    Map<ManagerIdentity, List<String>> byManager = new LinkedHashMap<>();
    List<ApplyConflict> sorted = new ArrayList<>(conflicts);
    sorted.sort(Comparator.comparing(ApplyConflict::owner, ManagerIdentity.ORDER));
    sorted.forEach(c -> byManager.computeIfAbsent(c.owner(), m -> new ArrayList<>()).add(c.field()));
    List<String> lines = new ArrayList<>();
    byManager.forEach(
        (manager, paths) -> {
          lines.add("conflicts with " + manager.describe() + ":");
          paths.forEach(p -> lines.add("- " + p));
        });
    return "Apply failed with " + conflicts.size() + " conflicts: " + String.join("\n", lines);
  }
}
