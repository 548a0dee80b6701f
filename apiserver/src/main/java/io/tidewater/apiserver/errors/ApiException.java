package io.tidewater.apiserver.errors;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.api.json.Json;
import io.tidewater.api.validation.FieldError;
import java.util.List;

/**
 * A failed request, carried to the HTTP layer and rendered as a Kubernetes {@code Status} with
 * the reason, code, details and causes clients switch on ({@code apierrors.IsNotFound} and friends).
 */
public final class ApiException extends RuntimeException {
  private final int code;
  private final String reason;
  private final String group;
  private final String kind;
  private final String name;
  private final List<StatusCause> causes;
  private final Integer retryAfterSeconds;

  public ApiException(
      int code, String reason, String message, String group, String kind, String name, List<StatusCause> causes, Integer retryAfterSeconds) {
    super(message, null, false, false);
    this.code = code;
    this.reason = reason;
    this.group = group;
    this.kind = kind;
    this.name = name;
    this.causes = causes == null ? List.of() : List.copyOf(causes);
    this.retryAfterSeconds = retryAfterSeconds;
  }

  private static ApiException simple(int code, String reason, String message) {
    return new ApiException(code, reason, message, null, null, null, null, null);
  }

  /** {@code resource} is the group-qualified resource ("deployments.apps"), as in Kubernetes' messages. */
  public static ApiException notFound(String group, String resource, String name) {
    return new ApiException(404, "NotFound", qualified(group, resource) + " \"" + name + "\" not found", group, resource, name, null, null);
  }

  public static ApiException alreadyExists(String group, String resource, String name) {
    return new ApiException(409, "AlreadyExists", qualified(group, resource) + " \"" + name + "\" already exists", group, resource, name, null, null);
  }

  public static ApiException conflict(String group, String resource, String name, String detail) {
    return new ApiException(
        409, "Conflict", "Operation cannot be fulfilled on " + qualified(group, resource) + " \"" + name + "\": " + detail, group, resource, name, null, null);
  }

  public static ApiException staleResourceVersion(String group, String resource, String name) {
    return conflict(group, resource, name, "the object has been modified; please apply your changes to the latest version and try again");
  }

  /** 422 Invalid, with one cause per field error. {@code kind} is the Kind ("Deployment"). */
  public static ApiException invalid(String group, String kind, String name, List<FieldError> errors) {
    String qualifiedKind = group == null || group.isEmpty() ? kind : kind + "." + group;
    StringBuilder msg = new StringBuilder(qualifiedKind).append(" \"").append(name).append("\" is invalid: ");
    if (errors.size() == 1) {
      msg.append(errors.get(0).message());
    } else {
      msg.append('[');
      for (int i = 0; i < errors.size(); i++) {
        if (i > 0) {
          msg.append(", ");
        }
        msg.append(errors.get(i).message());
      }
      msg.append(']');
    }
    List<StatusCause> causes =
        errors.stream()
            .map(e -> new StatusCause(e.type().reason(), e.message().substring(e.path().length() + 2), e.path()))
            .toList();
    return new ApiException(422, "Invalid", msg.toString(), group, kind, name, causes, null);
  }

  public static ApiException badRequest(String message) {
    return simple(400, "BadRequest", message);
  }

  public static ApiException unauthorized() {
    return simple(401, "Unauthorized", "Unauthorized");
  }

  public static ApiException forbidden(String group, String resource, String name, String message) {
    return new ApiException(403, "Forbidden", message, group, resource, name, null, null);
  }

  public static ApiException methodNotAllowed(String message) {
    return simple(405, "MethodNotAllowed", message);
  }

  public static ApiException notAcceptable(String message) {
    return simple(406, "NotAcceptable", message);
  }

  public static ApiException gone(String message) {
    return simple(410, "Expired", message);
  }

  public static ApiException tooLarge(String message) {
    return simple(413, "RequestEntityTooLarge", message);
  }

  public static ApiException unsupportedMediaType(String message) {
    return simple(415, "UnsupportedMediaType", message);
  }

  public static ApiException unprocessable(String message) {
    return simple(422, "Invalid", message);
  }

  public static ApiException tooManyRequests(int retryAfterSeconds) {
    return new ApiException(
        429, "TooManyRequests", "Too many requests, please try again later.", null, null, null, null, retryAfterSeconds);
  }

  public static ApiException internal(String message) {
    return simple(500, "InternalError", "Internal error occurred: " + message);
  }

  public static ApiException serviceUnavailable(String message) {
    return simple(503, "ServiceUnavailable", message);
  }

  public static ApiException timeout(String message, int retryAfterSeconds) {
    return new ApiException(504, "Timeout", message, null, null, null, null, retryAfterSeconds);
  }

  private static String qualified(String group, String resource) {
    return group == null || group.isEmpty() ? resource : resource + "." + group;
  }

  public int code() {
    return code;
  }

  public String reason() {
    return reason;
  }

  public List<StatusCause> causes() {
    return causes;
  }

  public Integer retryAfterSeconds() {
    return retryAfterSeconds;
  }

  /** A copy with extra causes (for example the conflicting fields of a server-side apply). */
  public ApiException withCauses(List<StatusCause> extra) {
    return new ApiException(code, reason, getMessage(), group, kind, name, extra, retryAfterSeconds);
  }

  /** The {@code Status} object clients decode. */
  public ObjectNode toStatus() {
    ObjectNode s = Json.object();
    s.put("kind", "Status");
    s.put("apiVersion", "v1");
    s.putObject("metadata");
    s.put("status", "Failure");
    s.put("message", getMessage());
    s.put("reason", reason);
    if (name != null || kind != null || !causes.isEmpty() || retryAfterSeconds != null) {
      ObjectNode details = s.putObject("details");
      if (name != null) {
        details.put("name", name);
      }
      if (group != null && !group.isEmpty()) {
        details.put("group", group);
      }
      if (kind != null) {
        details.put("kind", kind);
      }
      if (!causes.isEmpty()) {
        ArrayNode arr = details.putArray("causes");
        for (StatusCause c : causes) {
          ObjectNode cn = arr.addObject();
          if (c.reason() != null) {
            cn.put("reason", c.reason());
          }
          if (c.message() != null) {
            cn.put("message", c.message());
          }
          if (c.field() != null) {
            cn.put("field", c.field());
          }
        }
      }
      if (retryAfterSeconds != null) {
        details.put("retryAfterSeconds", retryAfterSeconds);
      }
    }
    s.put("code", code);
    return s;
  }
}
