package io.tidewater.apiserver.builtin.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.api.validation.FieldError;
import io.tidewater.api.validation.NameRules;
import io.tidewater.apiserver.builtin.support.FieldErrors;
import io.tidewater.apiserver.builtin.support.FieldPath;
import io.tidewater.apiserver.builtin.support.Trees;
import io.tidewater.apiserver.registry.Columns;
import io.tidewater.apiserver.registry.PrinterColumn;
import io.tidewater.apiserver.registry.ResourceStrategy;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/** ConfigMaps ({@code core/v1}). */
public final class ConfigMapStrategy implements ResourceStrategy {

  /** Kubernetes' {@code MaxSecretSize}, which bounds ConfigMaps too: 1 MiB of values. */
  public static final int MAX_SIZE = 1024 * 1024;

  static final String IMMUTABLE = "field is immutable when `immutable` is set";

  /** {@code ValidateConfigMap}. */
  @Override
  public List<FieldError> validate(ObjectNode obj) {
    FieldErrors errs = new FieldErrors();
    JsonNode data = Trees.object(obj, "data");
    JsonNode binary = Trees.object(obj, "binaryData");
    long size = 0;
    if (data != null) {
      for (var e : data.properties()) {
        FieldPath p = FieldPath.of("data").key(e.getKey());
        errs.invalidEach(p, e.getKey(), NameRules.configMapKey(e.getKey()));
        if (binary != null && binary.has(e.getKey())) {
          errs.invalid(p, e.getKey(), "duplicate of key present in binaryData");
        }
        size += e.getValue().asText().getBytes(StandardCharsets.UTF_8).length;
      }
    }
    if (binary != null) {
      for (var e : binary.properties()) {
        errs.invalidEach(FieldPath.of("binaryData").key(e.getKey()), e.getKey(), NameRules.configMapKey(e.getKey()));
        size += SecretData.decodedLength(e.getValue().asText());
      }
    }
    if (size > MAX_SIZE) {
      errs.tooLong(new FieldPath(""), null, MAX_SIZE);
    }
    return errs.list();
  }

  /** {@code ValidateConfigMapUpdate}: an immutable ConfigMap keeps its data and stays immutable. */
  @Override
  public List<FieldError> validateUpdate(ObjectNode obj, ObjectNode old) {
    FieldErrors errs = new FieldErrors();
    immutableData(obj, old, List.of("data", "binaryData"), errs);
    errs.addAll(validate(obj));
    return errs.list();
  }

  static void immutableData(ObjectNode obj, ObjectNode old, List<String> fields, FieldErrors errs) {
    if (!Trees.bool(old, "immutable")) {
      return;
    }
    if (!Trees.bool(obj, "immutable")) {
      errs.forbidden(FieldPath.of("immutable"), IMMUTABLE);
    }
    for (String f : fields) {
      if (!Objects.equals(nonEmpty(obj.get(f)), nonEmpty(old.get(f)))) {
        errs.forbidden(FieldPath.of(f), IMMUTABLE);
      }
    }
  }

  /** An empty map and no map are the same to Kubernetes' DeepEqual after decoding. */
  private static JsonNode nonEmpty(JsonNode n) {
    return n == null || n.isNull() || n.isEmpty() ? null : n;
  }

  @Override
  public List<PrinterColumn> printerColumns() {
    return List.of(
        PrinterColumn.of(
            "Data",
            "string",
            "Data contains the configuration data. Each key must consist of alphanumeric characters, '-', '_' or '.'. Values with non-UTF-8"
                + " byte sequences must use the BinaryData field. The keys stored in Data must not overlap with the keys in the BinaryData"
                + " field, this is enforced during validation process.",
            obj -> (long) (Trees.size(obj, "data") + Trees.size(obj, "binaryData"))),
        Columns.age());
  }
}
