package io.tidewater.apiserver.patch;

/**
 * A patch or apply request that cannot be carried out, with the Kubernetes {@code Status} it maps to.
 *
 * <p>{@link Status#BAD_REQUEST} means the patch itself is malformed (bad JSON, unknown operation,
 * wrong directive format); {@link Status#UNPROCESSABLE} means a well-formed patch cannot apply to
 * this object (missing path, failed {@code test}, missing merge key). The message is worded as
 * Kubernetes words it, so it can go into {@code Status.message} unchanged.
 */
public class PatchException extends RuntimeException {

  /** The HTTP status and {@code Status.reason} an error maps to. */
  public enum Status {
    BAD_REQUEST(400, "BadRequest"),
    CONFLICT(409, "Conflict"),
    REQUEST_ENTITY_TOO_LARGE(413, "RequestEntityTooLarge"),
    UNPROCESSABLE(422, "Invalid");

    private final int code;
    private final String reason;

    Status(int code, String reason) {
      this.code = code;
      this.reason = reason;
    }

    public int code() {
      return code;
    }

    public String reason() {
      return reason;
    }
  }

  private final Status status;

  public PatchException(Status status, String message) {
    super(message);
    this.status = status;
  }

  public static PatchException badRequest(String message) {
    return new PatchException(Status.BAD_REQUEST, message);
  }

  public static PatchException unprocessable(String message) {
    return new PatchException(Status.UNPROCESSABLE, message);
  }

  public Status status() {
    return status;
  }

  /** The HTTP status code: 400, 409, 413 or 422. */
  public int code() {
    return status.code();
  }
}
