package io.tidewater.controllers.propagation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.tidewater.api.json.Json;
import io.tidewater.api.meta.ObjectMetas;
import io.tidewater.api.policy.CommandArgsOverrider;
import io.tidewater.api.policy.EnvOverrider;
import io.tidewater.api.policy.ImageOverrider;
import io.tidewater.api.policy.LabelAnnotationOverrider;
import io.tidewater.api.policy.OverridePolicy;
import io.tidewater.api.policy.Overriders;
import io.tidewater.api.policy.OverriderOperator;
import io.tidewater.api.policy.PlaintextOverrider;
import io.tidewater.api.policy.ResourceSelector;
import io.tidewater.api.policy.ResourcesOverrider;
import io.tidewater.api.policy.RuleWithCluster;
import io.tidewater.api.selection.LabelSelector;
import io.tidewater.controllers.placement.PlacementTranslator;
import io.tidewater.scheduler.model.ClusterInfo;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Applies OverridePolicies to a manifest for one member, with Karmada's overriders (image,
 * command, args, labels, annotations, plaintext JSON patch) and Tidewater's env and resources.
 * Policies apply in name order; rules in order; an overrider that does not fit (no such
 * container) is skipped.
 */
public final class OverrideApplier {
  private OverrideApplier() {}

  public static ObjectNode apply(ObjectNode manifest, ObjectNode template, List<OverridePolicy> policies, ClusterInfo cluster) {
    List<OverridePolicy> sorted = new ArrayList<>(policies);
    sorted.sort(Comparator.comparing(p -> p.metadata().getName()));
    for (OverridePolicy p : sorted) {
      if (p.spec() == null || !selects(p.spec().resourceSelectors(), template)) {
        continue;
      }
      for (RuleWithCluster rule : p.spec().overrideRules() == null ? List.<RuleWithCluster>of() : p.spec().overrideRules()) {
        if (rule.overriders() != null && PlacementTranslator.selector(rule.targetCluster()).matches(cluster)) {
          applyOverriders(manifest, rule.overriders());
        }
      }
    }
    return manifest;
  }

  static boolean selects(List<ResourceSelector> selectors, ObjectNode template) {
    if (selectors == null || selectors.isEmpty()) {
      return true; // Karmada: an OverridePolicy without selectors applies to every template in its namespace
    }
    for (ResourceSelector s : selectors) {
      if (!s.apiVersion().equals(ObjectMetas.apiVersion(template)) || !s.kind().equals(ObjectMetas.kind(template))) {
        continue;
      }
      if (s.name() != null && !s.name().isEmpty()) {
        if (s.name().equals(ObjectMetas.name(template))) {
          return true;
        }
        continue;
      }
      if (s.labelSelector() == null || LabelSelector.fromObject(Json.MAPPER.valueToTree(s.labelSelector())).matches(ObjectMetas.labels(template))) {
        return true;
      }
    }
    return false;
  }

  static void applyOverriders(ObjectNode m, Overriders o) {
    each(o.imageOverrider(), io -> images(m, io));
    each(o.commandOverrider(), c -> commandArgs(m, c, "command"));
    each(o.argsOverrider(), c -> commandArgs(m, c, "args"));
    each(o.envOverrider(), e -> env(m, e));
    each(o.resourcesOverrider(), r -> resources(m, r));
    each(o.labelsOverrider(), l -> labelsOrAnnotations(m, l, "labels"));
    each(o.annotationsOverrider(), l -> labelsOrAnnotations(m, l, "annotations"));
    each(o.plaintext(), p -> plaintext(m, p));
  }

  private static <T> void each(List<T> items, java.util.function.Consumer<T> f) {
    if (items != null) {
      items.forEach(f);
    }
  }

  /** The containers of a workload's pod template (or of a Pod). */
  static List<ObjectNode> containers(ObjectNode m, boolean includeInit) {
    JsonNode podSpec = m.path("spec").has("template") ? m.path("spec").path("template").path("spec") : m.path("spec");
    List<ObjectNode> out = new ArrayList<>();
    for (String list : includeInit ? new String[] {"containers", "initContainers"} : new String[] {"containers"}) {
      podSpec.path(list).forEach(c -> {
        if (c instanceof ObjectNode co) {
          out.add(co);
        }
      });
    }
    return out;
  }

