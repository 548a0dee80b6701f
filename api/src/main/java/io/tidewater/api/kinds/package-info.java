/**
 * Tidewater's own kinds as the API server sees them.
 *
 * <p>{@link io.tidewater.api.kinds.TidewaterKinds#all()} lists one {@link io.tidewater.api.kinds.KindDescriptor}
 * per kind: discovery facts (group, version, kind, plural, singular, scope, short names, categories), printer
 * columns for Table output, whether the kind has status and scale subresources, and its admission strategy.
 * {@link io.tidewater.api.kinds.TidewaterSchemas#definitions()} gives the OpenAPI v3 component schemas, which
 * refer to the built-in Kubernetes definitions by their usual names.
 *
 * <p>How a request is admitted, per kind, with {@code d} the descriptor and everything on JSON:
 *
 * <ol>
 *   <li>create: {@code d.validateName(metadata.name)}; {@code obj = d.applyDefaultsJson(body)} (a
 *       {@link io.tidewater.api.kinds.DecodeException} carries 422-style field errors; {@code decodeStrict}
 *       also reports unknown fields for {@code fieldValidation=Strict}); {@code d.validateCreateJson(obj)};
 *   <li>update of the main resource: keep the stored status, then default and {@code d.validateUpdateJson(obj,
 *       old)}; bump {@code metadata.generation} when spec changed ({@code d.specChangesBumpGeneration()});
 *   <li>update of {@code /status}: keep the stored spec, then {@code d.validateStatusUpdateJson(obj, old)};
 *   <li>{@code /scale} (ShardedSet only): read and write the JSON paths of
 *       {@link io.tidewater.api.kinds.ScaleSubresource}, then validate as an update.
 * </ol>
 *
 * A non-empty error list is a 422 Invalid {@code Status} whose causes are the
 * {@link io.tidewater.api.validation.FieldError}s. Defaulting never mutates its argument and is idempotent.
 */
package io.tidewater.api.kinds;
