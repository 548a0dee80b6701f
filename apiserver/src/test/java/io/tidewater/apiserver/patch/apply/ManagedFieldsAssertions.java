package io.tidewater.apiserver.patch.apply;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.tidewater.api.meta.GroupVersionKind;
import io.tidewater.api.schema.SchemaCatalog;
import io.tidewater.api.schema.TypeNode;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** Shared fixtures: types, YAML documents, a clock tests move by hand, managedFields lookups. */
final class ManagedFieldsAssertions {

  static final GroupVersionKind DEPLOYMENT_KIND = new GroupVersionKind("apps", "v1", "Deployment");
  static final GroupVersionKind SERVICE_KIND = new GroupVersionKind("", "v1", "Service");
  static final GroupVersionKind CONFIG_MAP_KIND = new GroupVersionKind("", "v1", "ConfigMap");
  static final GroupVersionKind POD_KIND = new GroupVersionKind("", "v1", "Pod");

  static final TypeNode DEPLOYMENT = type(DEPLOYMENT_KIND);
  static final TypeNode SERVICE = type(SERVICE_KIND);
  static final TypeNode CONFIG_MAP = type(CONFIG_MAP_KIND);
  static final TypeNode POD = type(POD_KIND);

  static final Instant T0 = Instant.parse("2024-05-01T12:00:00Z");

  private static final YAMLMapper YAML = new YAMLMapper();

  private ManagedFieldsAssertions() {}

  static TypeNode type(GroupVersionKind kind) {
    return SchemaCatalog.builtin().type(kind).orElseThrow();
  }

  static ObjectNode yaml(String text) {
    try {
      return (ObjectNode) YAML.readTree(text);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode json(String text) {
    try {
      return YAML.readTree(text);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The managedFields entry of one manager and operation, or null. */
  static JsonNode entry(JsonNode object, String manager, String operation) {
    for (JsonNode entry : object.path("metadata").path("managedFields")) {
      if (entry.path("manager").asText().equals(manager) && entry.path("operation").asText().equals(operation)) {
        return entry;
      }
    }
    return null;
  }

  static JsonNode fieldsOf(JsonNode object, String manager, String operation) {
    JsonNode entry = entry(object, manager, operation);
    if (entry == null) {
      throw new AssertionError("no " + operation + " entry for " + manager + " in " + object.at("/metadata/managedFields"));
    }
    return entry.get("fieldsV1");
  }

  /** A clock that stands still until a test moves it. */
  static final class ManualClock extends Clock {
    private Instant now = T0;

    void advance(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}
