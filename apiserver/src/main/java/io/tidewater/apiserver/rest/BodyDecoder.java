package io.tidewater.apiserver.rest;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.api.json.Json;
import io.tidewater.apiserver.errors.ApiException;
import io.tidewater.apiserver.http.MediaTypes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns request bodies into JSON trees, reporting what Kubernetes reports: 415 for formats it
 * does not read, 400 for malformed bodies, and duplicate fields per {@code fieldValidation}.
 */
final class BodyDecoder {
  private BodyDecoder() {}

  /** A body is one JSON value: anything after it is an error, as in Go's json.Unmarshal. */
  static final DeserializationFeature ONE_VALUE = DeserializationFeature.FAIL_ON_TRAILING_TOKENS;

  /** A decoded body plus warnings to send back (Warn mode). */
  record Decoded(ObjectNode object, List<String> warnings) {}

  static Decoded decodeObject(byte[] body, String contentType, FieldValidation validation) {
    String ct = MediaTypes.contentType(contentType);
    boolean yaml = ct.equals(MediaTypes.YAML) || ct.equals("application/x-yaml") || ct.equals("text/yaml");
    if (ct.equals(MediaTypes.PROTOBUF)) {
      try {
        return new Decoded(io.tidewater.apiserver.protobuf.ProtobufBodyDecoder.decode(body), List.of());
      } catch (IllegalArgumentException e) {
        throw ApiException.badRequest(e.getMessage());
      }
    }
    if (!ct.isEmpty() && !ct.equals(MediaTypes.JSON) && !yaml) {
      throw ApiException.unsupportedMediaType(
          "the body of the request was in an unknown format - accepted media types include: application/json, application/yaml,"
              + " application/vnd.kubernetes.protobuf");
    }
    List<String> warnings = new ArrayList<>();
    JsonNode node = yaml ? parseYaml(body) : parseJson(body, validation, warnings);
    if (!(node instanceof ObjectNode obj)) {
      throw ApiException.badRequest("the body of the request must be a JSON object, got " + describe(node));
    }
    return new Decoded(obj, warnings);
  }

  static JsonNode parseJson(byte[] body, FieldValidation validation, List<String> warnings) {
    if (body.length == 0) {
      throw ApiException.badRequest("the body of the request is empty");
    }
    try {
      return (validation == FieldValidation.IGNORE ? Json.MAPPER : Json.STRICT_MAPPER).reader().with(ONE_VALUE).readTree(body);
    } catch (JsonParseException e) {
      String msg = e.getOriginalMessage();
      if (msg != null && msg.startsWith("Duplicate field")) {
        String field = msg.substring(msg.indexOf('\'') + 1, msg.lastIndexOf('\''));
        if (validation == FieldValidation.STRICT) {
          throw ApiException.badRequest("strict decoding error: json: duplicate field \"" + field + "\"");
        }
        warnings.add("duplicate field \"" + field + "\"");
        return lenient(body);
      }
      throw ApiException.badRequest("the body of the request is not valid JSON: " + oneLine(e));
    } catch (IOException e) {
      throw ApiException.badRequest("the body of the request is not valid JSON: " + oneLine(e));
    }
  }

  private static JsonNode lenient(byte[] body) {
    try {
      return Json.MAPPER.reader().with(ONE_VALUE).readTree(body);
    } catch (IOException e) {
      throw ApiException.badRequest("the body of the request is not valid JSON: " + oneLine(e));
    }
  }

  private static boolean looksLikeJson(byte[] body) {
    for (byte b : body) {
      if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
        return b == '{';
      }
    }
    return false;
  }

  static JsonNode parseYaml(byte[] body) {
    if (body.length == 0) {
      throw ApiException.badRequest("the body of the request is empty");
    }
    if (looksLikeJson(body)) {
      // JSON is YAML, and clients (fabric8's serverSideApply among them) mostly send JSON as an
      // apply patch: Jackson's JSON parser reads it many times faster than the YAML one.
      try {
        return Json.MAPPER.reader().with(ONE_VALUE).readTree(body);
      } catch (IOException e) {
        // a YAML flow mapping such as {a: b}: the YAML parser decides
      }
    }
    try {
      JsonNode node = Json.YAML.readTree(body);
      if (node == null || node.isMissingNode()) {
        throw ApiException.badRequest("the body of the request is empty");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw ApiException.badRequest("the body of the request is not valid YAML: " + oneLine(e));
    } catch (IOException e) {
      throw ApiException.badRequest("the body of the request could not be read: " + e.getMessage());
    } catch (RuntimeException e) {
      throw ApiException.badRequest("the body of the request is not valid YAML: " + e.getMessage());
    }
  }

  private static String oneLine(Exception e) {
    String m = e instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage();
    if (m == null) {
      return e.getClass().getSimpleName();
    }
    m = m.replace('\n', ' ');
    return m.length() > 300 ? m.substring(0, 300) + "..." : m;
  }

  private static String describe(JsonNode node) {
    return node == null ? "nothing" : node.getNodeType().toString().toLowerCase();
  }

  static String preview(byte[] body) {
    String s = new String(body, 0, Math.min(body.length, 120), StandardCharsets.UTF_8);
    return body.length > 120 ? s + "..." : s;
  }
}
