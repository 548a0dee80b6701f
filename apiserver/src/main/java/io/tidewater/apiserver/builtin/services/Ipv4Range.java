package io.tidewater.apiserver.builtin.services;

/**
 * An IPv4 CIDR block, such as Kubernetes' default service range {@code 10.96.0.0/12}. Its network
 * and broadcast addresses are never handed out.
 */
public record Ipv4Range(long network, int prefixLength) {

  public static final Ipv4Range DEFAULT_SERVICE_RANGE = parse("10.96.0.0/12");

  public Ipv4Range {
    if (prefixLength < 1 || prefixLength > 30) {
      throw new IllegalArgumentException("prefix length must be 1..30: " + prefixLength);
    }
    long mask = (0xFFFFFFFFL << (32 - prefixLength)) & 0xFFFFFFFFL;
    network = network & mask;
  }

  public static Ipv4Range parse(String cidr) {
    int slash = cidr.indexOf('/');
    if (slash < 0) {
      throw new IllegalArgumentException("not a CIDR: " + cidr);
    }
    Long ip = toLong(cidr.substring(0, slash));
    if (ip == null) {
      throw new IllegalArgumentException("not a CIDR: " + cidr);
    }
    return new Ipv4Range(ip, Integer.parseInt(cidr.substring(slash + 1)));
  }

  /** Addresses in the block, network and broadcast included. */
  public long size() {
    return 1L << (32 - prefixLength);
  }

  /** Whether {@code ip} is a usable address of the block (not its network or broadcast address). */
  public boolean containsUsable(String ip) {
    Long v = toLong(ip);
    return v != null && v > network && v < network + size() - 1;
  }

  /** The {@code offset}-th address of the block. */
  public String address(long offset) {
    return toText(network + offset);
  }

  /** Dotted-quad to number, or null when not an IPv4 address. */
  public static Long toLong(String ip) {
    String[] parts = ip.split("\\.", -1);
    if (parts.length != 4) {
      return null;
    }
    long v = 0;
    for (String p : parts) {
      if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit) || (p.length() > 1 && p.startsWith("0"))) {
        return null;
      }
      int octet = Integer.parseInt(p);
      if (octet > 255) {
        return null;
      }
      v = (v << 8) | octet;
    }
    return v;
  }

  public static String toText(long v) {
    return ((v >> 24) & 255) + "." + ((v >> 16) & 255) + "." + ((v >> 8) & 255) + "." + (v & 255);
  }

  @Override
  public String toString() {
    return toText(network) + "/" + prefixLength;
  }
}
