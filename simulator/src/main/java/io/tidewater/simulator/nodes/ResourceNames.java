package io.tidewater.simulator.nodes;

import io.tidewater.api.quantity.Quantities;

/** Well-known resource names, and how amounts are kept: CPU in millicores, the rest in base units. */
public final class ResourceNames {
  public static final String CPU = "cpu";
  public static final String MEMORY = "memory";
  public static final String PODS = "pods";
  public static final String EPHEMERAL_STORAGE = "ephemeral-storage";
  public static final String GPU = "nvidia.com/gpu";

  private ResourceNames() {}

  /** A quantity in the unit the simulator counts this resource in. */
  public static long amount(String resource, String quantity) {
    return resource.equals(CPU) ? Quantities.milliValue(quantity) : Quantities.value(quantity);
  }

  /** An amount back as a quantity string. */
  public static String quantity(String resource, long amount) {
    if (resource.equals(CPU)) {
      return amount % 1000 == 0 ? Long.toString(amount / 1000) : amount + "m";
    }
    if (resource.equals(MEMORY) || resource.equals(EPHEMERAL_STORAGE)) {
      return binary(amount);
    }
    return Long.toString(amount);
  }

  private static String binary(long bytes) {
    String[] suffixes = {"", "Ki", "Mi", "Gi", "Ti", "Pi"};
    int i = 0;
    long v = bytes;
    while (i < suffixes.length - 1 && v != 0 && v % 1024 == 0) {
      v /= 1024;
      i++;
    }
    return v + suffixes[i];
  }
}
