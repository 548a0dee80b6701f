package io.tidewater.member;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/** Conversions between fabric8 model objects and the JSON trees the rest of Tidewater works on. */
public final class MemberObjects {
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private MemberObjects() {}

  /** fabric8's own (de)serializer, which knows its model's quantities, int-or-strings and unknown fields. */
  public static KubernetesSerialization serialization() {
    return SERIALIZATION;
  }

  /** A private JSON copy of a fabric8 object, encoded as the Kubernetes API encodes it. */
  public static ObjectNode toJson(Object fabric8Object) {
    return SERIALIZATION.convertValue(fabric8Object, ObjectNode.class);
  }
}
