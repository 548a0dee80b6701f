package io.tidewater.gateway.view;

import io.tidewater.api.meta.GroupVersionResource;
import io.tidewater.member.informer.MemberResource;
import java.util.Set;

/** The member-owned kinds the gateway merges (DESIGN §3): pods, nodes, events and replicasets. */
public enum MergedKind {
  PODS(MemberResource.PODS),
  NODES(MemberResource.NODES),
  EVENTS(MemberResource.EVENTS),
  REPLICASETS(MemberResource.REPLICASETS);

  /** Kinds whose names the merged view rewrites, so references to them are rewritten too. */
  static final Set<String> MERGED_KIND_NAMES = Set.of("Pod", "Node", "Event", "ReplicaSet");

  private final MemberResource<?> member;

  MergedKind(MemberResource<?> member) {
    this.member = member;
  }

  public MemberResource<?> member() {
    return member;
  }

  public GroupVersionResource gvr() {
    String apiVersion = member.apiVersion();
    int slash = apiVersion.indexOf('/');
    return slash < 0
        ? new GroupVersionResource("", apiVersion, member.plural())
        : new GroupVersionResource(apiVersion.substring(0, slash), apiVersion.substring(slash + 1), member.plural());
  }

  public boolean namespaced() {
    return member.namespaced();
  }
}
