package io.tidewater.apiserver.errors;

/** One cause in a {@code Status}'s details, as Kubernetes reports field errors and conflicts. */
public record StatusCause(String reason, String message, String field) {}
