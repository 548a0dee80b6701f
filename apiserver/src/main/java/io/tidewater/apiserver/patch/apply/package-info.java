/**
 * Server-side apply and {@code metadata.managedFields}: field sets with structured-merge-diff's
 * semantics ({@link io.tidewater.apiserver.patch.apply.FieldSet}), their {@code fieldsV1} encoding,
 * and the {@link io.tidewater.apiserver.patch.apply.FieldManager} the API server calls on every
 * write.
 */
package io.tidewater.apiserver.patch.apply;
