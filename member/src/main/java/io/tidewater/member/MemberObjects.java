package io.tidewater.member;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.tidewater.api.json.Json;

/** Conversions between fabric8 model objects and the JSON trees the rest of Tidewater works on. */
public final class MemberObjects {
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private MemberObjects() {}

  /** fabric8's own (de)serializer, which knows its model's quantities, int-or-strings and unknown fields. */
  public static KubernetesSerialization serialization() {
    return SERIALIZATION;
  }

  /**
   * A private JSON copy of a fabric8 object, encoded as the Kubernetes API encodes it, unknown
   * fields included. Plain Jackson reads fabric8's model annotations (quantities, int-or-strings,
   * additional properties) just as fabric8's own mapper does, at a fraction of the cost: fabric8's
   * mapper writes every property through a reflective delegate, and this runs for every object
   * the gateway merges.
   */
  public static ObjectNode toJson(Object fabric8Object) {
    return Json.MAPPER.valueToTree(fabric8Object);
  }
}
