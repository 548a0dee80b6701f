package io.tidewater.apiserver.rest;

import io.tidewater.apiserver.errors.ApiException;

/** The {@code fieldValidation} query parameter: what to do with unknown or duplicate fields. */
public enum FieldValidation {
  IGNORE,
  WARN,
  STRICT;

  /** Kubernetes' default is Warn. */
  public static FieldValidation parse(String value) {
    if (value == null || value.isEmpty()) {
      return WARN;
    }
    return switch (value) {
      case "Ignore" -> IGNORE;
      case "Warn" -> WARN;
      case "Strict" -> STRICT;
      default -> throw ApiException.badRequest(
          "fieldValidation: Unsupported value: \"" + value + "\": supported values: \"Ignore\", \"Strict\", \"Warn\"");
    };
  }
}
