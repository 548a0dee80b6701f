package io.tidewater.api.schema.gen;

import com.google.gson.annotations.SerializedName;
import io.swagger.annotations.ApiModelProperty;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One property of a client-java model class, read by reflection: the JSON name from the field's
 * {@code @SerializedName}, the generic Java type, and the description from the getter's
 * {@code @ApiModelProperty}.
 */
record ModelProperty(String jsonName, Type javaType, String description) {

  /** The properties of a model class, in declaration order. */
  static List<ModelProperty> of(Class<?> model) {
    List<ModelProperty> properties = new ArrayList<>();
    for (Field field : model.getDeclaredFields()) {
      SerializedName name = field.getAnnotation(SerializedName.class);
      if (Modifier.isStatic(field.getModifiers()) || name == null) {
        continue;
      }
      properties.add(new ModelProperty(name.value(), field.getGenericType(), description(model, field)));
    }
    return properties;
  }

  /** The JSON names client-java lists as required ({@code openapiRequiredFields}). */
  static Set<String> required(Class<?> model) {
    try {
      Field field = model.getDeclaredField("openapiRequiredFields");
      field.setAccessible(true);
      Collection<?> names = (Collection<?>) field.get(null);
      Set<String> required = new LinkedHashSet<>();
      names.forEach(n -> required.add(n.toString()));
      return required;
    } catch (NoSuchFieldException e) {
      return Set.of();
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("cannot read required fields of " + model.getName(), e);
    }
  }

  /** The model's own description ({@code @ApiModel}). */
  static String modelDescription(Class<?> model) {
    io.swagger.annotations.ApiModel annotation = model.getAnnotation(io.swagger.annotations.ApiModel.class);
    return annotation == null ? "" : annotation.description();
  }

  private static String description(Class<?> model, Field field) {
    // Fields that clash with Java keywords carry a leading underscore (_object, _default).
    String javaName = field.getName().startsWith("_") ? field.getName().substring(1) : field.getName();
    String capitalised = Character.toUpperCase(javaName.charAt(0)) + javaName.substring(1);
    for (String prefix : new String[] {"get", "is"}) {
      try {
        Method getter = model.getMethod(prefix + capitalised);
        ApiModelProperty property = getter.getAnnotation(ApiModelProperty.class);
        return property == null ? "" : property.value();
      } catch (NoSuchMethodException e) {
        // try the next prefix
      }
    }
    throw new IllegalStateException("no getter for " + model.getName() + "." + field.getName());
  }
}
