package io.tidewater.controllers.rollout;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.tidewater.api.json.Json;
import java.util.List;

/**
 * Where one binding's staged rollout stands, kept on the binding as the annotation
 * {@value #ANNOTATION} so that it survives a restart: the revision being rolled out, the stage
 * reached, the clusters admitted so far, when that stage started and passed its gate, and why the
 * rollout halted (or null).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StageState(String revision, int stage, String stageName, List<String> admitted, String startedAt, String passedAt, String halted) {
  public static final String ANNOTATION = "tidewater.io/rollout-stage";

  /** The state on a binding, or null when it has none or it cannot be read. */
  public static StageState on(JsonNode binding) {
    JsonNode v = binding.path("metadata").path("annotations").path(ANNOTATION);
    if (!v.isTextual()) {
      return null;
    }
    try {
      return Json.MAPPER.readValue(v.asText(), StageState.class);
    } catch (JsonProcessingException e) {
      return null; // rebuilt from the start of the rollout
    }
  }

  String json() {
    try {
      return Json.MAPPER.writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The members of a staged binding that may run {@code revision}: those admitted for it; none
   * while the revision has not been staged yet (members that do not run the template yet start on
   * it regardless: there is nothing older to keep).
   */
  public static java.util.Set<String> admitted(JsonNode binding, String revision) {
    StageState s = on(binding);
    return s != null && revision.equals(s.revision()) && s.admitted() != null ? java.util.Set.copyOf(s.admitted()) : java.util.Set.of();
  }
}
