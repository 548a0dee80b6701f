package io.tidewater.apiserver.patch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.tidewater.api.meta.GroupVersionKind;
import io.tidewater.api.schema.SchemaCatalog;
import io.tidewater.api.schema.TypeNode;
import java.io.UncheckedIOException;

/** Test documents written as YAML, the way Kubernetes' own docs and kubectl users write them. */
final class Yaml {

  private static final YAMLMapper MAPPER = new YAMLMapper();

  static final TypeNode DEPLOYMENT = type("apps", "v1", "Deployment");
  static final TypeNode POD = type("", "v1", "Pod");
  static final TypeNode SERVICE = type("", "v1", "Service");
  static final TypeNode CONFIG_MAP = type("", "v1", "ConfigMap");

  private Yaml() {}

  static ObjectNode object(String yaml) {
    return (ObjectNode) node(yaml);
  }

  static JsonNode node(String yaml) {
    try {
      return MAPPER.readTree(yaml);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  static TypeNode type(String group, String version, String kind) {
    return SchemaCatalog.builtin().type(new GroupVersionKind(group, version, kind)).orElseThrow();
  }
}
