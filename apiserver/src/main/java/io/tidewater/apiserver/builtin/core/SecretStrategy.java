package io.tidewater.apiserver.builtin.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.api.meta.ObjectMetas;
import io.tidewater.api.validation.FieldError;
import io.tidewater.api.validation.NameRules;
import io.tidewater.apiserver.builtin.support.FieldErrors;
import io.tidewater.apiserver.builtin.support.FieldPath;
import io.tidewater.apiserver.builtin.support.Trees;
import io.tidewater.apiserver.registry.Columns;
import io.tidewater.apiserver.registry.PrinterColumn;
import io.tidewater.apiserver.registry.ResourceStrategy;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Secrets ({@code core/v1}). {@code stringData} is write-only: it is folded into {@code data}. */
public final class SecretStrategy implements ResourceStrategy {

  static final String REDACTED = "<secret contents redacted>";

  /** {@code SetDefaults_Secret}, and the v1 conversion that merges stringData into data. */
  @Override
  public void applyDefaults(ObjectNode obj) {
    Trees.defaultText(obj, "type", "Opaque");
    ObjectNode stringData = Trees.object(obj, "stringData");
    if (stringData != null) {
      ObjectNode data = Trees.ensureObject(obj, "data");
      stringData.properties().forEach(e ->
          data.put(e.getKey(), Base64.getEncoder().encodeToString(e.getValue().asText().getBytes(StandardCharsets.UTF_8))));
    }
    obj.remove("stringData");
  }

  /** {@code ValidateSecret}. */
  @Override
  public List<FieldError> validate(ObjectNode obj) {
    FieldErrors errs = new FieldErrors();
    FieldPath dataPath = FieldPath.of("data");
    JsonNode data = Trees.object(obj, "data");
    long size = 0;
    if (data != null) {
      for (var e : data.properties()) {
        FieldPath p = dataPath.key(e.getKey());
        errs.invalidEach(p, e.getKey(), NameRules.configMapKey(e.getKey()));
        String problem = e.getValue().isTextual() ? SecretData.problem(e.getValue().asText()) : "must be a base64-encoded string";
        if (problem != null) {
          errs.invalid(p, REDACTED, problem);
        }
        size += SecretData.decodedLength(e.getValue().asText());
      }
    }
    if (size > ConfigMapStrategy.MAX_SIZE) {
      errs.tooLong(dataPath, null, ConfigMapStrategy.MAX_SIZE);
    }
    typeRules(obj, data, dataPath, errs);
    return errs.list();
  }

  /** The keys each well-known secret type must carry. */
  private static void typeRules(ObjectNode obj, JsonNode data, FieldPath dataPath, FieldErrors errs) {
    switch (Trees.string(obj, "type")) {
      case "kubernetes.io/service-account-token" -> {
        String sa = ObjectMetas.annotation(obj, "kubernetes.io/service-account.name");
        if (sa == null || sa.isEmpty()) {
          errs.required(FieldPath.of("metadata", "annotations").key("kubernetes.io/service-account.name"), "");
        }
      }
      case "kubernetes.io/dockercfg" -> requireKey(data, ".dockercfg", dataPath, errs);
      case "kubernetes.io/dockerconfigjson" -> requireKey(data, ".dockerconfigjson", dataPath, errs);
      case "kubernetes.io/basic-auth" -> {
        if (!Trees.has(data, "username") && !Trees.has(data, "password")) {
          errs.required(dataPath.key("username"), "");
          errs.required(dataPath.key("password"), "");
        }
      }
      case "kubernetes.io/ssh-auth" -> {
        if (Trees.string(data, "ssh-privatekey").isEmpty()) {
          errs.required(dataPath.key("ssh-privatekey"), "");
        }
      }
      case "kubernetes.io/tls" -> {
        requireKey(data, "tls.crt", dataPath, errs);
        requireKey(data, "tls.key", dataPath, errs);
      }
      default -> {}
    }
  }

  private static void requireKey(JsonNode data, String key, FieldPath dataPath, FieldErrors errs) {
    if (!Trees.has(data, key)) {
      errs.required(dataPath.key(key), "");
    }
  }

  /** {@code ValidateSecretUpdate}: the type never changes; immutable secrets keep their data. */
  @Override
  public List<FieldError> validateUpdate(ObjectNode obj, ObjectNode old) {
    FieldErrors errs = new FieldErrors();
    String type = Trees.string(obj, "type");
    if (!type.equals(Trees.string(old, "type"))) {
      errs.invalid(FieldPath.of("type"), type, "field is immutable");
    }
    ConfigMapStrategy.immutableData(obj, old, List.of("data"), errs);
    errs.addAll(validate(obj));
    return errs.list();
  }

  @Override
  public List<PrinterColumn> printerColumns() {
    return List.of(
        PrinterColumn.of("Type", "string", "Used to facilitate programmatic handling of secret data.", obj -> Columns.text(obj, "type", "")),
        PrinterColumn.of(
            "Data",
            "string",
            "Data contains the secret data. Each key must consist of alphanumeric characters, '-', '_' or '.'. The serialized form of the"
                + " secret data is a base64 encoded string, representing the arbitrary (possibly non-string) data value here.",
            obj -> (long) Trees.size(obj, "data")),
        Columns.age());
  }

  @Override
  public Map<String, Function<ObjectNode, String>> selectableFields() {
    return Map.of("type", obj -> Columns.text(obj, "type", ""));
  }
}
