package io.tidewater.controllers.scheduling;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.api.json.Json;
import io.tidewater.api.meta.TidewaterLabels;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The descheduler's limits on a binding (annotation {@link TidewaterLabels#DESCHEDULED}): per
 * cluster, the most replicas it may keep and until when. Unreadable or expired entries are
 * ignored, so a bad annotation can never wedge scheduling.
 */
public record Descheduled(Map<String, Limit> limits) {

  /** At most {@code maxReplicas} in the cluster, and no new ones, until {@code until}. */
  public record Limit(int maxReplicas, Instant until) {}

  public static Descheduled of(ObjectNode binding, Instant now) {
    String raw = binding.path("metadata").path("annotations").path(TidewaterLabels.DESCHEDULED).asText("");
    Map<String, Limit> out = new LinkedHashMap<>();
    if (raw.isEmpty()) {
      return new Descheduled(out);
    }
    try {
      JsonNode tree = Json.parse(raw.getBytes(StandardCharsets.UTF_8));
      tree.properties().forEach(e -> {
        JsonNode v = e.getValue();
        try {
          Instant until = Instant.parse(v.path("until").asText());
          if (until.isAfter(now) && v.path("maxReplicas").canConvertToInt()) {
            out.put(e.getKey(), new Limit(Math.max(0, v.path("maxReplicas").asInt()), until));
          }
        } catch (DateTimeParseException ignored) {
          // an entry nobody can read limits nothing
        }
      });
    } catch (RuntimeException e) {
      // not JSON: ignored as a whole
    }
    return new Descheduled(out);
  }

  public Limit limit(String cluster) {
    return limits.get(cluster);
  }

  /** These limits with {@code cluster} capped at {@code maxReplicas} until {@code until} (a tighter cap wins). */
  public Descheduled with(String cluster, int maxReplicas, Instant until) {
    Map<String, Limit> m = new LinkedHashMap<>(limits);
    Limit old = m.get(cluster);
    int max = old == null ? maxReplicas : Math.min(old.maxReplicas(), maxReplicas);
    m.put(cluster, new Limit(Math.max(0, max), until));
    return new Descheduled(m);
  }

  public String encode() {
    ObjectNode o = Json.object();
    limits.forEach((c, l) -> o.putObject(c).put("maxReplicas", l.maxReplicas()).put("until", l.until().toString()));
    return o.toString();
  }
}
