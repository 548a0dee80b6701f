package io.tidewater.simulator.usage;

/**
 * The load on one workload's pods, as a test or scenario sets it.
 *
 * @param cpuCores CPU each ready pod uses, in cores; or, when {@code total}, the CPU of the whole
 *     workload, split evenly over its ready pods
 * @param memoryBytesPerPod memory each ready pod uses; 0 for the default (half its request)
 * @param total whether {@code cpuCores} is the workload's total
 */
public record WorkloadLoad(double cpuCores, long memoryBytesPerPod, boolean total) {
  public WorkloadLoad {
    if (cpuCores < 0 || memoryBytesPerPod < 0) {
      throw new IllegalArgumentException("load must not be negative");
    }
  }

  public static WorkloadLoad perPod(double cpuCores) {
    return new WorkloadLoad(cpuCores, 0, false);
  }

  public static WorkloadLoad totalCpu(double cpuCores) {
    return new WorkloadLoad(cpuCores, 0, true);
  }
}
