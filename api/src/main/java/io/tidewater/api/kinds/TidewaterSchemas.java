package io.tidewater.api.kinds;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.api.kinds.openapi.OpenApiGenerator;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * OpenAPI v3 component schemas of Tidewater's kinds and their lists, generated from the records, keyed by
 * definition name ({@code io.tidewater.cluster.v1alpha1.Cluster}). They {@code $ref} built-in Kubernetes
 * definitions ({@code #/components/schemas/io.k8s.api.core.v1.PodTemplateSpec}, ...), which the API
 * server's schema catalog provides; serve both together.
 */
public final class TidewaterSchemas {
  private TidewaterSchemas() {}

  private static volatile Map<String, ObjectNode> cache;

  /** Every definition; each call returns fresh copies the caller may change. */
  public static Map<String, ObjectNode> definitions() {
    Map<String, ObjectNode> out = new LinkedHashMap<>();
    generated().forEach((k, v) -> out.put(k, v.deepCopy()));
    return out;
  }

  /** The definitions of one group-version, for {@code /openapi/v3/apis/<group>/<version>}. */
  public static Map<String, ObjectNode> definitions(String group, String version) {
    Map<String, ObjectNode> out = new LinkedHashMap<>();
    for (KindDescriptor<?> d : TidewaterKinds.all()) {
      if (d.group().equals(group) && d.version().equals(version)) {
        out.put(d.definitionName(), generated().get(d.definitionName()).deepCopy());
        out.put(d.listDefinitionName(), generated().get(d.listDefinitionName()).deepCopy());
      }
    }
    return out;
  }

  private static Map<String, ObjectNode> generated() {
    Map<String, ObjectNode> c = cache;
    if (c == null) {
      Map<String, ObjectNode> m = new LinkedHashMap<>();
      for (KindDescriptor<?> d : TidewaterKinds.all()) {
        @SuppressWarnings("unchecked")
        Class<? extends Record> type = (Class<? extends Record>) d.type().asSubclass(Record.class);
        m.put(d.definitionName(), OpenApiGenerator.kind(type, d.group(), d.version(), d.kind()));
        m.put(d.listDefinitionName(), OpenApiGenerator.list(d.definitionName(), d.group(), d.version(), d.kind()));
      }
      c = Collections.unmodifiableMap(m);
      cache = c;
    }
    return c;
  }
}
