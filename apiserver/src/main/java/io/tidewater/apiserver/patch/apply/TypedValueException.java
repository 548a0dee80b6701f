package io.tidewater.apiserver.patch.apply;

/** A value that does not fit its schema in a way structured-merge-diff refuses (missing list key, ...). */
final class TypedValueException extends RuntimeException {

  private final boolean undeclaredField;

  TypedValueException(FieldPath path, String message, boolean undeclaredField) {
    super((path.isRoot() ? "" : path + ": ") + message);
    this.undeclaredField = undeclaredField;
  }

  /** Whether the problem is a field the schema does not declare (a client error, 400). */
  boolean undeclaredField() {
    return undeclaredField;
  }
}
