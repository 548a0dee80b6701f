package io.tidewater.apiserver.builtin.services;

import java.util.HashSet;
import java.util.Set;

/** The addresses of a set of stored Services, as a server's cache would report them. */
final class MutableAddressesInUse implements ServiceAddressesInUse {
  final Set<String> ips = new HashSet<>();
  final Set<Integer> ports = new HashSet<>();

  @Override
  public Set<String> clusterIps() {
    return Set.copyOf(ips);
  }

  @Override
  public Set<Integer> nodePorts() {
    return Set.copyOf(ports);
  }
}
