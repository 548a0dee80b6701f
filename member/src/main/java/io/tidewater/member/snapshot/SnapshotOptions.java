package io.tidewater.member.snapshot;

import java.util.Set;

/**
 * How nodes are grouped into classes.
 *
 * @param perNodeLabels label keys whose value differs on every node and that therefore do not
 *     separate classes (by default {@code kubernetes.io/hostname})
 * @param gpuTypeLabel the node label naming the GPU model (by default NVIDIA GPU feature
 *     discovery's {@code nvidia.com/gpu.product})
 */
public record SnapshotOptions(Set<String> perNodeLabels, String gpuTypeLabel) {
  public static final String DEFAULT_GPU_TYPE_LABEL = "nvidia.com/gpu.product";

  public SnapshotOptions {
    perNodeLabels = Set.copyOf(perNodeLabels);
  }

  public static SnapshotOptions defaults() {
    return new SnapshotOptions(Set.of("kubernetes.io/hostname"), DEFAULT_GPU_TYPE_LABEL);
  }
}
