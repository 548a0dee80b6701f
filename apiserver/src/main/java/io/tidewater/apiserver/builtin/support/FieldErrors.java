package io.tidewater.apiserver.builtin.support;

import io.tidewater.api.validation.FieldError;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Collects validation failures in Kubernetes' shapes, in the order they are found. */
public final class FieldErrors {
  private final List<FieldError> errors = new ArrayList<>();

  public FieldErrors required(FieldPath path, String detail) {
    errors.add(FieldError.required(path.path(), detail));
    return this;
  }

  public FieldErrors invalid(FieldPath path, Object badValue, String detail) {
    errors.add(FieldError.invalid(path.path(), badValue, detail));
    return this;
  }

  /** One Invalid per message, as Kubernetes reports each broken rule of a name separately. */
  public FieldErrors invalidEach(FieldPath path, Object badValue, Collection<String> details) {
    details.forEach(d -> invalid(path, badValue, d));
    return this;
  }

  public FieldErrors notSupported(FieldPath path, Object badValue, Collection<String> allowed) {
    errors.add(FieldError.notSupported(path.path(), badValue, allowed));
    return this;
  }

  public FieldErrors forbidden(FieldPath path, String detail) {
    errors.add(FieldError.forbidden(path.path(), detail));
    return this;
  }

  public FieldErrors duplicate(FieldPath path, Object badValue) {
    errors.add(FieldError.duplicate(path.path(), badValue));
    return this;
  }

  /**
   * Kubernetes' {@code field.NotFound}. FieldError has no NotFound type yet, so it is reported as
   * Invalid with detail "not found".
   */
  public FieldErrors notFound(FieldPath path, Object badValue) {
    errors.add(FieldError.invalid(path.path(), badValue, "not found"));
    return this;
  }

  public FieldErrors tooLong(FieldPath path, Object badValue, int max) {
    errors.add(FieldError.tooLong(path.path(), badValue, max));
    return this;
  }

  /** Kubernetes' {@code ValidateNonnegativeField}. */
  public FieldErrors nonNegative(FieldPath path, Long value) {
    if (value != null && value < 0) {
      invalid(path, value, "must be greater than or equal to 0");
    }
    return this;
  }

  public FieldErrors add(FieldError e) {
    errors.add(e);
    return this;
  }

  public FieldErrors addAll(Collection<FieldError> more) {
    errors.addAll(more);
    return this;
  }

  public boolean isEmpty() {
    return errors.isEmpty();
  }

  public List<FieldError> list() {
    return List.copyOf(errors);
  }
}
