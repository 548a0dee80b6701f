/**
 * The patch engines of the API server: pure functions on Jackson trees and a schema, no HTTP.
 *
 * <ul>
 *   <li>{@link io.tidewater.apiserver.patch.JsonPatch} for {@code application/json-patch+json};
 *   <li>{@link io.tidewater.apiserver.patch.MergePatch} for {@code application/merge-patch+json};
 *   <li>{@link io.tidewater.apiserver.patch.StrategicMergePatch} for
 *       {@code application/strategic-merge-patch+json};
 *   <li>{@link io.tidewater.apiserver.patch.apply.FieldManager} for
 *       {@code application/apply-patch+yaml} and for recording managedFields of every other write;
 *   <li>{@link io.tidewater.apiserver.patch.UnknownFields} for {@code fieldValidation=Strict|Warn}.
 * </ul>
 *
 * <p>Types come from {@link io.tidewater.api.schema.SchemaCatalog#type}. Failures are
 * {@link io.tidewater.apiserver.patch.PatchException}s that carry their HTTP status (400, 409, 413
 * or 422) and a message worded as Kubernetes words it.
 */
package io.tidewater.apiserver.patch;
