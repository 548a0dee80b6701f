package io.tidewater.apiserver.rest;

import io.tidewater.api.meta.GroupVersionResource;
import io.tidewater.apiserver.registry.ResourceStrategy;
import io.tidewater.apiserver.registry.ResourceType;
import java.util.List;

/** autoscaling/v1 Scale: not a stored resource, but patches to scale subresources need its schema. */
final class ScaleKind {
  private ScaleKind() {}

  static final ResourceType TYPE =
      new ResourceType(new GroupVersionResource("autoscaling", "v1", "scales"), "Scale", "scale", true, List.of(), List.of(), new ResourceStrategy() {});
}
