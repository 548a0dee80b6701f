package io.tidewater.simulator.nodes;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.api.json.Json;
import io.tidewater.apiserver.builtin.support.Trees;
import java.util.UUID;

/**
 * One version of one node, as compact as it can be. A node of a pool that nobody has edited is a
 * template plus a handful of fields; a node someone edited through the API (a label, a taint) keeps
 * its whole JSON in {@code override}. Immutable: every change makes a new record.
 *
 * @param name the node's name
 * @param template the pool template, or null for a node created through the API
 * @param ordinal the node's number within its pool
 * @param uidHigh high bits of the node's uid
 * @param uidLow low bits of the node's uid
 * @param createdSecond creation time, epoch seconds
 * @param revision this version's resourceVersion
 * @param unschedulable cordoned ({@code spec.unschedulable}); only meaningful without an override
 * @param lost whether the node's kubelet is gone (a fault): Ready is Unknown and pods stop progressing
 * @param conditionSecond when the node last became ready or lost, epoch seconds
 * @param override the node's JSON when it differs from what the template renders, else null
 * @param overrideProfile the scheduler's view of an overridden node
 */
public record NodeRecord(
    String name,
    NodeTemplate template,
    int ordinal,
    long uidHigh,
    long uidLow,
    long createdSecond,
    long revision,
    boolean unschedulable,
    boolean lost,
    long conditionSecond,
    byte[] override,
    NodeProfile overrideProfile) {

  static NodeRecord fromTemplate(NodeTemplate template, int ordinal, long nowSecond) {
    UUID uid = UUID.randomUUID();
    return new NodeRecord(
        template.nodeName(ordinal), template, ordinal, uid.getMostSignificantBits(), uid.getLeastSignificantBits(), nowSecond, 0, false, false,
        nowSecond, null, null);
  }

  public String uid() {
    return new UUID(uidHigh, uidLow).toString();
  }

  public boolean isOverridden() {
    return override != null;
  }

  /** The scheduler's view of this node. */
  public NodeProfile profile() {
    return override != null ? overrideProfile : template.profile();
  }

  /** Cordoned: from the override when there is one. */
  public boolean isUnschedulable() {
    if (override == null) {
      return unschedulable;
    }
    return NodeJson.unschedulable(Json.parseObject(override));
  }

  /** The pool this node belongs to, or null for a node created through the API. */
  public String pool() {
    return template == null ? null : template.pool().name();
  }

  /** The node's InternalIP address. */
  public String internalIp() {
    if (override == null) {
      return template.internalIp(ordinal);
    }
    for (var a : Json.parseObject(override).path("status").path("addresses")) {
      if ("InternalIP".equals(a.path("type").asText())) {
        return a.path("address").asText();
      }
    }
    return "";
  }

  /** The node as an API object, with its resourceVersion. */
  public ObjectNode render() {
    ObjectNode node = override != null ? Json.parseObject(override) : template.render(this);
    NodeStatusOverlay.apply(node, lost, conditionSecond);
    Trees.ensureObject(node, "metadata").put("resourceVersion", Long.toString(revision));
    return node;
  }

  NodeRecord withRevision(long rev) {
    return new NodeRecord(name, template, ordinal, uidHigh, uidLow, createdSecond, rev, unschedulable, lost, conditionSecond, override, overrideProfile);
  }

  NodeRecord withLost(boolean l, long sinceSecond) {
    return new NodeRecord(name, template, ordinal, uidHigh, uidLow, createdSecond, revision, unschedulable, l, sinceSecond, override, overrideProfile);
  }

  NodeRecord withUnschedulable(boolean u) {
    return new NodeRecord(name, template, ordinal, uidHigh, uidLow, createdSecond, revision, u, lost, conditionSecond, null, null);
  }

  /** The same node, now defined by its JSON. */
  NodeRecord withOverride(byte[] json, NodeProfile profile) {
    return new NodeRecord(name, template, ordinal, uidHigh, uidLow, createdSecond, revision, false, lost, conditionSecond, json, profile);
  }

  @Override
  public String toString() {
    return "NodeRecord[" + name + "@" + revision + (lost ? ",lost" : "") + (override != null ? ",override" : "") + "]";
  }
}
