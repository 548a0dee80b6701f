package io.tidewater.simulator.storage;

import com.fasterxml.jackson.databind.JsonNode;
import io.tidewater.api.json.Json;

/**
 * Whether two JSON trees say the same thing. Trees built in memory hold longs where trees read
 * from the store hold ints, and Jackson's equality tells them apart; comparing their parsed
 * encodings does not. Controllers use it to skip writes that would change nothing, which is what
 * keeps them from waking each other forever.
 */
public final class SameJson {
  private SameJson() {}

  public static boolean same(JsonNode a, JsonNode b) {
    if (a == null || b == null) {
      return a == b;
    }
    return a.equals(b) || Json.parse(Json.bytes(a)).equals(Json.parse(Json.bytes(b)));
  }
}
