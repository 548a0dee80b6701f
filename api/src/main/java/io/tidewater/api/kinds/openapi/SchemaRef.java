package io.tidewater.api.kinds.openapi;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Publishes a component under a Kubernetes definition although its Java type is plainer. Timestamps are
 * Strings in the records (as in fabric8's model, so they round-trip exactly) but are
 * {@code io.k8s.apimachinery.pkg.apis.meta.v1.Time} in the schema.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface SchemaRef {
  String TIME = "io.k8s.apimachinery.pkg.apis.meta.v1.Time";

  /** The definition name, without {@code #/components/schemas/}. */
  String value();
}
