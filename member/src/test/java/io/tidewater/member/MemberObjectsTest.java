package io.tidewater.member;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Pod;
import io.tidewater.api.json.Json;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** fabric8 objects as JSON: exactly what the member sent, unknown fields and quantities included. */
class MemberObjectsTest {

  @Test
  void roundTripsAPodAsTheApiServerEncodedIt() {
    String json = """
        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"p","namespace":"default","uid":"u","resourceVersion":"5",
          "labels":{"app":"x"},"managedFields":[{"manager":"m","operation":"Update","apiVersion":"v1","fieldsType":"FieldsV1",
          "fieldsV1":{"f:metadata":{"f:labels":{".":{},"f:app":{}}}}}]},
         "spec":{"containers":[{"name":"c","image":"i","resources":{"requests":{"cpu":"250m","memory":"1.5Gi"}},
           "readinessProbe":{"httpGet":{"path":"/h","port":"http"}},"ports":[{"containerPort":8080}]}],
           "aFieldFromANewerKubernetes":{"x":[1,2]}},
         "status":{"phase":"Running","conditions":[{"type":"Ready","status":"True"}]}}
        """;
    Pod pod = MemberObjects.serialization().unmarshal(json, Pod.class);
    ObjectNode out = MemberObjects.toJson(pod);
    assertThat(out).isEqualTo(Json.parse(json.getBytes(StandardCharsets.UTF_8)));
    assertThat(out).isEqualTo(MemberObjects.serialization().convertValue(pod, ObjectNode.class));
  }
}
