package io.tidewater.apiserver.storage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.api.json.Json;
import org.junit.jupiter.api.Test;

class CachedObjectTest {

  @Test
  void controllerUidIsTheControllingOwnersOnly() {
    ObjectNode pod = Json.parseObject(("""
        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"p","namespace":"ns","ownerReferences":[
          {"apiVersion":"v1","kind":"ConfigMap","name":"c","uid":"not-the-controller"},
          {"apiVersion":"apps/v1","kind":"ReplicaSet","name":"rs","uid":"rs-uid","controller":true}]}}""").getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertThat(CachedObject.of("ns/p", 3, pod, Json.bytes(pod)).controllerUid()).isEqualTo("rs-uid");
  }

  @Test
  void noControllerMeansNull() {
    ObjectNode orphan = Json.parseObject(("""
        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"p","namespace":"ns","ownerReferences":[
          {"apiVersion":"v1","kind":"ConfigMap","name":"c","uid":"u","controller":false}]}}""").getBytes(java.nio.charset.StandardCharsets.UTF_8));
    ObjectNode bare = Json.parseObject("{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"q\",\"namespace\":\"ns\"}}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertThat(CachedObject.of("ns/p", 3, orphan, Json.bytes(orphan)).controllerUid()).isNull();
    assertThat(CachedObject.of("ns/q", 4, bare, Json.bytes(bare)).controllerUid()).isNull();
  }
}
