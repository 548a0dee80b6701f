package io.tidewater.member.write;

import java.util.List;

/**
 * A server-side apply that the member refused because another field manager owns some of the
 * fields; apply again with force to take them over.
 *
 * @see ManifestWriter#apply
 */
public final class ApplyConflictException extends RuntimeException {
  /** One contested field: its path and the manager that owns it, as the member reported them. */
  public record Conflict(String field, String message) {}

  private final List<Conflict> conflicts;

  public ApplyConflictException(String message, List<Conflict> conflicts) {
    super(message);
    this.conflicts = List.copyOf(conflicts);
  }

  public List<Conflict> conflicts() {
    return conflicts;
  }
}
