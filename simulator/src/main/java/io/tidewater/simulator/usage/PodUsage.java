package io.tidewater.simulator.usage;

/** What one pod uses now: CPU in millicores, memory in bytes. */
public record PodUsage(long cpuMillis, long memoryBytes) {
  public static final PodUsage NONE = new PodUsage(0, 0);

  PodUsage plus(PodUsage o) {
    return new PodUsage(cpuMillis + o.cpuMillis, memoryBytes + o.memoryBytes);
  }
}
