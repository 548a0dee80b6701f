package io.tidewater.api.kinds.openapi;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a record component the API requires. It lands in the OpenAPI {@code required} list and is checked
 * by {@link io.tidewater.api.kinds.RequiredFields} at admission, which reports a missing value (null, an
 * empty string or an empty list) as {@code Required value} with its field path. Jackson's own
 * {@code required} is not used, because it would turn a missing field into a decode failure instead of a
 * 422 naming the field.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Required {}