  private static void images(ObjectNode m, ImageOverrider io) {
    if (io.predicate() != null && io.predicate().path() != null && !io.predicate().path().isEmpty()) {
      JsonNode parent = m.at(io.predicate().path().substring(0, io.predicate().path().lastIndexOf('/')));
      String field = io.predicate().path().substring(io.predicate().path().lastIndexOf('/') + 1);
      if (parent instanceof ObjectNode po && po.hasNonNull(field)) {
        po.put(field, ImageReference.parse(po.get(field).asText()).override(io.component(), io.operator(), io.value()).toString());
      }
      return;
    }
    for (ObjectNode c : containers(m, true)) {
      if (c.hasNonNull("image")) {
        c.put("image", ImageReference.parse(c.get("image").asText()).override(io.component(), io.operator(), io.value()).toString());
      }
    }
  }

  private static void commandArgs(ObjectNode m, CommandArgsOverrider o, String field) {
    for (ObjectNode c : containers(m, false)) {
      if (!o.containerName().equals(c.path("name").asText())) {
        continue;
      }
      ArrayNode arr = c.has(field) && c.get(field).isArray() ? (ArrayNode) c.get(field) : c.putArray(field);
      List<String> values = o.value() == null ? List.of() : o.value();
      switch (o.operator()) {
        case ADD -> values.forEach(arr::add);
        case REMOVE -> {
          for (int i = arr.size() - 1; i >= 0; i--) {
            if (values.contains(arr.get(i).asText())) {
              arr.remove(i);
            }
          }
        }
        case REPLACE -> {
          arr.removeAll();
          values.forEach(arr::add);
        }
      }
    }
  }

  private static void env(ObjectNode m, EnvOverrider o) {
    for (ObjectNode c : containers(m, false)) {
      if (!o.containerName().equals(c.path("name").asText())) {
        continue;
      }
      ArrayNode env = c.has("env") && c.get("env").isArray() ? (ArrayNode) c.get("env") : c.putArray("env");
      List<ObjectNode> values = new ArrayList<>();
      if (o.value() != null) {
        o.value().forEach(v -> values.add(Json.MAPPER.valueToTree(v)));
      }
      if (o.operator() == OverriderOperator.REPLACE) {
        env.removeAll();
      }
      for (ObjectNode v : values) {
        String name = v.path("name").asText();
        for (int i = env.size() - 1; i >= 0; i--) {
          if (name.equals(env.get(i).path("name").asText())) {
            env.remove(i);
          }
        }
        if (o.operator() != OverriderOperator.REMOVE) {
          env.add(v);
        }
      }
    }
  }

  private static void resources(ObjectNode m, ResourcesOverrider o) {
    ObjectNode value = Json.MAPPER.valueToTree(o.value());
    for (ObjectNode c : containers(m, false)) {
      if (!o.containerName().equals(c.path("name").asText())) {
        continue;
      }
      ObjectNode res = c.has("resources") && c.get("resources").isObject() ? (ObjectNode) c.get("resources") : c.putObject("resources");
      for (String part : new String[] {"requests", "limits"}) {
        if (value.path(part).isObject()) {
          ObjectNode target = res.has(part) && res.get(part).isObject() ? (ObjectNode) res.get(part) : res.putObject(part);
          target.setAll((ObjectNode) value.get(part));
        }
      }
    }
  }

  private static void labelsOrAnnotations(ObjectNode m, LabelAnnotationOverrider o, String field) {
    ObjectNode meta = ObjectMetas.metadata(m);
    ObjectNode target = meta.has(field) && meta.get(field).isObject() ? (ObjectNode) meta.get(field) : meta.putObject(field);
    Map<String, String> values = o.value() == null ? Map.of() : o.value();
    switch (o.operator()) {
      case ADD, REPLACE -> values.forEach((k, v) -> {
        if (o.operator() == OverriderOperator.ADD || target.has(k)) {
          target.put(k, v);
        }
      });
      case REMOVE -> values.keySet().forEach(target::remove);
    }
  }

  private static void plaintext(ObjectNode m, PlaintextOverrider p) {
    ArrayNode patch = Json.NODES.arrayNode();
    ObjectNode op = patch.addObject();
    op.put("op", p.operator().name().toLowerCase(java.util.Locale.ROOT));
    op.put("path", p.path());
    if (p.operator() != OverriderOperator.REMOVE) {
      op.set("value", p.value() == null ? TextNode.valueOf("") : p.value());
    }
    try {
      JsonNode out = com.flipkart.zjsonpatch.JsonPatch.apply(patch, m);
      m.removeAll();
      m.setAll((ObjectNode) out);
    } catch (RuntimeException e) {
      // Karmada skips a plaintext overrider whose path does not exist; so do we.
    }
  }
}
