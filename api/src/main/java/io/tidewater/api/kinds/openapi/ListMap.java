package io.tidewater.api.kinds.openapi;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A list whose elements are identified by key fields ({@code x-kubernetes-list-type: map}), so server-side
 * apply and strategic merge patch merge elements by key instead of replacing the whole list. With one key,
 * the schema also carries {@code x-kubernetes-patch-strategy: merge} and the patch merge key.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface ListMap {
  /** The element fields that together identify an element; each must be required in the element. */
  String[] keys();
}
