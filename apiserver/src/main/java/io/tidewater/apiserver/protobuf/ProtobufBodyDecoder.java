package io.tidewater.apiserver.protobuf;

import io.tidewater.api.quantity.Quantities;
import io.tidewater.api.quantity.Quantity;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.kubernetes.client.proto.V1;
import io.tidewater.api.json.Json;
import io.tidewater.api.meta.GroupVersionKind;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads Kubernetes' protobuf request bodies ({@code application/vnd.kubernetes.protobuf}), which
 * kubectl's typed clients send for built-in kinds ({@code kubectl create namespace}), into the JSON
 * trees the server works on. Uses the message descriptors of Kubernetes' own generated.proto files
 * (client-java-proto). Responses stay JSON: clients that send protobuf also accept JSON.
 */
public final class ProtobufBodyDecoder {
  public static final String MEDIA_TYPE = "application/vnd.kubernetes.protobuf";
  private static final byte[] MAGIC = {'k', '8', 's', 0};
  private static final Map<String, Descriptor> MESSAGES = index();

  private ProtobufBodyDecoder() {}

  private static Map<String, Descriptor> index() {
    Map<String, Descriptor> out = new HashMap<>();
    for (Class<?> c : List.of(
        V1.class, io.kubernetes.client.proto.V1Apps.class, io.kubernetes.client.proto.V2Autoscaling.class,
        io.kubernetes.client.proto.V1Autoscaling.class, io.kubernetes.client.proto.V1Coordination.class,
        io.kubernetes.client.proto.Meta.class, io.kubernetes.client.proto.V1Policy.class)) {
      try {
        FileDescriptor fd = (FileDescriptor) c.getMethod("getDescriptor").invoke(null);
        for (Descriptor d : fd.getMessageTypes()) {
          out.put(d.getFullName(), d);
        }
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
    }
    return out;
  }

  /** The decoded object, with apiVersion and kind from the envelope. */
  public static ObjectNode decode(byte[] body) {
    if (body.length < MAGIC.length || body[0] != 'k' || body[1] != '8' || body[2] != 's' || body[3] != 0) {
      throw new IllegalArgumentException("provided data does not appear to be a protobuf message, expected prefix [107 56 115 0]");
    }
    io.kubernetes.client.proto.Runtime.Unknown unknown;
    try {
      unknown = io.kubernetes.client.proto.Runtime.Unknown.parseFrom(CodedInputStream.newInstance(body, 4, body.length - 4));
    } catch (IOException e) {
      throw new IllegalArgumentException("invalid protobuf envelope: " + e.getMessage());
    }
    String apiVersion = unknown.getTypeMeta().getApiVersion();
    String kind = unknown.getTypeMeta().getKind();
    Descriptor d = MESSAGES.get(messageName(GroupVersionKind.of(apiVersion, kind)));
    if (d == null) {
      throw new IllegalArgumentException("no protobuf schema for " + apiVersion + ", Kind=" + kind);
    }
    DynamicMessage msg;
    try {
      msg = DynamicMessage.parseFrom(d, unknown.getRaw());
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalArgumentException("invalid protobuf " + kind + ": " + e.getMessage());
    }
    ObjectNode obj = Json.object();
    obj.put("apiVersion", apiVersion);
    obj.put("kind", kind);
    obj.setAll(toJson(msg));
    return obj;
  }

  static String messageName(GroupVersionKind gvk) {
    String g = gvk.group();
    if (g.isEmpty()) {
      return "k8s.io.api.core.v1." + gvk.kind();
    }
    if (g.equals("meta.k8s.io")) {
      return "k8s.io.apimachinery.pkg.apis.meta.v1." + gvk.kind();
    }
    String pkg = g.endsWith(".k8s.io") ? g.substring(0, g.length() - ".k8s.io".length()) : g;
    return "k8s.io.api." + pkg + "." + gvk.version() + "." + gvk.kind();
  }

  private static ObjectNode toJson(Message msg) {
    ObjectNode out = Json.object();
    for (Map.Entry<FieldDescriptor, Object> e : msg.getAllFields().entrySet()) {
      FieldDescriptor f = e.getKey();
      Object v = e.getValue();
      if (f.isMapField()) {
        ObjectNode map = out.putObject(f.getName());
        for (Object entry : (List<?>) v) {
          Message m = (Message) entry;
          FieldDescriptor kf = m.getDescriptorForType().findFieldByName("key");
          FieldDescriptor vf = m.getDescriptorForType().findFieldByName("value");
          map.set(String.valueOf(m.getField(kf)), value(vf, m.getField(vf)));
        }
      } else if (f.isRepeated()) {
        ArrayNode arr = out.putArray(f.getName());
        for (Object item : (List<?>) v) {
          arr.add(value(f, item));
        }
      } else {
        out.set(f.getName(), value(f, v));
      }
    }
    return out;
  }

  private static JsonNode value(FieldDescriptor f, Object v) {
    return switch (f.getJavaType()) {
      case MESSAGE -> message((Message) v);
      case STRING -> Json.NODES.textNode((String) v);
      case BOOLEAN -> Json.NODES.booleanNode((Boolean) v);
      case INT -> Json.NODES.numberNode((Integer) v);
      case LONG -> Json.NODES.numberNode((Long) v);
      case FLOAT -> Json.NODES.numberNode((Float) v);
      case DOUBLE -> Json.NODES.numberNode((Double) v);
      case BYTE_STRING -> Json.NODES.textNode(Base64.getEncoder().encodeToString(((ByteString) v).toByteArray()));
      case ENUM -> Json.NODES.textNode(v.toString());
    };
  }

  /** Kubernetes' wrapper types have JSON forms of their own. */
  private static JsonNode message(Message m) {
    String name = m.getDescriptorForType().getFullName();
    switch (name) {
      case "k8s.io.apimachinery.pkg.api.resource.Quantity" -> {
        return Json.NODES.textNode(str(m, "string"));
      }
      case "k8s.io.apimachinery.pkg.util.intstr.IntOrString" -> {
        long type = num(m, "type");
        return type == 1 ? Json.NODES.textNode(str(m, "strVal")) : Json.NODES.numberNode((int) num(m, "intVal"));
      }
      case "k8s.io.apimachinery.pkg.apis.meta.v1.Time" -> {
        return Json.NODES.textNode(DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochSecond(num(m, "seconds")).truncatedTo(ChronoUnit.SECONDS)));
      }
      case "k8s.io.apimachinery.pkg.apis.meta.v1.MicroTime" -> {
        return Json.NODES.textNode(DateTimeFormatter.ISO_INSTANT.format(
            Instant.ofEpochSecond(num(m, "seconds"), num(m, "nanos")).truncatedTo(ChronoUnit.MICROS)));
      }
      case "k8s.io.apimachinery.pkg.apis.meta.v1.Duration" -> {
        return Json.NODES.textNode(goDuration(num(m, "duration")));
      }
      case "k8s.io.apimachinery.pkg.runtime.RawExtension", "k8s.io.apimachinery.pkg.apis.meta.v1.FieldsV1" -> {
        ByteString raw = (ByteString) m.getField(m.getDescriptorForType().getFields().get(0));
        return raw.isEmpty() ? Json.object() : Json.parse(raw.toByteArray());
      }
      default -> {
        return toJson(m);
      }
    }
  }

  private static String str(Message m, String field) {
    FieldDescriptor f = m.getDescriptorForType().findFieldByName(field);
    return f == null ? "" : String.valueOf(m.getField(f));
  }

  private static long num(Message m, String field) {
    FieldDescriptor f = m.getDescriptorForType().findFieldByName(field);
    return f == null ? 0 : ((Number) m.getField(f)).longValue();
  }

  private static String goDuration(long nanos) {
    java.time.Duration d = java.time.Duration.ofNanos(nanos);
    StringBuilder sb = new StringBuilder();
    if (d.toHours() > 0) {
      sb.append(d.toHours()).append('h');
    }
    if (d.toMinutesPart() > 0 || sb.length() > 0) {
      sb.append(d.toMinutesPart()).append('m');
    }
    sb.append(d.toSecondsPart()).append('s');
    return sb.toString();
  }
}
