package io.tidewater.api.snapshot;

/**
 * GPUs ({@code nvidia.com/gpu}) of one model on a member's Ready nodes.
 *
 * @param type the model, from the node label {@code nvidia.com/gpu.product} ("unknown" without it)
 * @param total allocatable GPUs
 * @param allocated GPUs requested by non-terminal pods bound to those nodes
 */
public record GpuCapacity(String type, long total, long allocated) {
  public long available() {
    return total - allocated;
  }
}
